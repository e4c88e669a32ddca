import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { AssemblyAiHighlights } from '../../nodes/AssemblyAiHighlights/AssemblyAiHighlights.node';
import { AssemblyAiHighlightsTrigger } from '../../nodes/AssemblyAiHighlightsTrigger/AssemblyAiHighlightsTrigger.node';

const { description } = new AssemblyAiHighlights();
/** The node's own parameters; those shown only in the AI Agent tool ('@tool') are checked below. */
const inTool = (p: INodeProperties) => p.displayOptions?.show?.['@tool']?.[0] === true;
const named = (name: string) => description.properties.filter((p) => p.name === name && !inTool(p));
const namedInTool = (name: string) => description.properties.filter((p) => p.name === name && !p.displayOptions?.hide?.['@tool']);
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

	test('as an AI Agent tool: a URL source filled by the model, no Raw, no callback, Max Wait 10 minutes, a 4 KB answer', () => {
		expect(namedInTool('source').map(values)).toEqual([['url']]);
		expect(namedInTool('audioUrl').map((p) => p.default)).toEqual([expect.stringMatching(/^=\{\{ \$fromAI\('audioUrl', /)]);
		expect(namedInTool('transcriptId').map((p) => (p.default as { value: string }).value)).toEqual([
			expect.stringMatching(/\$fromAI\('transcriptId', /),
			expect.stringMatching(/\$fromAI\('transcriptId', /),
		]);
		expect(namedInTool('waitMode').map(values)).toEqual([['none', 'poll']]);
		expect(namedInTool('output').map((p) => [p.default, values(p)])).toEqual([
			['topKeyPhrases', ['speakers', 'keyPhrases', 'occurrences', 'summary', 'topKeyPhrases']],
			['topKeyPhrases', ['speakers', 'keyPhrases', 'occurrences', 'summary', 'topKeyPhrases']],
		]);
		expect(namedInTool('maxAnswerKb').map((p) => p.default)).toEqual([4]);
		const maxWait = namedInTool('options').map((p) => (p.options as INodeProperties[]).find((o) => o.name === 'maxWaitMinutes')?.default);
		expect(maxWait).toEqual([10, 10]);
		expect(namedInTool('toolDescription').map((p) => p.displayOptions?.show?.operation)).toEqual([['transcribe'], ['getHighlights'], ['deleteTranscript']]);
	});

	test('parameters and their values', () => {
		// Listed alphabetically by label; the values and the default are the contract.
		expect(values(named('operation')[0])).toEqual(['deleteTranscript', 'getHighlights', 'transcribe']);
		expect(named('operation')[0].default).toBe('transcribe');
		expect(named('operation')[0].options?.map((o) => o.name)).toEqual(['Delete Transcript', 'Get Highlights', 'Transcribe with Key Phrases']);
		expect(values(named('source')[0])).toEqual(['binary', 'url']);
		expect(named('binaryPropertyName')[0].default).toBe('data');
		expect(named('audioUrl')).toHaveLength(1);
		expect(named('transcriptId').map((p) => p.displayOptions?.show?.operation)).toEqual([['getHighlights'], ['deleteTranscript']]);
		const forOperation = (p: INodeProperties) => p.displayOptions?.show?.operation;
		expect(named('waitMode').map((p) => [forOperation(p), values(p)])).toEqual([
			[['transcribe'], ['none', 'poll', 'callback']],
			[['getHighlights'], ['none', 'poll']],
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
		// Delete Transcript, and Transcribe with Don't Wait, shape nothing: no options.
		expect(named('options').map((p) => p.displayOptions)).toEqual([
			{ show: { operation: ['getHighlights'] }, hide: { '@tool': [true] } },
			{ show: { operation: ['transcribe'], waitMode: ['poll', 'callback'] }, hide: { '@tool': [true] } },
		]);
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

/**
 * n8n's UX guidelines, checked over every parameter of the node and the trigger (nested collections
 * and resource locator modes too), so a new parameter that breaks one fails here.
 */
describe("the node and trigger descriptions follow n8n's UX guidelines", () => {
	const trigger = new AssemblyAiHighlightsTrigger().description;
	type Any = Record<string, unknown>;
	interface Found {
		path: string;
		property: INodeProperties;
	}
	/** Every parameter, and every parameter inside a collection, with a readable path. */
	const walk = (properties: INodeProperties[], at: string): Found[] =>
		properties.flatMap((property) => {
			const path = `${at} > ${property.displayName.slice(0, 40)}`;
			const nested =
				property.type === 'collection' ? walk(property.options as INodeProperties[], path) : [];
			return [{ path, property }, ...nested];
		});
	const all = [...walk(description.properties, description.displayName), ...walk(trigger.properties, trigger.displayName)];

	/** Every text a user reads: labels, descriptions, hints, placeholders, actions, option names. */
	const texts = (): Array<[string, string]> => {
		const out: Array<[string, string]> = [];
		for (const { path, property } of all) {
			for (const key of ['displayName', 'description', 'hint', 'placeholder'] as const) {
				// A notice's text is its displayName: read as a description.
				if (key === 'displayName' && property.type === 'notice') out.push([`${path} .notice.description`, property.displayName]);
				if (typeof property[key] === 'string') out.push([`${path} .${key}`, property[key]]);
			}
			if (property.type === 'options') {
				for (const option of property.options as unknown as Any[]) {
					for (const key of ['name', 'description', 'action']) {
						if (typeof option[key] === 'string') out.push([`${path} [${String(option.value)}].${key}`, option[key]]);
					}
				}
			}
			for (const mode of property.modes ?? []) {
				out.push([`${path} (${mode.name}).displayName`, mode.displayName]);
				if (mode.hint) out.push([`${path} (${mode.name}).hint`, mode.hint]);
				if (mode.placeholder) out.push([`${path} (${mode.name}).placeholder`, mode.placeholder]);
			}
		}
		for (const d of [description, trigger]) {
			out.push([`${d.displayName} .description`, d.description]);
			if (d.subtitle) out.push([`${d.displayName} .subtitle`, d.subtitle]);
		}
		return out;
	};

	test('action names have no article and are in sentence case', () => {
		const actions = (named('operation')[0].options as Array<{ action?: string }>).map((o) => o.action ?? '');
		const wrong = actions.filter(
			(action) => /\b(a|an|the)\b/i.test(action) || action[0] !== action[0].toUpperCase() || /\s[A-Z][a-z]/.test(action.replace(/AssemblyAI/g, '')),
		);
		expect(wrong).toEqual([]);
	});

	test('one term for one thing: every label says "key phrases", except the names the user chose', () => {
		// The node and trigger names, the operation Get Highlights (the user's name for it, with its
		// action), the field `highlights` in <code>, and the value getHighlights are the public contract
		// (DESIGN.md); everything else a user reads says "key phrases".
		const allowed = /AssemblyAI Highlights( Trigger)?|'?Get Highlights'?|Get highlights of transcript|<code>highlights<\/code>|'highlights'|getHighlights|auto_highlights/g;
		const wrong = texts().filter(([, text]) => /highlight/i.test(text.replace(allowed, '')));
		expect(wrong).toEqual([]);
		expect(named('operation')[0].options?.find((o) => (o as { value: string }).value === 'getHighlights')).toMatchObject({
			name: 'Get Highlights',
			action: 'Get highlights of transcript',
			description: expect.stringMatching(/key phrases/),
		});
		expect(description.subtitle).toMatch(/"Get Highlights"/);
	});

	test('every placeholder of an input starts with "e.g."', () => {
		// Collections' placeholders label their "Add" button, and a list's placeholder its dropdown.
		// The webhook auth header name moves into a Header Auth credential (issue 14, another branch).
		const placeholders: Array<[string, string]> = [];
		for (const { path, property } of all) {
			if (property.name === 'webhookAuthHeaderName') continue;
			if (property.placeholder !== undefined && property.type !== 'collection' && property.type !== 'fixedCollection') {
				placeholders.push([path, property.placeholder]);
			}
			for (const mode of property.modes ?? []) {
				if (mode.type !== 'list' && mode.placeholder !== undefined) placeholders.push([`${path} (${mode.name})`, mode.placeholder]);
			}
		}
		expect(placeholders.length).toBeGreaterThan(3);
		expect(placeholders.filter(([, text]) => !text.startsWith('e.g. '))).toEqual([]);
	});

	test("parameter names in descriptions and hints are in single quotes ('Max Wait')", () => {
		// Every label of a parameter the user can set, without its unit: "Max Wait (Minutes)" is 'Max Wait'.
		const labels = new Set(
			all
				.filter(({ property }) => property.type !== 'notice')
				.map(({ property }) => property.displayName.replace(/\s*\(.*\)$/, ''))
				.filter((label) => label.includes(' ') || label === 'Multichannel'),
		);
		const wrong: string[] = [];
		for (const [path, text] of texts()) {
			if (!/\.(description|hint)$/.test(path) && !/\]\.description$/.test(path)) continue;
			// The trigger's setup notice is rewritten with the auth header's move to a credential (branch secrets).
			if (path.includes("Give this node's Production URL")) continue;
			for (const label of labels) {
				const unquoted = new RegExp(`(^|[^'])${label.replace(/[()]/g, '\\$&')}(?![\\w'])`);
				if (unquoted.test(text.replace(new RegExp(`'${label}( \\([^)]*\\))?'`, 'g'), ''))) wrong.push(`${path}: ${label}`);
			}
		}
		expect(wrong).toEqual([]);
	});

	test('option lists are sorted alphabetically', () => {
		const unsorted: string[] = [];
		const sorted = (names: string[]) => names.every((name, i) => i === 0 || names[i - 1].localeCompare(name) <= 0);
		for (const { path, property } of all) {
			if (property.type === 'options' && !sorted((property.options as Array<{ name: string }>).map((o) => o.name))) unsorted.push(path);
			if (property.type === 'collection' && !sorted((property.options as INodeProperties[]).map((o) => o.displayName))) unsorted.push(path);
		}
		expect(unsorted).toEqual([]);
		// Sorting changes the order, never the defaults.
		expect(named('operation')[0].default).toBe('transcribe');
		expect(named('waitMode').map((p) => p.default)).toEqual(['poll', 'poll']);
		expect(namedInTool('waitMode').map((p) => p.default)).toEqual(['poll']);
	});

	test("the trigger's subtitle is in Title Case; the binary field is 'Input Data Field Name'", () => {
		const small = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'by', 'with', 'is']);
		const words = String(trigger.subtitle).split(' ');
		expect(words.filter((word, i) => (i === 0 || !small.has(word)) && word[0] !== word[0].toUpperCase())).toEqual([]);
		expect(named('binaryPropertyName').map((p) => [p.displayName, p.default])).toEqual([['Input Data Field Name', 'data']]);
	});

	describe('options are shown only where they apply (as the editor decides, with n8n-workflow\'s NodeHelpers)', () => {
		/** The Options a user can add for these node parameters, found the way the editor finds them. */
		const addable = (parameters: INodeParameters, node = description): string[] | null => {
			const shown = node.properties.filter((p) => p.name === 'options' && NodeHelpers.displayParameter(parameters, p, null, node, parameters));
			if (shown.length === 0) return null;
			expect(shown).toHaveLength(1);
			return (shown[0].options as INodeProperties[])
				.filter((option) => NodeHelpers.displayParameterPath(parameters, option, 'options', null, node))
				.map((option) => option.name);
		};
		const WAITING = ['pollIntervalSeconds', 'maxWaitMinutes'];

		test("Transcribe with Don't Wait shapes nothing, so it has no options at all", () => {
			expect(addable({ operation: 'transcribe', waitMode: 'none', options: {} })).toBeNull();
			expect(addable({ operation: 'deleteTranscript', options: {} })).toBeNull();
		});

		test("polling options only where the node polls; Max Wait also bounds a callback; none under Don't Wait", () => {
			expect(addable({ operation: 'transcribe', waitMode: 'poll', output: 'keyPhrases', options: {} })).toEqual(expect.arrayContaining(WAITING));
			expect(addable({ operation: 'getHighlights', waitMode: 'poll', output: 'keyPhrases', options: {} })).toEqual(expect.arrayContaining(WAITING));
			const callback = addable({ operation: 'transcribe', waitMode: 'callback', output: 'summary', options: {} });
			expect(callback).toContain('maxWaitMinutes');
			expect(callback).not.toContain('pollIntervalSeconds');
			const dontWait = addable({ operation: 'getHighlights', waitMode: 'none', output: 'keyPhrases', options: {} });
			expect(dontWait).not.toContain('pollIntervalSeconds');
			expect(dontWait).not.toContain('maxWaitMinutes');
			expect(addable({ operation: 'transcribe', waitMode: 'poll' }, new AssemblyAiHighlightsTrigger().description)).not.toContain('maxWaitMinutes');
		});

		test("Context Words only with Include Context; Include Transcript Text only for the Summary output", () => {
			const base = { operation: 'getHighlights', waitMode: 'poll', output: 'keyPhrases' };
			expect(addable({ ...base, options: {} })).not.toContain('contextWords');
			expect(addable({ ...base, options: { includeContext: false } })).not.toContain('contextWords');
			expect(addable({ ...base, options: { includeContext: true } })).toContain('contextWords');
			expect(addable({ ...base, options: {} })).not.toContain('includeText');
			expect(addable({ ...base, output: 'summary', options: {} })).toContain('includeText');
		});
	});
});
