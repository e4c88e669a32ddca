import type { INodeProperties } from 'n8n-workflow';
import { AssemblyAiHighlights } from '../../nodes/AssemblyAiHighlights/AssemblyAiHighlights.node';

const { description } = new AssemblyAiHighlights();
const named = (name: string) => description.properties.filter((p) => p.name === name);
const values = (p: INodeProperties) => (p.options ?? []).map((o) => (o as { value: string }).value);

describe('the node description keeps the public contract of DESIGN.md', () => {
	test('type, version, credential, usable as a tool', () => {
		expect(description.name).toBe('assemblyAiHighlights');
		expect(description.version).toBe(1);
		expect(description.credentials).toEqual([
			{ name: 'assemblyAiHighlightsApi', required: true },
			// The webhook's secret header: a credential, so n8n keeps it encrypted and out of the workflow.
			{
				name: 'assemblyAiHighlightsWebhookAuthApi',
				required: true,
				testedBy: 'webhookHeaderAuthTest',
				displayOptions: { show: { operation: ['transcribe'], webhookAuthentication: ['headerAuth'] } },
			},
		]);
		expect(description.usableAsTool).toBe(true);
	});

	test('parameters and their values', () => {
		expect(values(named('operation')[0])).toEqual(['transcribe', 'getHighlights', 'deleteTranscript']);
		expect(named('operation')[0].options?.map((o) => o.name)).toEqual(['Transcribe with Key Phrases', 'Get Highlights', 'Delete Transcript']);
		expect(values(named('source')[0])).toEqual(['binary', 'url']);
		expect(named('binaryPropertyName')[0].default).toBe('data');
		expect(named('audioUrl')).toHaveLength(1);
		expect(named('transcriptId').map((p) => p.displayOptions?.show?.operation)).toEqual([['getHighlights'], ['deleteTranscript']]);
		const forOperation = (p: INodeProperties) => p.displayOptions?.show?.operation;
		expect(named('waitMode').map((p) => [forOperation(p), values(p)])).toEqual([
			[['transcribe'], ['poll', 'callback', 'none']],
			[['getHighlights'], ['poll', 'none']],
		]);
		// Waiting for a callback gives one item per recording (n8n pairs a resumed node's items one to one).
		expect(named('output').map((p) => [p.displayOptions?.show?.waitMode ?? null, p.default, values(p)])).toEqual([
			[null, 'keyPhrases', ['speakers', 'keyPhrases', 'occurrences', 'raw', 'summary']],
			[['poll'], 'keyPhrases', ['speakers', 'keyPhrases', 'occurrences', 'raw', 'summary']],
			[['callback'], 'summary', ['raw', 'summary']],
		]);
		const transcriptOptions = named('transcriptOptions')[0].options as INodeProperties[];
		expect(transcriptOptions.map((o) => o.name).sort()).toEqual(
			['languageCode', 'speechModels', 'keytermsPrompt', 'speakerLabels', 'multichannel', 'audioStartFrom', 'audioEndAt', 'webhookUrl'].sort(),
		);
		// Delete Transcript shapes nothing: no wait, output or options.
		expect(named('options')[0].displayOptions).toEqual({ hide: { operation: ['deleteTranscript'] } });
		expect(named('output').some((p) => !p.displayOptions?.show?.operation || p.displayOptions.show.operation.includes('deleteTranscript'))).toBe(false);
		const options = named('options')[0].options as INodeProperties[];
		const defaults = Object.fromEntries(options.map((o) => [o.name, o.default]));
		expect(defaults).toEqual({
			sortBy: 'rank',
			topN: 0,
			minRank: 0,
			minCount: 0,
			mergeCase: false,
			includeText: false,
			includeContext: false,
			contextWords: 12,
			speakerNames: '',
			deleteAfterReading: false,
			pollIntervalSeconds: 3,
			maxWaitMinutes: 60,
		});
	});
});
