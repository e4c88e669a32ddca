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
}

module.exports = { toMultichannel };
