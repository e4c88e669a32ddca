/**
 * GET /v2/transcript is how a client finds a transcript it may have created when the answer to its POST was lost
 * (drop-after, malformed-json, a timeout): newest first, items with id / status / audio_url / created, the
 * documented query parameters limit, status, created_on, before_id and after_id (API-NOTES §5).
 */
import { call, manualClock, startEmulator, type Emulator } from './support/emulator';
import { recorded } from './support/openapi';

const WILDFIRES = 'https://assembly.ai/wildfires.mp3';
type Item = { id: string; status: string; audio_url: string; created: string };
const ids = (list: { transcripts: Item[] }) => list.transcripts.map((t) => t.id);

describe('The transcript list finds a transcript whose create answer was lost', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'k', queuedMs: 0, processingMs: 0 });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	const list = async (query: string) => {
		const answer = await call(emu, 'GET', `/v2/transcript${query}`);
		expect(answer.status).toBe(200);
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body of any shape
		return answer.json as { page_details: Record<string, any>; transcripts: Item[] };
	};

	it('following prev_url (before_id) walks every transcript newest first, each once, even within one millisecond', async () => {
		const created: string[] = [];
		for (let i = 0; i < 25; i++) {
			created.push((await call(emu, 'POST', '/v2/transcript', { body: { audio_url: `${WILDFIRES}?n=${i}` } })).json.id);
		}
		const seen: string[] = [];
		let page = await list('?limit=10');
		while (page.transcripts.length > 0) {
			seen.push(...ids(page));
			page = await list(page.page_details.prev_url.slice(emu.url.length + '/v2/transcript'.length));
		}
		expect(seen).toEqual([...created].reverse());
		expect(page.page_details).toMatchObject({ result_count: 0, prev_url: null, next_url: null });
	});

	it('items carry id, status, audio_url (the upload URL as sent) and created; a lost create is found by its audio_url', async () => {
		const uploadUrl = (await call(emu, 'POST', '/v2/upload', { body: Buffer.from('audio') })).json.upload_url;
		emu.setFaults([{ route: 'create', kind: 'drop-after', times: 1 }]);
		await expect(call(emu, 'POST', '/v2/transcript', { body: { audio_url: uploadUrl } })).rejects.toThrow();
		for (let i = 0; i < 3; i++) await call(emu, 'POST', '/v2/transcript', { body: { audio_url: `${WILDFIRES}?other=${i}` } });

		const found = (await list('?limit=200')).transcripts.filter((t) => t.audio_url === uploadUrl);
		expect(found).toEqual([
			expect.objectContaining({
				id: emu.faultStats().log[0].transcriptId,
				status: 'completed',
				audio_url: uploadUrl,
				created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
			}),
		]);
	});

	it('after_id pages towards newer transcripts; an unknown before_id/after_id gives an empty page', async () => {
		const created: string[] = [];
		for (let i = 0; i < 6; i++) created.push((await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } })).json.id);
		expect(ids(await list(`?after_id=${created[1]}&limit=2`))).toEqual([created[3], created[2]]);
		expect(ids(await list(`?after_id=${created[1]}`))).toEqual([created[5], created[4], created[3], created[2]]);
		expect(ids(await list(`?before_id=${created[4]}&limit=2`))).toEqual([created[3], created[2]]);
		expect(ids(await list(`?before_id=${created[4]}&after_id=${created[1]}`))).toEqual([created[3], created[2]]);
		expect(ids(await list('?before_id=00000000-0000-0000-0000-000000000000'))).toEqual([]);
		expect(ids(await list('?after_id=00000000-0000-0000-0000-000000000000'))).toEqual([]);
	});

	it('created_on must be YYYY-MM-DD, else 400', async () => {
		for (const bad of ['2026-3-1', 'today', '2026-03-01T00:00:00Z']) {
			const answer = await call(emu, 'GET', `/v2/transcript?created_on=${encodeURIComponent(bad)}`);
			expect(answer.status).toBe(400);
			expect(answer.json.error).toMatch(/^created_on /);
		}
	});
});

describe('created and completed are written as AssemblyAI writes them', () => {
	const at = Date.parse('2024-03-11T21:29:59.936Z');

	async function listedAt(options: Record<string, unknown>) {
		const clock = manualClock(at);
		const emu = await startEmulator({ apiKey: 'k', queuedMs: 100, processingMs: 100, now: clock.now, ...options });
		try {
			await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } });
			clock.advance(1000);
			const [item] = (await call(emu, 'GET', '/v2/transcript')).json.transcripts;
			return { item };
		} finally {
			await emu.close();
		}
	}

	it('by default as the spec and its examples: UTC, no zone designator, microseconds ("2024-03-11T21:29:59.936851")', async () => {
		const { item } = await listedAt({});
		expect(item.created).toBe('2024-03-11T21:29:59.936000');
		expect(item.completed).toBe('2024-03-11T21:30:00.136000');
	});

	it("listTimes 'recorded': with a Z, as the list recorded from the real API in 2025-11", async () => {
		const { item } = await listedAt({ listTimes: 'recorded' });
		expect(item.created).toBe('2024-03-11T21:29:59.936000Z');
		expect(recorded('transcript-list').transcripts[0].created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
	});

	it('a function writes whatever a test needs (a missing time, say)', async () => {
		const { item } = await listedAt({ listTimes: () => null });
		expect(item.created).toBeNull();
	});
});

describe('created_on and status filter by the UTC day and the current status', () => {
	it('a transcript created just before midnight UTC is listed under that day, not the next', async () => {
		const clock = manualClock(Date.parse('2026-03-01T23:59:59.900Z'));
		const emu = await startEmulator({ apiKey: 'k', queuedMs: 100, processingMs: 100, now: clock.now });
		try {
			const late = (await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } })).json.id;
			clock.advance(200); // 2026-03-02T00:00:00.100Z
			const early = (await call(emu, 'POST', '/v2/transcript', { body: { audio_url: WILDFIRES } })).json.id;
			const on = async (q: string) => ids((await call(emu, 'GET', `/v2/transcript?${q}`)).json);
			expect(await on('created_on=2026-03-01')).toEqual([late]);
			expect(await on('created_on=2026-03-02')).toEqual([early]);
			expect(await on('created_on=2026-03-03')).toEqual([]);
			expect(await on('status=completed')).toEqual([late]);
			expect(await on('status=queued')).toEqual([early]);
			expect(await on('status=queued&created_on=2026-03-01')).toEqual([]);
		} finally {
			await emu.close();
		}
	});
});
