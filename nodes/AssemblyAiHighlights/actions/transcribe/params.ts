import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DEFAULT_SPEECH_MODELS, ENGLISH_LANGUAGE_CODES } from './description';

const splitList = (value: unknown, separator: RegExp) =>
	String(value ?? '')
		.split(separator)
		.map((part) => part.trim())
		.filter((part) => part.length > 0);

/** The JSON for POST /v2/transcript, except audio_url and the webhook's auth header: always with key phrases on. */
export function readTranscriptParams(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = ctx.getNode();
	const options = ctx.getNodeParameter('transcriptOptions', itemIndex, {}) as IDataObject;
	const fail = (message: string, description: string) =>
		new NodeOperationError(node, message, { itemIndex, description });

	const languageCode = String(options.languageCode ?? 'en_us').trim();
	if (!ENGLISH_LANGUAGE_CODES.includes(languageCode)) {
		throw fail(
			`Key phrases are available for English only, but Language is "${languageCode}"`,
			`AssemblyAI's Key Phrases model supports ${ENGLISH_LANGUAGE_CODES.join(', ')}. Choose one of them under Transcript Options > Language.`,
		);
	}
	const speechModels = splitList(options.speechModels ?? DEFAULT_SPEECH_MODELS, /,/);
	if (speechModels.length === 0) {
		throw fail('Speech Models is empty', `Name at least one AssemblyAI speech model, for example "${DEFAULT_SPEECH_MODELS}".`);
	}
	const params: IDataObject = {
		auto_highlights: true,
		language_code: languageCode,
		speech_models: speechModels,
	};

	const keyterms = splitList(options.keytermsPrompt, /[\n,]/);
	if (keyterms.length > 0) params.keyterms_prompt = keyterms;
	if (options.speakerLabels === true) params.speaker_labels = true;
	if (options.multichannel === true) params.multichannel = true;

	const start = Number(options.audioStartFrom ?? 0);
	const end = Number(options.audioEndAt ?? 0);
	if (!Number.isFinite(start) || start < 0 || !Number.isFinite(end) || end < 0) {
		throw fail('Audio Start From and Audio End At must be positive numbers of milliseconds', 'Leave them at 0 to transcribe the whole recording.');
	}
	if (end > 0 && end <= start) {
		throw fail(
			`Audio End At (${end} ms) must be after Audio Start From (${start} ms)`,
			'Both are milliseconds from the start of the recording; 0 for Audio End At means "to the end".',
		);
	}
	if (start > 0) params.audio_start_from = Math.round(start);
	if (end > 0) params.audio_end_at = Math.round(end);

	const webhookUrl = String(options.webhookUrl ?? '').trim();
	if (webhookUrl) {
		if (!isHttpUrl(webhookUrl)) {
			throw fail(`Webhook URL "${webhookUrl}" is not an http(s) URL`, 'Give the full URL AssemblyAI should call, starting with https://.');
		}
		params.webhook_url = webhookUrl;
	}
	return params;
}

export function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
	} catch {
		return false;
	}
}

/** Output "By Speaker" needs speaker labels or channels: said before anything is uploaded or paid for. */
export function checkSpeakersCanBeTold(ctx: IExecuteFunctions, params: IDataObject, output: string, itemIndex: number): void {
	if (output !== 'speakers' || params.speaker_labels === true || params.multichannel === true) return;
	throw new NodeOperationError(ctx.getNode(), 'Output "By Speaker" needs Speaker Labels or Multichannel under Transcript Options', {
		itemIndex,
		description:
			'Turn on Transcript Options > Speaker Labels (several voices on one track) or Multichannel (each speaker on their own channel, as in most call-center recordings), or choose another Output. Nothing was uploaded or paid for.',
	});
}
