/**
 * Every emulator response is checked against the schema the official spec (fixtures/openapi.yml: AssemblyAI's spec of
 * 2026-08-18, see fixtures/README.md) declares for its path + method + status + media type. Real AssemblyAI responses do not fully match the spec either (API-NOTES §4.1, §5),
 * so the rule is: the emulator may deviate from the spec only in the exact ways the real recorded responses do,
 * and those recorded deviations are themselves pinned down below, one by one.
 */
import { call, manualClock, startEmulator, type Answer, type Emulator } from './support/emulator';
import {
	componentResponse,
	declaredMediaTypes,
	invalidSchemaTypes,
	publishedSpec,
	recorded,
	SPEC_TYPE_REPAIRS,
	responseSchemaPointer,
	spec,
	specViolations,
	violationsOf,
	type Method,
} from './support/openapi';

// Keys that real Transcript responses carry but the spec's Transcript (additionalProperties: false) does not define.
const REAL_EXTRA_KEYS = [
	'/ additionalProperties:boost_param',
	'/ additionalProperties:custom_topics_results',
	'/ additionalProperties:dual_channel',
	'/ additionalProperties:is_deleted', // absent from the recorded DELETE response
	'/ additionalProperties:language_detection_results',
	'/ additionalProperties:project_id',
	'/ additionalProperties:speaker_options',
	'/ additionalProperties:token_id',
	'/ additionalProperties:word_boost',
];
// Fields the real API returns as null although the spec's type does not allow null.
const REAL_NULLS = [
	'/language_detection_options type',
	'/prompt type',
	'/redact_pii_audio_options type',
	'/redact_pii_sub enum',
	'/redact_pii_sub type',
	'/speech_understanding type',
	'/translated_texts type',
];
const REAL_NULL_SPEECH_MODEL_USED = ['/speech_model_used enum', '/speech_model_used type'];
// Recorded in 2025-11 with the model "universal", which the 2026-08 spec's SpeechModel enum no longer lists.
const RECORDED_RETIRED_MODEL = ['/speech_model_used enum', '/speech_models/* enum'];
// content_safety_labels {"status":"unavailable","results":[],"summary":{}} lacks the required severity_score_summary.
const REAL_UNAVAILABLE_CONTENT_SAFETY = [
	'/content_safety_labels oneOf',
	'/content_safety_labels required:severity_score_summary',
	'/content_safety_labels type',
];
// The queued response has `{}` for both model results, which match neither the object schema nor null.
const REAL_EMPTY_MODEL_RESULTS = [
	'/content_safety_labels oneOf',
	'/content_safety_labels required:results',
	'/content_safety_labels required:severity_score_summary',
	'/content_safety_labels required:status',
	'/content_safety_labels required:summary',
	'/content_safety_labels type',
	'/iab_categories_result oneOf',
	'/iab_categories_result required:results',
	'/iab_categories_result required:status',
	'/iab_categories_result required:summary',
	'/iab_categories_result type',
];

const sorted = (...lists: string[][]) => [...new Set(lists.flat())].sort();

/**
 * `language_code: null` while the language is still being detected: the Transcript schema allows no null, but the
 * 2026-08 spec's own POST /v2/transcript example (a queued transcript without language_code) shows it.
 */
const SPEC_EXAMPLE_NULL_LANGUAGE = ['/language_code anyOf', '/language_code enum', '/language_code type'];

const RECORDED_DEVIATIONS = {
	completed: sorted(REAL_EXTRA_KEYS, REAL_NULLS, RECORDED_RETIRED_MODEL),
	queued: sorted(REAL_EXTRA_KEYS, REAL_NULLS, REAL_NULL_SPEECH_MODEL_USED, RECORDED_RETIRED_MODEL, REAL_EMPTY_MODEL_RESULTS, [
		'/keyterms_prompt type', // null in the queued response, [] once completed
	]),
	deleted: sorted(
		REAL_EXTRA_KEYS.filter((k) => !k.endsWith(':is_deleted')),
		REAL_NULLS,
		REAL_NULL_SPEECH_MODEL_USED,
		REAL_UNAVAILABLE_CONTENT_SAFETY,
	),
	specCreateExample: sorted(
		REAL_EXTRA_KEYS,
		['/ additionalProperties:redact_static_entities'], // a request field the example echoes
		REAL_NULLS,
		REAL_NULL_SPEECH_MODEL_USED,
		RECORDED_RETIRED_MODEL, // the example names universal-3-pro, which its own enum no longer lists
		REAL_EMPTY_MODEL_RESULTS,
		['/keyterms_prompt type'],
		SPEC_EXAMPLE_NULL_LANGUAGE,
	),
	list: [
		'/transcripts/* additionalProperties:region', // extra `region: null` on every item
		'/transcripts/*/audio_url format:url', // "deleted_by_user", no scheme
		'/transcripts/*/completed pattern', // timestamps end in "Z"; the spec's pattern has no zone
		'/transcripts/*/created pattern',
	],
};

/**
 * A deviation is explained when some real recorded response of the same schema shows it too; except the retired
 * model name: the emulator reports the models requested, or the 2026-08 default, never "universal".
 */
const ALLOWED_FOR_TRANSCRIPT = sorted(
	RECORDED_DEVIATIONS.completed,
	RECORDED_DEVIATIONS.queued,
	RECORDED_DEVIATIONS.deleted,
	SPEC_EXAMPLE_NULL_LANGUAGE,
).filter((v) => v !== '/speech_models/* enum');
/** The emulator writes `created`/`completed` as the spec's pattern and examples do (no zone), unlike the 2025-11 recording. */
const ALLOWED_FOR_LIST = RECORDED_DEVIATIONS.list.filter((v) => !v.endsWith(' pattern'));
const unexplained = (violations: string[], allowed: string[]) => violations.filter((v) => !allowed.includes(v));

const TRANSCRIPT = '/v2/transcript';
const BY_ID = '/v2/transcript/{transcript_id}';
const UPLOAD = '/v2/upload';

describe('The spec file', () => {
	it('is AssemblyAI\'s spec of 2026-08-18 (speech_models optional, its two values, upload 422)', () => {
		expect(publishedSpec.openapi).toBe('3.1.0');
		const params = publishedSpec.components.schemas.TranscriptOptionalParams;
		expect(params.required).toBeUndefined();
		expect(params.properties.speech_models.default).toEqual(['universal-3-5-pro', 'universal-2']);
		expect(publishedSpec.components.schemas.SpeechModel.enum).toEqual(['universal-3-5-pro', 'universal-2']);
		expect(declaredMediaTypes(UPLOAD, 'post', 422)).toEqual(['text/plain']);
	});

	it('has schema types that are not JSON Schema types exactly where SPEC_TYPE_REPAIRS says (the validator reads them repaired)', () => {
		const published = Object.fromEntries(Object.entries(SPEC_TYPE_REPAIRS).map(([pointer, r]) => [pointer, r.published]));
		expect(invalidSchemaTypes(publishedSpec)).toEqual(published);
		expect(invalidSchemaTypes(spec)).toEqual({});
	});
});

describe('Real recorded AssemblyAI responses deviate from the official spec exactly as listed', () => {
	it('completed GET transcript (with key phrases)', () => {
		expect(specViolations(BY_ID, 'get', 200, recorded('transcript-completed-highlights'))).toEqual(
			RECORDED_DEVIATIONS.completed,
		);
	});
	it('queued POST transcript response', () => {
		expect(specViolations(TRANSCRIPT, 'post', 200, recorded('transcript-queued'))).toEqual(RECORDED_DEVIATIONS.queued);
	});
	it('the 2026-08 spec\'s own POST /v2/transcript example (not recorded: AssemblyAI\'s documentation)', () => {
		const example = spec.paths[TRANSCRIPT].post.responses['200'].content['application/json'].example;
		expect(example).toMatchObject({ language_code: null, language_detection: true });
		expect(specViolations(TRANSCRIPT, 'post', 200, example)).toEqual(RECORDED_DEVIATIONS.specCreateExample);
	});
	it('DELETE transcript response', () => {
		expect(specViolations(BY_ID, 'delete', 200, recorded('transcript-deleted'))).toEqual(RECORDED_DEVIATIONS.deleted);
	});
	it('transcript list', () => {
		expect(specViolations(TRANSCRIPT, 'get', 200, recorded('transcript-list'))).toEqual(RECORDED_DEVIATIONS.list);
	});
	it('upload response (the spec example) validates cleanly', () => {
		expect(specViolations(UPLOAD, 'post', 200, recorded('upload-response'))).toEqual([]);
	});
	it('the recorded auto_highlights_result itself matches the spec', () => {
		const result = recorded('transcript-completed-highlights').auto_highlights_result;
		expect(violationsOf('#/components/schemas/AutoHighlightsResult', result)).toEqual([]);
		expect(result.results).toHaveLength(15);
	});
});

type Case = { name: string; path: string; method: Method; status: number; allowed: string[]; mediaType?: string };

describe('Emulator responses validate against the schema the spec declares for their path, method and status', () => {
	const clock = manualClock();
	let emu: Emulator;
	const answers = new Map<string, Answer>();

	const cases: Case[] = [
		{ name: 'upload', path: UPLOAD, method: 'post', status: 200, allowed: [] },
		{ name: 'create (queued)', path: TRANSCRIPT, method: 'post', status: 200, allowed: ALLOWED_FOR_TRANSCRIPT },
		{ name: 'get queued', path: BY_ID, method: 'get', status: 200, allowed: ALLOWED_FOR_TRANSCRIPT },
		{ name: 'get processing', path: BY_ID, method: 'get', status: 200, allowed: ALLOWED_FOR_TRANSCRIPT },
		{ name: 'get completed with key phrases and speakers', path: BY_ID, method: 'get', status: 200, allowed: ALLOWED_FOR_TRANSCRIPT },
		{ name: 'get completed, plain', path: BY_ID, method: 'get', status: 200, allowed: ALLOWED_FOR_TRANSCRIPT },
		{ name: 'get error (web page)', path: BY_ID, method: 'get', status: 200, allowed: ALLOWED_FOR_TRANSCRIPT },
		{ name: 'get error (unreachable URL)', path: BY_ID, method: 'get', status: 200, allowed: ALLOWED_FOR_TRANSCRIPT },
		{ name: 'list, all statuses', path: TRANSCRIPT, method: 'get', status: 200, allowed: ALLOWED_FOR_LIST },
		{ name: 'list, status=completed&limit=2', path: TRANSCRIPT, method: 'get', status: 200, allowed: ALLOWED_FOR_LIST },
		{ name: 'delete', path: BY_ID, method: 'delete', status: 200, allowed: ALLOWED_FOR_TRANSCRIPT },
		{ name: 'get after delete', path: BY_ID, method: 'get', status: 200, allowed: ALLOWED_FOR_TRANSCRIPT },
		{ name: 'list after delete', path: TRANSCRIPT, method: 'get', status: 200, allowed: ALLOWED_FOR_LIST },
		{ name: 'get completed, multichannel', path: BY_ID, method: 'get', status: 200, allowed: ALLOWED_FOR_TRANSCRIPT },
		{ name: 'get completed, multichannel with speaker labels', path: BY_ID, method: 'get', status: 200, allowed: ALLOWED_FOR_TRANSCRIPT },
		{ name: 'create, language to be detected', path: TRANSCRIPT, method: 'post', status: 200, allowed: ALLOWED_FOR_TRANSCRIPT },
		{ name: 'get completed, detected English', path: BY_ID, method: 'get', status: 200, allowed: ALLOWED_FOR_TRANSCRIPT },
		{ name: 'get completed, detected Spanish (no key phrases)', path: BY_ID, method: 'get', status: 200, allowed: ALLOWED_FOR_TRANSCRIPT },
		{ name: '422 upload of an empty body', path: UPLOAD, method: 'post', status: 422, allowed: [], mediaType: 'text/plain' },
		{ name: '400 create, language_code with language_detection', path: TRANSCRIPT, method: 'post', status: 400, allowed: [] },
		{ name: '400 create, retired speech model', path: TRANSCRIPT, method: 'post', status: 400, allowed: [] },
		{ name: '400 create, webhook header name with a dot', path: TRANSCRIPT, method: 'post', status: 400, allowed: [] },
		{ name: '429 create', path: TRANSCRIPT, method: 'post', status: 429, allowed: [] },
		{ name: '500 get', path: BY_ID, method: 'get', status: 500, allowed: [] },
		{ name: '500 upload', path: UPLOAD, method: 'post', status: 500, allowed: [] },
		{ name: '400 create without audio_url', path: TRANSCRIPT, method: 'post', status: 400, allowed: [] },
		{ name: '400 create, key phrases in German', path: TRANSCRIPT, method: 'post', status: 400, allowed: [] },
		{ name: '400 create, body not JSON', path: TRANSCRIPT, method: 'post', status: 400, allowed: [] },
		{ name: '400 get unknown id', path: BY_ID, method: 'get', status: 400, allowed: [] },
		{ name: '400 delete unknown id', path: BY_ID, method: 'delete', status: 400, allowed: [] },
		{ name: '400 list, limit out of range', path: TRANSCRIPT, method: 'get', status: 400, allowed: [] },
		{ name: '401 upload', path: UPLOAD, method: 'post', status: 401, allowed: [] },
		{ name: '401 create', path: TRANSCRIPT, method: 'post', status: 401, allowed: [] },
		{ name: '401 list', path: TRANSCRIPT, method: 'get', status: 401, allowed: [] },
		{ name: '401 get', path: BY_ID, method: 'get', status: 401, allowed: [] },
		{ name: '401 delete', path: BY_ID, method: 'delete', status: 401, allowed: [] },
	];

	beforeAll(async () => {
		emu = await startEmulator({ apiKey: 'spec-key', queuedMs: 1000, processingMs: 1000, now: clock.now });
		const record = async (name: string, answer: Promise<Answer>) => answers.set(name, await answer);

		await record('upload', call(emu, 'POST', UPLOAD, { body: Buffer.from('RIFF....WAVEfmt fake audio') }));
		await record('422 upload of an empty body', call(emu, 'POST', UPLOAD, { body: Buffer.alloc(0) }));
		const uploadUrl = answers.get('upload')!.json.upload_url;

		await record(
			'create (queued)',
			call(emu, 'POST', TRANSCRIPT, {
				body: {
					audio_url: uploadUrl,
					auto_highlights: true,
					speaker_labels: true,
					speech_models: ['universal-3-5-pro', 'universal-2'],
					webhook_url: 'https://hooks.example.com/aai',
					webhook_auth_header_name: 'X-Token',
					webhook_auth_header_value: 'secret',
				},
			}),
		);
		const id = answers.get('create (queued)')!.json.id;
		const plain = (await call(emu, 'POST', TRANSCRIPT, { body: { audio_url: 'https://assembly.ai/wildfires.mp3' } })).json.id;
		const webPage = (await call(emu, 'POST', TRANSCRIPT, { body: { audio_url: 'https://www.youtube.com/watch?v=r8KTOBOMm0A' } })).json.id;
		const unreachable = (await call(emu, 'POST', TRANSCRIPT, { body: { audio_url: 'https://files.example.invalid/a.mp3' } })).json.id;

		await record('get queued', call(emu, 'GET', `${TRANSCRIPT}/${id}`));
		clock.advance(1000);
		await record('get processing', call(emu, 'GET', `${TRANSCRIPT}/${id}`));
		await call(emu, 'POST', TRANSCRIPT, { body: { audio_url: 'https://assembly.ai/late.mp3' } }); // still processing when the list is read
		clock.advance(1000);
		await record('get completed with key phrases and speakers', call(emu, 'GET', `${TRANSCRIPT}/${id}`));
		await record('get completed, plain', call(emu, 'GET', `${TRANSCRIPT}/${plain}`));
		await record('get error (web page)', call(emu, 'GET', `${TRANSCRIPT}/${webPage}`));
		await record('get error (unreachable URL)', call(emu, 'GET', `${TRANSCRIPT}/${unreachable}`));
		await record('list, all statuses', call(emu, 'GET', TRANSCRIPT));
		await record('list, status=completed&limit=2', call(emu, 'GET', `${TRANSCRIPT}?status=completed&limit=2`));
		await record('delete', call(emu, 'DELETE', `${TRANSCRIPT}/${plain}`));
		await record('get after delete', call(emu, 'GET', `${TRANSCRIPT}/${plain}`));
		await record('list after delete', call(emu, 'GET', TRANSCRIPT));
		const stereo = async (body: Record<string, unknown>) =>
			(await call(emu, 'POST', TRANSCRIPT, { body: { audio_url: 'https://assembly.ai/stereo-call.mp3', auto_highlights: true, multichannel: true, ...body } })).json.id;
		const stereoIds = [await stereo({}), await stereo({ speaker_labels: true })];
		clock.advance(2000);
		await record('get completed, multichannel', call(emu, 'GET', `${TRANSCRIPT}/${stereoIds[0]}`));
		await record('get completed, multichannel with speaker labels', call(emu, 'GET', `${TRANSCRIPT}/${stereoIds[1]}`));

		await record('create, language to be detected', call(emu, 'POST', TRANSCRIPT, { body: { audio_url: 'https://assembly.ai/wildfires.mp3', auto_highlights: true } }));
		const spanish = (await call(emu, 'POST', TRANSCRIPT, { body: { audio_url: 'https://assembly.ai/entrevista.lang-es.mp3', auto_highlights: true } })).json.id;
		clock.advance(2000);
		await record('get completed, detected English', call(emu, 'GET', `${TRANSCRIPT}/${answers.get('create, language to be detected')!.json.id}`));
		await record('get completed, detected Spanish (no key phrases)', call(emu, 'GET', `${TRANSCRIPT}/${spanish}`));
		await record(
			'400 create, language_code with language_detection',
			call(emu, 'POST', TRANSCRIPT, { body: { audio_url: 'https://assembly.ai/wildfires.mp3', language_code: 'en_us', language_detection: true } }),
		);
		await record(
			'400 create, retired speech model',
			call(emu, 'POST', TRANSCRIPT, { body: { audio_url: 'https://assembly.ai/wildfires.mp3', speech_models: ['universal-3-pro'] } }),
		);
		await record(
			'400 create, webhook header name with a dot',
			call(emu, 'POST', TRANSCRIPT, {
				body: { audio_url: 'https://assembly.ai/wildfires.mp3', webhook_url: 'https://hooks.example.com/aai', webhook_auth_header_name: 'X.Token', webhook_auth_header_value: 's' },
			}),
		);
		emu.setFaults([
			{ route: 'create', kind: '429', times: 1 },
			{ route: 'get', kind: '500', times: 1 },
			{ route: 'upload', kind: '500', times: 1 },
		]);
		await record('429 create', call(emu, 'POST', TRANSCRIPT, { body: { audio_url: 'https://assembly.ai/wildfires.mp3' } }));
		await record('500 get', call(emu, 'GET', `${TRANSCRIPT}/${id}`));
		await record('500 upload', call(emu, 'POST', UPLOAD, { body: Buffer.from('x') }));
		emu.clearFaults();

		await record('400 create without audio_url', call(emu, 'POST', TRANSCRIPT, { body: { auto_highlights: true } }));
		await record(
			'400 create, key phrases in German',
			call(emu, 'POST', TRANSCRIPT, { body: { audio_url: 'https://assembly.ai/wildfires.mp3', auto_highlights: true, language_code: 'de' } }),
		);
		await record('400 create, body not JSON', call(emu, 'POST', TRANSCRIPT, { body: '{"audio_url": ' }));
		const unknown = '00000000-0000-4000-8000-000000000000';
		await record('400 get unknown id', call(emu, 'GET', `${TRANSCRIPT}/${unknown}`));
		await record('400 delete unknown id', call(emu, 'DELETE', `${TRANSCRIPT}/${unknown}`));
		await record('400 list, limit out of range', call(emu, 'GET', `${TRANSCRIPT}?limit=500`));

		await record('401 upload', call(emu, 'POST', UPLOAD, { key: 'wrong', body: Buffer.from('x') }));
		await record('401 create', call(emu, 'POST', TRANSCRIPT, { key: null, body: { audio_url: 'https://assembly.ai/wildfires.mp3' } }));
		await record('401 list', call(emu, 'GET', TRANSCRIPT, { key: 'wrong' }));
		await record('401 get', call(emu, 'GET', `${TRANSCRIPT}/${id}`, { key: `Bearer ${emu.apiKey}` }));
		await record('401 delete', call(emu, 'DELETE', `${TRANSCRIPT}/${id}`, { key: null }));
		await record('404 unknown route', call(emu, 'GET', '/v2/nothing-here'));
	});

	afterAll(() => emu.close());

	it.each(cases)('$name: $method $path $status', ({ name, path, method, status, allowed, mediaType = 'application/json' }) => {
		const answer = answers.get(name)!;
		expect(answer.status).toBe(status);
		expect(declaredMediaTypes(path, method, status)).toContain(mediaType);
		expect(answer.headers.get('content-type')).toBe(mediaType);
		const body = mediaType === 'application/json' ? answer.json : answer.text;
		expect(unexplained(specViolations(path, method, status, body, mediaType), allowed)).toEqual([]);
	});

	it('the 422 and 500 answers carry the texts of the 2026-08 spec\'s examples', () => {
		expect(answers.get('422 upload of an empty body')!.text).toBe(spec.paths[UPLOAD].post.responses['422'].content['text/plain'].example);
		const example500 = spec.components.responses.InternalServerError.content['application/json'].example;
		expect(answers.get('500 get')!.json).toEqual(example500);
		expect(answers.get('500 upload')!.json).toEqual(example500);
	});

	it(`validates ${cases.length} emulator responses, over every operation the node uses`, () => {
		expect(new Set(cases.map((c) => `${c.method} ${c.path}`))).toEqual(
			new Set(['post /v2/upload', 'post /v2/transcript', 'get /v2/transcript', 'get /v2/transcript/{transcript_id}', 'delete /v2/transcript/{transcript_id}']),
		);
		expect(cases.every((c) => answers.has(c.name))).toBe(true);
	});

	it('the emulated responses really are in the state each case names', () => {
		const body = (name: string) => answers.get(name)!.json;
		expect(body('create (queued)').status).toBe('queued');
		expect(body('get queued').status).toBe('queued');
		expect(body('get processing').status).toBe('processing');
		expect(body('get completed with key phrases and speakers').status).toBe('completed');
		expect(body('get completed with key phrases and speakers').auto_highlights_result.results).toHaveLength(15);
		expect(body('get completed, plain').auto_highlights_result).toBeNull();
		expect(body('get error (web page)').status).toBe('error');
		expect(body('create, language to be detected')).toMatchObject({ status: 'queued', language_code: null, language_detection: true });
		expect(body('get completed, detected English')).toMatchObject({ status: 'completed', language_code: 'en', language_detection: true });
		expect(body('get completed, detected English').auto_highlights_result.results).toHaveLength(15);
		expect(body('get completed, detected Spanish (no key phrases)')).toMatchObject({ status: 'completed', language_code: 'es', auto_highlights_result: null });
		expect(body('get error (unreachable URL)').status).toBe('error');
		expect(body('list, all statuses').transcripts.map((t: { status: string }) => t.status).sort()).toEqual(
			['completed', 'completed', 'error', 'error', 'processing'],
		);
		expect(body('list after delete').transcripts.map((t: { audio_url: string }) => t.audio_url)).toContain('deleted_by_user');
		expect(body('get after delete').text).toBe('Deleted by user.');
		for (const name of ['get completed, multichannel', 'get completed, multichannel with speaker labels']) {
			expect(body(name)).toMatchObject({ status: 'completed', multichannel: true, audio_channels: 2 });
			expect(new Set(body(name).words.map((w: { channel: string }) => w.channel))).toEqual(new Set(['1', '2']));
			expect(body(name).utterances[0].channel).toBe('1');
		}
	});

	it('a multichannel transcript deviates from the spec exactly as the plain completed one: its channels and audio_channels are as the spec declares them', () => {
		const plain = specViolations(BY_ID, 'get', 200, answers.get('get completed with key phrases and speakers')!.json);
		for (const name of ['get completed, multichannel', 'get completed, multichannel with speaker labels']) {
			expect(specViolations(BY_ID, 'get', 200, answers.get(name)!.json)).toEqual(plain);
		}
	});

	it('a completed emulator transcript deviates from the spec no more than the recorded one, plus only the "unavailable" content-safety shape the real DELETE response shows, and names only models the 2026-08 spec lists', () => {
		const recordedButCurrentModels = RECORDED_DEVIATIONS.completed.filter((v) => !RECORDED_RETIRED_MODEL.includes(v));
		for (const name of ['get completed with key phrases and speakers', 'get completed, detected English', 'get completed, detected Spanish (no key phrases)']) {
			const violations = specViolations(BY_ID, 'get', 200, answers.get(name)!.json);
			expect(violations).toEqual(sorted(recordedButCurrentModels, REAL_UNAVAILABLE_CONTENT_SAFETY));
		}
	});

	it('an unknown route answers 404 with the body every operation declares for 404 (components.responses.NotFound)', () => {
		const answer = answers.get('404 unknown route')!;
		expect(answer.status).toBe(404);
		expect(answer.headers.get('content-type')).toBe('application/json');
		for (const [path, method] of [[UPLOAD, 'post'], [TRANSCRIPT, 'post'], [TRANSCRIPT, 'get'], [BY_ID, 'get'], [BY_ID, 'delete']] as const) {
			expect(spec.paths[path][method].responses['404'].$ref).toBe('#/components/responses/NotFound');
			expect(responseSchemaPointer(path, method, 404)).toBe(componentResponse('NotFound'));
		}
		expect(violationsOf(componentResponse('NotFound'), answer.json)).toEqual([]);
		expect(answer.json).toEqual({ error: 'Not found' });
	});
});
