// @ts-check
/**
 * The emulated endpoints. Each handler gets the request context and the emulator state, and returns a Reply.
 */
'use strict';

const messages = require('./messages');
const views = require('./views');
const { resolveAudio } = require('./audio');
const { validateCreateParams } = require('./validate');
const { detectLanguage } = require('./language');
const { STATUSES } = require('./store');
const { jsonReply, errorReply } = require('./http-util');

/** @typedef {Record<string, any>} Json */
/** @typedef {import('./http-util').Reply} Reply */

/**
 * @typedef {object} RequestLogEntry
 * @property {string} method
 * @property {string} path      path including the query string
 * @property {Record<string, string | string[] | undefined>} headers  lowercased names
 * @property {number} bodyBytes
 * @property {number} at        ms timestamp when the request arrived
 */

/**
 * @typedef {object} RequestContext
 * @property {import('http').IncomingMessage} req
 * @property {import('http').ServerResponse} res
 * @property {string} method
 * @property {string} path       path including the query string
 * @property {string} pathname   path without query and without a trailing slash
 * @property {URLSearchParams} query
 * @property {Record<string, string | string[] | undefined>} headers
 * @property {Buffer} body
 * @property {RequestLogEntry} entry
 * @property {string[]} params   captures of the route pattern
 */

/**
 * @typedef {object} EmulatorState
 * @property {string} apiKey
 * @property {() => string} baseUrl
 * @property {import('./uploads').UploadStore} uploads
 * @property {import('./store').TranscriptStore} store
 * @property {{ format: import('./views').ListTimes }} listTimes  how list items write `created` and `completed`
 * @property {{ ms: number }} listLag  how far behind the transcripts' own status the list shows them
 * @property {import('./audio').Scenario[]} scenarios
 * @property {Json[]} createdParams
 * @property {import('./webhooks').WebhookDispatcher} webhooks
 * @property {number | undefined} durationSeconds  how long completed recordings are, unless a scenario says (undefined: as recorded)
 */

/**
 * @typedef {object} Route
 * @property {string} method
 * @property {RegExp} pattern      matched against the pathname
 * @property {boolean} auth        requires the Authorization header
 * @property {(ctx: RequestContext, state: EmulatorState) => Reply} handle
 */

const UUIDISH = '([^/]+)';

/** @type {Route[]} */
const routes = [
	{
		method: 'POST',
		pattern: /^\/v2\/upload$/,
		auth: true,
		handle(ctx, state) {
			// Spec 2026-08: an empty body is refused in plain text, not JSON.
			if (ctx.body.length === 0) return { status: 422, headers: { 'content-type': 'text/plain' }, text: messages.UPLOAD_FAILED };
			const { uploadUrl } = state.uploads.add(ctx.body);
			return jsonReply(200, { upload_url: uploadUrl });
		},
	},
	{
		method: 'POST',
		pattern: /^\/v2\/transcript$/,
		auth: true,
		handle(ctx, state) {
			/** @type {unknown} */
			let params;
			const text = ctx.body.toString('utf8');
			try {
				params = text.trim() === '' ? {} : JSON.parse(text);
			} catch {
				return errorReply(400, messages.INVALID_JSON);
			}
			if (params === null || typeof params !== 'object' || Array.isArray(params)) {
				return errorReply(400, messages.INVALID_JSON);
			}
			const body = /** @type {Json} */ (params);
			const problem = validateCreateParams(body);
			if (problem) return errorReply(400, problem);

			const upload = state.uploads.lookup(body.audio_url);
			const { outcome, scenario } = resolveAudio(body.audio_url, upload, state.scenarios);
			if (outcome.kind === 'completed') outcome.durationSeconds ??= state.durationSeconds;
			const record = state.store.create({
				params: body,
				outcome,
				uploadId: upload.uploadId,
				detectedLanguage:
					body.language_code === undefined || body.language_code === null
						? detectLanguage(body.audio_url, upload.bytes, scenario?.language)
						: null,
				timing: { queuedMs: scenario?.queuedMs, processingMs: scenario?.processingMs },
				echo: scenario?.echo,
			});
			state.createdParams.push(structuredClone(body));
			state.webhooks.track(record);
			return jsonReply(200, views.pendingView(record, 'queued'));
		},
	},
	{
		method: 'GET',
		pattern: /^\/v2\/transcript$/,
		auth: true,
		handle: listTranscripts,
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/v2/transcript/${UUIDISH}$`),
		auth: true,
		handle(ctx, state) {
			const record = state.store.get(ctx.params[0]);
			if (!record) return errorReply(400, messages.TRANSCRIPT_NOT_FOUND);
			state.webhooks.poke(record);
			return { status: 200, text: state.store.viewText(record), headers: { 'content-type': 'application/json' } };
		},
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/v2/transcript/${UUIDISH}$`),
		auth: true,
		handle(ctx, state) {
			const record = state.store.get(ctx.params[0]);
			if (!record) return errorReply(400, messages.TRANSCRIPT_NOT_FOUND);
			// "Files uploaded via the /upload endpoint are immediately deleted alongside the transcript" [spec L329]
			if (record.uploadId) state.uploads.delete(record.uploadId);
			return jsonReply(200, state.store.markDeleted(record));
		},
	},
	{
		// The real CDN serves upload URLs to AssemblyAI's servers only; everyone else gets AccessDenied (API-NOTES §2).
		method: 'GET',
		pattern: /^\/upload\/.+$/,
		auth: false,
		handle() {
			return {
				status: 403,
				headers: { 'content-type': 'application/xml' },
				text: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
			};
		},
	},
];

/**
 * GET /v2/transcript: newest first, `limit` 1..200 (default 10), filters `status`, `created_on`,
 * `before_id`, `after_id`, `throttled_only` [spec L169-264].
 * @param {RequestContext} ctx
 * @param {EmulatorState} state
 * @returns {Reply}
 */
function listTranscripts(ctx, state) {
	const q = ctx.query;
	let limit = 10;
	if (q.has('limit')) {
		const raw = q.get('limit') ?? '';
		limit = /^\d+$/.test(raw) ? Number(raw) : NaN;
		if (!(limit >= 1 && limit <= 200)) return errorReply(400, messages.invalidQuery('limit', 'must be an integer between 1 and 200'));
	}
	const status = q.get('status');
	if (status !== null && !(/** @type {readonly string[]} */ (STATUSES).includes(status))) {
		return errorReply(400, messages.invalidQuery('status', `must be one of ${STATUSES.join(', ')}`));
	}
	const createdOn = q.get('created_on');
	if (createdOn !== null && !/^\d{4}-\d{2}-\d{2}$/.test(createdOn)) {
		return errorReply(400, messages.invalidQuery('created_on', 'must be a date (YYYY-MM-DD)'));
	}

	const store = state.store;
	// AssemblyAI's list may show a transcript as running moments after its own GET says finished.
	const listedAt = store.now() - state.listLag.ms;
	let records = store.newestFirst();
	const beforeId = q.get('before_id');
	const afterId = q.get('after_id');
	if (beforeId !== null) {
		const i = records.findIndex((r) => r.id === beforeId);
		records = i < 0 ? [] : records.slice(i + 1);
	}
	if (afterId !== null) {
		const i = records.findIndex((r) => r.id === afterId);
		records = i < 0 ? [] : records.slice(0, i);
	}
	if (q.get('throttled_only') === 'true') records = []; // nothing is ever throttled here
	// Filtered and paged before any item is rendered: a list request costs little however many transcripts there are.
	const items = records
		.filter((r) => createdOn === null || new Date(r.createdAt).toISOString().startsWith(createdOn))
		.filter((r) => status === null || store.statusOf(r, listedAt) === status);
	// after_id pages towards newer transcripts: take the ones right after it.
	const page = (afterId !== null && beforeId === null ? items.slice(-limit) : items.slice(0, limit)).map((r) =>
		views.listItemView(r, store.statusOf(r, listedAt), state.baseUrl(), state.listTimes.format),
	);

	/**
	 * The request's own query with `limit` first; a page link replaces before_id/after_id.
	 * @param {Record<string, string>} [pageLink]
	 */
	const urlWith = (pageLink) => {
		const params = new URLSearchParams({ limit: String(limit) });
		for (const [k, v] of q) {
			if (k === 'limit' || (pageLink && (k === 'before_id' || k === 'after_id'))) continue;
			params.append(k, v);
		}
		for (const [k, v] of Object.entries(pageLink ?? {})) params.append(k, v);
		return `${state.baseUrl()}/v2/transcript?${params}`;
	};
	return jsonReply(200, {
		page_details: {
			limit,
			result_count: page.length,
			current_url: urlWith(),
			prev_url: page.length ? urlWith({ before_id: page[page.length - 1].id }) : null,
			next_url: page.length ? urlWith({ after_id: page[0].id }) : null,
		},
		transcripts: page,
	});
}

module.exports = { routes };
