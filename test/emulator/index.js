// @ts-check
/**
 * AssemblyAI async-transcription API emulator (POST /v2/upload, /v2/transcript CRUD) for tests and demos.
 * Behaviour follows /work/shared/assemblyai/API-NOTES.md §12; responses are built from real recorded responses.
 *
 *   const { startEmulator } = require('./test/emulator');
 *   const emu = await startEmulator({ apiKey: 'test-key', queuedMs: 50, processingMs: 150 });
 *   // ... point a client at emu.url ...
 *   await emu.close();
 */
'use strict';

const { createServer } = require('./server');
const { TranscriptStore } = require('./store');
const { UploadStore } = require('./uploads');
const { FaultPlan } = require('./fault-plan');
const { WebhookDispatcher } = require('./webhooks');
const faults = require('./faults');
const messages = require('./messages');

/** @typedef {Record<string, any>} Json */
/** @typedef {import('./audio').Scenario} Scenario */
/** @typedef {import('./routes').RequestLogEntry} RequestLogEntry */
/** @typedef {import('./routes').RequestContext} RequestContext */
/** @typedef {import('./server').RequestHook} RequestHook */
/** @typedef {import('./store').TranscriptRecord} TranscriptRecord */
/** @typedef {import('./http-util').Reply} Reply */
/** @typedef {import('./fault-plan').FaultRule} FaultRule */
/** @typedef {import('./fault-plan').FaultStats} FaultStats */
/** @typedef {import('./webhooks').WebhookAttempt} WebhookAttempt */
/** @typedef {import('./webhooks').WebhookOptions} WebhookOptions */

/**
 * @typedef {object} EmulatorOptions
 * @property {string} [apiKey]        the only accepted Authorization value (default 'emulator-key')
 * @property {number} [port]          default 0: a random free port; the host is always 127.0.0.1
 * @property {number} [queuedMs]      time a new transcript stays queued (default 200)
 * @property {number} [processingMs]  then processing (default 800), then completed/error
 * @property {number} [durationSeconds]  completed transcripts are of a recording this long, derived from the
 *   recorded one (long-recording.js; default: as recorded, 282 s); a scenario's own durationSeconds wins
 * @property {() => number} [now]     clock for transcript progress (default Date.now); tests may drive it by hand
 * @property {import('./views').ListTimes} [listTimes]  how list items write `created`/`completed` (default 'spec':
 *   UTC without a zone designator, as AssemblyAI's spec and examples; 'recorded': with a `Z`, as the 2025-11 recording)
 * @property {number} [seed]          default PRNG seed of setFaults (default 1)
 * @property {number} [webhookRetryMs]    wait between webhook attempts (default 10000, as the real API)
 * @property {number} [webhookTimeoutMs]  a receiver that has not answered by then fails the attempt (default 10000)
 * @property {number} [webhookMaxAttempts] attempts in total (default 10)
 * @property {'loopback' | 'all' | 'off'} [webhookDelivery]  which webhook hosts are called (default 'loopback')
 */

/**
 * @typedef {object} Emulator
 * @property {string} url       'http://127.0.0.1:PORT', no trailing slash
 * @property {number} port
 * @property {string} apiKey
 * @property {RequestLogEntry[]} requests
 * @property {Map<string, Buffer>} uploads  upload id -> exact bytes received
 * @property {Map<string, TranscriptRecord>} transcripts
 * @property {(clock: { queuedMs?: number, processingMs?: number }) => void} setClock  applies to transcripts created afterwards
 * @property {(format: import('./views').ListTimes) => void} setListTimes  how list items write their times from now on
 * @property {(ms: number) => void} setListLag  the list shows each transcript's status as it was `ms` ago (0 by default)
 * @property {(id: string, at: number) => void} finishAt  a created transcript finishes at `at` (ms, the emulator's
 *   clock) instead: its processing time changes, and its webhook is delivered then
 * @property {(uploadUrl: string) => Buffer | undefined} uploadBytes
 * @property {() => number} createdCount
 * @property {() => Json[]} createdParams   bodies POSTed to /v2/transcript and accepted, in order
 * @property {(scenario: Scenario) => void} addScenario  checked newest-first before the built-in audio rules
 * @property {(hook: RequestHook) => () => void} onRequest  adds a request hook; returns its remover
 * @property {(id: string) => Json | undefined} transcriptView  what GET /v2/transcript/{id} would return now
 * @property {(rules: FaultRule[], options?: { seed?: number }) => void} setFaults  replaces the fault rules,
 *   re-seeds the PRNG and restarts the fault counters and statistics
 * @property {() => void} clearFaults  stops injecting faults (statistics are kept)
 * @property {() => FaultStats} faultStats
 * @property {() => WebhookAttempt[]} webhookDeliveries  every webhook attempt, in start order
 * @property {() => Promise<void>} webhooksSettled  resolves when no webhook delivery is pending
 * @property {() => void} deliverDueWebhooks  starts the deliveries that are due now (for a hand-driven clock)
 * @property {(options: Partial<WebhookOptions>) => void} configureWebhooks  retryMs, timeoutMs, maxAttempts, delivery
 * @property {() => void} reset  clears requests, uploads, transcripts, scenarios, hooks, faults (and their
 *   statistics) and webhooks (pending deliveries are cancelled, the log is emptied)
 * @property {() => Promise<void>} close  stops the server, cancels every timer and webhook delivery, closes every socket
 */

/**
 * @param {EmulatorOptions} [options]
 * @returns {Promise<Emulator>}
 */
async function startEmulator(options = {}) {
	const apiKey = options.apiKey ?? 'emulator-key';
	let baseUrl = '';
	const store = new TranscriptStore({
		now: options.now ?? Date.now,
		clock: { queuedMs: options.queuedMs ?? 200, processingMs: options.processingMs ?? 800 },
	});
	const uploads = new UploadStore(() => baseUrl);
	/** @type {Scenario[]} */
	const scenarios = [];
	/** @type {Json[]} */
	const createdParams = [];
	/** @type {RequestLogEntry[]} */
	const requests = [];
	/** @type {RequestHook[]} */
	const hooks = [];
	const faultPlan = new FaultPlan(options.seed ?? 1);
	const listTimes = { format: options.listTimes ?? /** @type {import('./views').ListTimes} */ ('spec') };
	const listLag = { ms: 0 };
	const webhooks = new WebhookDispatcher({
		store,
		now: options.now ?? Date.now,
		handDriven: options.now !== undefined && options.now !== Date.now,
		options: {
			retryMs: options.webhookRetryMs ?? 10_000,
			timeoutMs: options.webhookTimeoutMs ?? 10_000,
			maxAttempts: options.webhookMaxAttempts ?? 10,
			delivery: options.webhookDelivery ?? 'loopback',
		},
	});

	const { server, cancelDelayed } = createServer({
		state: {
			apiKey,
			baseUrl: () => baseUrl,
			uploads,
			store,
			scenarios,
			createdParams,
			listTimes,
			listLag,
			webhooks,
			durationSeconds: options.durationSeconds,
		},
		requests,
		hooks,
		faultPlan,
	});
	/** @type {Set<import('net').Socket>} */
	const sockets = new Set();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined));
	});
	const address = /** @type {import('net').AddressInfo} */ (server.address());
	baseUrl = `http://127.0.0.1:${address.port}`;

	/** @type {Promise<void> | undefined} */
	let closing;

	return {
		url: baseUrl,
		port: address.port,
		apiKey,
		requests,
		uploads: uploads.files,
		transcripts: store.records,
		setClock: (clock) => store.setClock(clock),
		setListTimes: (format) => {
			listTimes.format = format;
		},
		setListLag: (ms) => {
			listLag.ms = ms;
		},
		finishAt: (id, at) => {
			const record = store.get(id);
			if (!record) return;
			record.processingMs = Math.max(0, at - record.createdAt - record.queuedMs);
			webhooks.rearm(record);
		},
		uploadBytes: (uploadUrl) => uploads.lookup(uploadUrl).bytes,
		createdCount: () => createdParams.length,
		createdParams: () => createdParams.map((p) => structuredClone(p)),
		addScenario: (scenario) => {
			scenarios.push(scenario);
		},
		onRequest: (hook) => {
			hooks.push(hook);
			return () => {
				const i = hooks.indexOf(hook);
				if (i >= 0) hooks.splice(i, 1);
			};
		},
		transcriptView: (id) => {
			const record = store.get(id);
			return record ? JSON.parse(store.viewText(record).toString()) : undefined;
		},
		setFaults: (rules, faultOptions) => faultPlan.set(rules, faultOptions),
		clearFaults: () => faultPlan.clear(),
		faultStats: () => faultPlan.stats(),
		webhookDeliveries: () => webhooks.log(),
		webhooksSettled: () => webhooks.settled(),
		deliverDueWebhooks: () => webhooks.deliverDue(),
		configureWebhooks: (webhookOptions) => webhooks.configure(webhookOptions),
		reset: () => {
			listLag.ms = 0;
			webhooks.reset();
			faultPlan.reset();
			cancelDelayed();
			requests.length = 0;
			uploads.clear();
			store.clear();
			scenarios.length = 0;
			createdParams.length = 0;
			hooks.length = 0;
		},
		close: () => {
			closing ??= new Promise((resolve) => {
				webhooks.close();
				cancelDelayed();
				server.close(() => resolve());
				server.closeAllConnections();
				for (const socket of sockets) socket.destroy();
			});
			return closing;
		},
	};
}

module.exports = { startEmulator, faults, messages };
