import type { INode } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { AssemblyAiHighlights } from '../../nodes/AssemblyAiHighlights/AssemblyAiHighlights.node';
import { createTranscriptDirectly, FAST, useEmulator } from '../helpers/emulator';
import { searchList } from '../helpers/listSearch';
import { runNode } from '../helpers/runNode';

const env = useEmulator();
const OTHER_AUDIO = 'https://storage.example.com/calls/sales-call.mp3';
const NAME = /^(?<file>[^·]+) · (?<status>queued|processing|completed|error) · (?<time>\d{4}-\d{2}-\d{2} \d{2}:\d{2}) \((?<zone>[^)]+)\) · (?<id>[0-9a-f]{8})$/;

const search = (extra: { filter?: string; paginationToken?: string; timezone?: string } = {}) =>
	searchList({ method: 'searchTranscripts', credentials: env.credentials(), parameters: { operation: 'getHighlights' }, ...extra });

/** What the emulator's list requests asked for: before_id of each. */
const listRequests = () =>
	env.emu.requests.filter((r) => r.method === 'GET' && /^\/v2\/transcript(\?|$)/.test(r.path)).map((r) => new URL(r.path, 'http://x').searchParams.get('before_id'));

describe('Transcript "From List": the list search in n8n-core\'s LoadOptionsContext against the emulator', () => {
	test('the recent transcripts, newest first, each named by its audio file, status, creation time and ID', async () => {
		env.emu.setClock({ queuedMs: 0, processingMs: 0 });
		const first = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		env.emu.setClock({ queuedMs: 60_000, processingMs: 60_000 });
		const second = await createTranscriptDirectly(env.emu, { auto_highlights: true, audio_url: OTHER_AUDIO });
		env.emu.setClock({ queuedMs: 0, processingMs: 0 });
		const third = await createTranscriptDirectly(env.emu, { auto_highlights: true });

		const { results, paginationToken } = await search({ timezone: 'UTC' });
		expect(results.map((r) => r.value)).toEqual([third, second, first]);
		expect(paginationToken).toBeUndefined();
		const named = results.map((r) => NAME.exec(String(r.name))?.groups);
		expect(named.map((n) => [n?.file, n?.status, n?.zone, n?.id])).toEqual([
			['wildfires.mp3', 'completed', 'UTC', third.slice(0, 8)],
			['sales-call.mp3', 'queued', 'UTC', second.slice(0, 8)],
			['wildfires.mp3', 'completed', 'UTC', first.slice(0, 8)],
		]);
		// The time is the list's `created` (written without a zone: UTC), to the minute.
		const listed = (await (await fetch(`${env.emu.url}/v2/transcript`, { headers: { authorization: env.emu.apiKey } })).json()) as { transcripts: Array<{ created: string }> };
		expect(named.map((n) => n?.time)).toEqual(listed.transcripts.map((t) => t.created.slice(0, 16).replace('T', ' ')));
		// In the workflow's time zone when it has one.
		const kolkata = (await search({ timezone: 'Asia/Kolkata' })).results.map((r) => NAME.exec(String(r.name))?.groups);
		const minutes = (time: string) => Date.parse(`${time.replace(' ', 'T')}:00Z`) / 60_000;
		expect(kolkata.map((n) => n?.zone)).toEqual(['Asia/Kolkata', 'Asia/Kolkata', 'Asia/Kolkata']);
		expect(kolkata.map((n, i) => minutes(n!.time) - minutes(named[i]!.time))).toEqual([330, 330, 330]);
	});

	test('the filter matches the ID or the audio URL, case-insensitively', async () => {
		const wildfires = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		const sales = await createTranscriptDirectly(env.emu, { auto_highlights: true, audio_url: OTHER_AUDIO });
		expect((await search({ filter: 'Sales-Call' })).results.map((r) => r.value)).toEqual([sales]);
		expect((await search({ filter: wildfires.slice(0, 13).toUpperCase() })).results.map((r) => r.value)).toEqual([wildfires]);
		expect((await search({ filter: 'no such recording' })).results).toEqual([]);
	});

	test('pages of 100 follow page_details.prev_url: the token is the next before_id, the last page gives none', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 101; i++) ids.push(await createTranscriptDirectly(env.emu, { auto_highlights: true }));
		const newestFirst = [...ids].reverse();

		const page1 = await search();
		expect(page1.results.map((r) => r.value)).toEqual(newestFirst.slice(0, 100));
		expect(page1.paginationToken).toBe(newestFirst[99]);
		const page2 = await search({ paginationToken: page1.paginationToken });
		expect(page2.results.map((r) => r.value)).toEqual([newestFirst[100]]);
		expect(page2.paginationToken).toBeUndefined();
		expect(listRequests()).toEqual([null, newestFirst[99]]);
	});

	test('with a filter, further pages are read for matches (AssemblyAI cannot search)', async () => {
		const sales = await createTranscriptDirectly(env.emu, { auto_highlights: true, audio_url: OTHER_AUDIO });
		for (let i = 0; i < 150; i++) await createTranscriptDirectly(env.emu, { auto_highlights: true });
		const found = await search({ filter: 'sales-call' });
		expect(found.results.map((r) => r.value)).toEqual([sales]);
		expect(found.paginationToken).toBeUndefined();
		expect(listRequests()).toHaveLength(2);
	});

	test('a wrong API key: the list search fails with AssemblyAI\'s reason', async () => {
		await expect(searchList({ method: 'searchTranscripts', credentials: env.credentials('wrong-key'), parameters: {} })).rejects.toThrow(/401|Authentication|API key/i);
	});
});

describe('Transcript as a resource locator: every mode, and 0.1 workflows\' plain strings, in real n8n-core', () => {
	const getKeyPhrases = (transcriptId: unknown) => ({ operation: 'getHighlights', transcriptId, output: 'summary', options: FAST }) as never;
	const dashboardLink = (id: string) => `https://www.assemblyai.com/app/transcripts/${id}`;

	test.each([
		['From List', (id: string) => ({ __rl: true, mode: 'list', value: id, cachedResultName: 'wildfires.mp3' })],
		['By ID', (id: string) => ({ __rl: true, mode: 'id', value: ` ${id} ` })],
		['By ID, an expression', () => ({ __rl: true, mode: 'id', value: '={{ $json.id }}' })],
		['By URL, a dashboard link', (id: string) => ({ __rl: true, mode: 'url', value: dashboardLink(id) })],
		['By URL, the API resource_url', (id: string) => ({ __rl: true, mode: 'url', value: `https://api.eu.assemblyai.com/v2/transcript/${id}?x=1` })],
		['By URL, an expression', () => ({ __rl: true, mode: 'url', value: '=https://www.assemblyai.com/app/transcripts/{{ $json.id }}' })],
		['a plain string (0.1)', (id: string) => id],
		['a plain expression (0.1)', () => '={{ $json.id }}'],
	])('Get Highlights with %s', async (_mode, value) => {
		const id = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		const result = await runNode({ parameters: getKeyPhrases(value(id)), inputs: [{ json: { id } }], credentials: env.credentials() });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.transcriptId, (i.json.keyPhrases as unknown[]).length])).toEqual([[id, 15]]);
	});

	test('Delete Transcript By URL deletes the transcript the link names', async () => {
		const id = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		const result = await runNode({
			parameters: { operation: 'deleteTranscript', transcriptId: { __rl: true, mode: 'url', value: dashboardLink(id) } },
			credentials: env.credentials(),
		});
		expect(result.items.map((i) => i.json)).toEqual([{ transcriptId: id, deleted: true }]);
	});

	test('a link that names no transcript, and an empty ID: errors that say what to do, per item', async () => {
		const id = await createTranscriptDirectly(env.emu, { auto_highlights: true });
		const result = await runNode({
			parameters: getKeyPhrases({ __rl: true, mode: 'url', value: '={{ $json.link }}' }),
			inputs: [{ json: { link: 'https://www.assemblyai.com/app/account' } }, { json: { link: dashboardLink(id) } }],
			onError: 'continueRegularOutput',
			credentials: env.credentials(),
		});
		expect(result.items.map((i) => [i.pairedItem, i.json.transcriptId, typeof i.json.error])).toEqual([
			[{ item: 0 }, undefined, 'string'],
			[{ item: 1 }, id, 'undefined'],
		]);
		expect(result.items[0].json.error).toMatch(/Transcript parameter's value is invalid.*URL/);

		const empty = await runNode({ parameters: getKeyPhrases({ __rl: true, mode: 'id', value: '={{ $json.missing }}' }), credentials: env.credentials() });
		expect(empty.error?.message).toBe('Transcript ID is empty');
		expect(empty.error?.description).toMatch(/Choose a transcript from the list, or map its ID/);
	});
});

describe('Transcript By ID and By URL validation, as the editor checks it (NodeHelpers.getNodeParametersIssues)', () => {
	const { description } = new AssemblyAiHighlights();
	const issues = (mode: string, value: string) => {
		const node = { name: 'n', type: 'assemblyAiHighlights', typeVersion: 1, parameters: { operation: 'getHighlights', transcriptId: { __rl: true, mode, value } } } as unknown as INode;
		return NodeHelpers.getNodeParametersIssues(description.properties, node, description)?.parameters?.transcriptId ?? [];
	};
	// Every ID in AssemblyAI's recorded responses and spec, old shapes too.
	const REAL_IDS = ['3c3bdee9-764f-45b1-82b8-d01a24a9c1bc', 'ce522f10-d204-42e8-a838-6b95098145cc', '64nygnr62k-405c-4ae8-8a6b-d90b40ff3cce', '62npeahu2b-a8ea-4112-854c-69542c20d90c', '5552493-16d8-42d8-8feb-c2a16b56f6e8'];

	test('real IDs and links pass; other text is flagged; expressions are not checked', () => {
		for (const id of REAL_IDS) {
			expect(issues('id', id)).toEqual([]);
			expect(issues('url', `https://www.assemblyai.com/app/transcripts/${id}`)).toEqual([]);
			expect(issues('url', `https://api.assemblyai.com/v2/transcript/${id}`)).toEqual([]);
		}
		expect(issues('id', 'not-an-id')).toEqual([expect.stringMatching(/Not a transcript ID/)]);
		expect(issues('id', 'https://www.assemblyai.com/app/transcripts/3c3bdee9-764f-45b1-82b8-d01a24a9c1bc')).not.toEqual([]);
		expect(issues('url', 'https://example.com/transcripts/3c3bdee9-764f-45b1-82b8-d01a24a9c1bc')).toEqual([expect.stringMatching(/Not a link/)]);
		expect(issues('id', '={{ $json.id }}')).toEqual([]);
	});
});
