// @ts-check
/**
 * Multichannel transcripts (`multichannel: true`), derived from the recorded one: its two speakers as
 * a stereo call, speaker A on channel 1 (left), B on channel 2 (right), so the emulator can serve a
 * dual-channel call center recording with real words, timings and key phrases.
 *
 * Per AssemblyAI's spec and docs (pre-recorded-audio/multichannel): `audio_channels` is the number of
 * channels; words, utterances (and sentiment results) carry `channel` "1", "2", …; with speaker_labels
 * too, speakers are labelled "{channel}{speaker}" ("1A", "1B", "2A"). INFERRED: without speaker_labels
 * a word's and an utterance's `speaker` is its channel (the docs print utterances as
 * "Channel {utterance.speaker}").
 */
'use strict';

/** @typedef {Record<string, any>} Json */

/**
 * @param {Json} view the completed transcript (a copy), still with the recorded speaker labels; mutated
 * @param {boolean} speakerLabels whether the request also asked for speaker_labels
 */
function toMultichannel(view, speakerLabels) {
	/** @type {Map<string, string>} recorded speaker -> channel, in order of first appearance */
	const channels = new Map();
	for (const word of view.words ?? []) {
		if (typeof word.speaker === 'string' && !channels.has(word.speaker)) channels.set(word.speaker, String(channels.size + 1));
	}
	/** @param {Json} part a word, utterance or sentiment result */
	const relabel = (part) => {
		const channel = channels.get(part.speaker) ?? '1';
		part.channel = channel;
		part.speaker = speakerLabels ? `${channel}A` : channel;
	};
	for (const word of view.words ?? []) relabel(word);
	for (const utterance of view.utterances ?? []) {
		relabel(utterance);
		for (const word of utterance.words ?? []) relabel(word);
	}
	for (const sentence of view.sentiment_analysis_results ?? []) relabel(sentence);
	view.multichannel = true;
	view.audio_channels = Math.max(1, channels.size);
	if (/crosstalk/i.test(String(view.audio_url ?? ''))) addCrosstalk(view, speakerLabels);
}

/**
 * Short words of one party over the other's key phrase, as on real calls (issue 23): the customer's
 * "yeah" (channel 2, 3.82–4.02 s) across the start of the agent's "air quality alerts" (3.92 s), and
 * the agent's "right" (channel 1, 155.90–156.10 s) across the customer's "air pollution" (155.97 s).
 * Key phrases and their timestamps stay the recorded ones: the interjections are not key phrases.
 * @param {Json} view a multichannel view (toMultichannel), mutated
 * @param {boolean} speakerLabels
 */
function addCrosstalk(view, speakerLabels) {
	const said = (/** @type {string} */ text, /** @type {number} */ start, /** @type {number} */ end, /** @type {string} */ channel) => {
		const speaker = speakerLabels ? `${channel}A` : channel;
		return { text, start, end, confidence: 0.9, speaker, channel };
	};
	const extra = [said('yeah', 3820, 4020, '2'), said('right', 155900, 156100, '1')];
	/** @param {Json[]} list sorted by start; mutated */
	const insert = (list, /** @type {Json} */ item) => {
		const at = list.findIndex((x) => x.start > item.start);
		list.splice(at < 0 ? list.length : at, 0, item);
	};
	for (const word of extra) {
		insert(view.words, word);
		if (Array.isArray(view.utterances)) {
			insert(view.utterances, { speaker: word.speaker, channel: word.channel, text: word.text, confidence: word.confidence, start: word.start, end: word.end, words: [{ ...word }] });
		}
	}
}

module.exports = { toMultichannel, addCrosstalk };
