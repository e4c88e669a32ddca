import type { INodeProperties } from 'n8n-workflow';
import { AssemblyAiHighlights } from '../../nodes/AssemblyAiHighlights/AssemblyAiHighlights.node';

const { description } = new AssemblyAiHighlights();
const named = (name: string) => description.properties.filter((p) => p.name === name);
const values = (p: INodeProperties) => (p.options ?? []).map((o) => (o as { value: string }).value);

describe('the node description keeps the public contract of DESIGN.md', () => {
	test('type, version, credential, usable as a tool', () => {
		expect(description.name).toBe('assemblyAiHighlights');
		expect(description.version).toBe(1);
		expect(description.credentials).toEqual([{ name: 'assemblyAiHighlightsApi', required: true }]);
		expect(description.usableAsTool).toBe(true);
	});

	test('parameters and their values', () => {
		expect(values(named('operation')[0])).toEqual(['transcribe', 'getHighlights']);
		expect(named('operation')[0].options?.map((o) => o.name)).toEqual(['Transcribe with Key Phrases', 'Get Highlights']);
		expect(values(named('source')[0])).toEqual(['binary', 'url']);
		expect(named('binaryPropertyName')[0].default).toBe('data');
		expect(named('audioUrl')).toHaveLength(1);
		expect(named('transcriptId')).toHaveLength(1);
		const forOperation = (p: INodeProperties) => p.displayOptions?.show?.operation;
		expect(named('waitMode').map((p) => [forOperation(p), values(p)])).toEqual([
			[['transcribe'], ['poll', 'callback', 'none']],
			[['getHighlights'], ['poll', 'none']],
		]);
		// Waiting for a callback gives one item per recording (n8n pairs a resumed node's items one to one).
		expect(named('output').map((p) => [p.displayOptions?.show?.waitMode ?? null, p.default, values(p)])).toEqual([
			[null, 'keyPhrases', ['keyPhrases', 'occurrences', 'summary', 'raw']],
			[['poll'], 'keyPhrases', ['keyPhrases', 'occurrences', 'summary', 'raw']],
			[['callback'], 'summary', ['summary', 'raw']],
		]);
		const transcriptOptions = named('transcriptOptions')[0].options as INodeProperties[];
		expect(transcriptOptions.map((o) => o.name).sort()).toEqual(
			['languageCode', 'speechModels', 'keytermsPrompt', 'speakerLabels', 'audioStartFrom', 'audioEndAt', 'webhookUrl', 'webhookAuthHeaderName', 'webhookAuthHeaderValue'].sort(),
		);
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
			pollIntervalSeconds: 3,
			maxWaitMinutes: 60,
		});
	});
});
