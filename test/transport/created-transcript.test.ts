/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/**
 * The pure parts of finding a transcript after a lost answer: AssemblyAI's time stamps, which list
 * items may be the transcript, whether a transcript is the one asked for, and the order in which an
 * execution's transcript requests and searches go.
 */
import type { IDataObject } from 'n8n-workflow';
import { parseApiTime } from '../../nodes/AssemblyAiHighlights/transport/apiTime';
import { TranscriptClaims } from '../../nodes/AssemblyAiHighlights/transport/claims';
import { matchesRequest, readListPage, requestDifferences } from '../../nodes/AssemblyAiHighlights/transport/createdTranscript';

describe("AssemblyAI's time stamps, whatever this process's time zone", () => {
	test.each([
		['2024-03-11T21:29:59.936851', '2024-03-11T21:29:59.936Z'], // the spec's examples: no zone means UTC
		['2024-03-11T21:29:59', '2024-03-11T21:29:59.000Z'],
		['2024-03-11 21:29:59.9', '2024-03-11T21:29:59.900Z'],
		['2025-11-27T05:20:21.843761Z', '2025-11-27T05:20:21.843Z'], // the 2025-11 recording
		['2024-03-11T23:29:59.936851+02:00', '2024-03-11T21:29:59.936Z'], // an explicit zone is honoured
		['2024-03-11T16:29:59.936851-0500', '2024-03-11T21:29:59.936Z'],
	])('%s is %s', (text, iso) => {
		expect(parseApiTime(text)).toBe(Date.parse(iso));
	});

	test.each([null, undefined, '', 'yesterday', '2024-03-11', 1710192599936])('%j is not a time (NaN)', (value) => {
		expect(parseApiTime(value)).toBeNaN();
	});
});

describe('list items that may be the transcript looked for', () => {
	const windowStart = Date.parse('2024-03-11T21:25:00Z');
	const item = (id: string, created: string | null, audio_url = 'https://a/x.mp3'): IDataObject => ({ id, created, audio_url, status: 'queued' });

	test('same audio URL, created in the window or at an unknown time, not claimed; newest first, so older pages are not needed once one is before the window', () => {
		const page = [
			item('new', '2024-03-11T21:29:59.936851'),
			item('other-url', '2024-03-11T21:29:00', 'https://a/y.mp3'),
			item('claimed', '2024-03-11T21:28:00'),
			item('no-time', null),
			item('old', '2024-03-11T21:20:00'),
		];
		const reading = readListPage(page, 'https://a/x.mp3', windowStart, (id) => id === 'claimed');
		expect(reading.candidates.map((c) => c.id)).toEqual(['new', 'no-time']);
		expect(reading.candidates[1].created).toBeNaN();
		expect(reading.reachesBefore).toBe(true);
	});

	test('a page entirely in the window does not reach before it', () => {
		expect(readListPage([item('a', '2024-03-11T21:29:00')], 'https://a/x.mp3', windowStart, () => false).reachesBefore).toBe(false);
	});
});

describe('whether a transcript is what the request asked for', () => {
	const sent = {
		audio_url: 'https://a/x.mp3',
		auto_highlights: true,
		language_code: 'en_us',
		speech_models: ['universal-3-5-pro', 'universal-2'],
		keyterms_prompt: ['Acme'],
		speaker_labels: true,
		audio_start_from: 1000,
		webhook_url: 'https://n8n.example/webhook-waiting/42',
		webhook_auth_header_name: 'X-Secret',
		webhook_auth_header_value: 'never echoed',
	};
	const echoed: IDataObject = { ...sent, id: 't', status: 'queued', webhook_auth: true, audio_end_at: null, multichannel: null };
	delete echoed.webhook_auth_header_value;

	test('the transcript of that request', () => {
		expect(matchesRequest(echoed, sent)).toBe(true);
	});

	test.each([
		['another audio URL', { audio_url: 'https://a/y.mp3' }],
		['other speech models', { speech_models: ['universal-2'] }],
		['models in another order', { speech_models: ['universal-2', 'universal-3-5-pro'] }],
		['another language', { language_code: 'en_uk' }],
		['other key terms', { keyterms_prompt: ['Other'] }],
		['no speaker labels', { speaker_labels: false }],
		['another start', { audio_start_from: 2000 }],
		['an end that was not asked for', { audio_end_at: 60000 }],
		['another webhook URL', { webhook_url: 'https://n8n.example/webhook-waiting/43' }],
		['no webhook auth', { webhook_auth: false, webhook_auth_header_name: null }],
		['key phrases off', { auto_highlights: false }],
		['multichannel, not asked for', { multichannel: true }],
	])('not with %s', (_label, change) => {
		expect(matchesRequest({ ...echoed, ...change }, sent)).toBe(false);
	});

	test('no normalisation is assumed: en_us echoed as en is a difference, named with both values; a webhook URL is named, not shown', () => {
		expect(requestDifferences({ ...echoed, language_code: 'en' }, sent)).toEqual(['language_code "en", sent "en_us"']);
		expect(requestDifferences({ ...echoed, webhook_url: 'https://n8n.example/webhook-waiting/43?token=abc' }, sent)).toEqual(['another webhook_url']);
	});

	test('fields a transcript reports as null or not at all prove nothing (a queued transcript may not show them yet)', () => {
		const sparse = { id: 't', status: 'queued', audio_url: sent.audio_url, keyterms_prompt: null, speech_models: null };
		expect(matchesRequest(sparse, sent)).toBe(true);
	});

	test('a request without the optional fields does not match a transcript that has them', () => {
		const plain = { audio_url: sent.audio_url, auto_highlights: true, language_code: 'en_us', speech_models: ['universal-2'] };
		expect(matchesRequest({ ...plain, keyterms_prompt: [], speaker_labels: false, webhook_url: null, webhook_auth: false }, plain)).toBe(true);
		expect(matchesRequest({ ...plain, speaker_labels: true }, plain)).toBe(false);
		expect(matchesRequest({ ...plain, webhook_auth: true }, plain)).toBe(false);
		expect(matchesRequest({ ...plain, keyterms_prompt: ['x'] }, plain)).toBe(false);
	});
});

describe('the order of an execution\'s transcript requests and searches', () => {
	/** A request or search that runs until `finish()` is called. */
	function held() {
		let finish!: () => void;
		const done = new Promise<void>((resolve) => (finish = resolve));
		return { finish, run: async () => await done };
	}
	const settle = async () => await new Promise((resolve) => setImmediate(resolve));

	test('requests go out together; a search waits for those in flight, holds back later ones, and searches go one at a time', async () => {
		const claims = new TranscriptClaims();
		const log: string[] = [];
		const step = (name: string, work: ReturnType<typeof held>) => async () => {
			log.push(`${name} starts`);
			await work.run();
			log.push(`${name} ends`);
		};
		const [a, b, s1, s2, c] = [held(), held(), held(), held(), held()];
		const all = [
			claims.send(step('send a', a)),
			claims.send(step('send b', b)),
			claims.search(step('search 1', s1)),
			claims.send(step('send c', c)),
			claims.search(step('search 2', s2)),
		];
		await settle();
		expect(log).toEqual(['send a starts', 'send b starts']);
		a.finish();
		await settle();
		expect(log.at(-1)).toBe('send a ends');
		b.finish();
		await settle();
		expect(log.slice(-2)).toEqual(['send b ends', 'search 1 starts']);
		s1.finish();
		await settle();
		expect(log.slice(-2)).toEqual(['search 1 ends', 'send c starts']);
		c.finish();
		await settle();
		expect(log.slice(-2)).toEqual(['send c ends', 'search 2 starts']);
		s2.finish();
		await Promise.all(all);
		expect(log.at(-1)).toBe('search 2 ends');
	});

	test('a request or search that fails lets the next one go', async () => {
		const claims = new TranscriptClaims();
		await expect(claims.send(async () => await Promise.reject(new Error('reset')))).rejects.toThrow('reset');
		await expect(claims.search(async () => await Promise.reject(new Error('list failed')))).rejects.toThrow('list failed');
		await expect(claims.send(async () => 'answered')).resolves.toBe('answered');
	});

	test('claimed IDs are remembered', () => {
		const claims = new TranscriptClaims();
		claims.claim('t1');
		expect(claims.has('t1')).toBe(true);
		expect(claims.has('t2')).toBe(false);
	});
});
