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
const faults = require('./faults');
const messages = require('./messages');

/** @typedef {Record<string, any>} Json */
/** @typedef {import('./audio').Scenario} Scenario */
/** @typedef {import('./routes').RequestLogEntry} RequestLogEntry */
/** @typedef {import('./routes').RequestContext} RequestContext */
/** @typedef {import('./server').RequestHook} RequestHook */
/** @typedef {import('./store').TranscriptRecord} TranscriptRecord */
/** @typedef {import('./http-util').Reply} Reply */

/**
 * @typedef {object} EmulatorOptions
 * @property {string} [apiKey]        the only accepted Authorization value (default 'emulator-key')
 * @property {number} [port]          default 0: a random free port; the host is always 127.0.0.1
 * @property {number} [queuedMs]      time a new transcript stays queued (default 200)
 * @property {number} [processingMs]  then processing (default 800), then completed/error
 * @property {() => number} [now]     clock for transcript progress (default Date.now); tests may drive it by hand
 * @property {boolean} [requireSpeechModels]  strict mode: 400 when speech_models is missing or empty (default false)
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
 * @property {(uploadUrl: string) => Buffer | undefined} uploadBytes
 * @property {() => number} createdCount
 * @property {() => Json[]} createdParams   bodies POSTed to /v2/transcript and accepted, in order
 * @property {(scenario: Scenario) => void} addScenario  checked newest-first before the built-in audio rules
 * @property {(hook: RequestHook) => () => void} onRequest  adds a request hook; returns its remover
 * @property {(id: string) => Json | undefined} transcriptView  what GET /v2/transcript/{id} would return now
 * @property {() => void} reset  clears requests, uploads, transcripts, scenarios and hooks
 * @property {() => Promise<void>} close  stops the server and closes every socket
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

	const server = createServer({
		state: {
			apiKey,
			baseUrl: () => baseUrl,
			uploads,
			store,
			scenarios,
			createdParams,
			validation: { requireSpeechModels: options.requireSpeechModels ?? false },
		},
		requests,
		hooks,
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
			return record ? store.view(record) : undefined;
		},
		reset: () => {
			requests.length = 0;
			uploads.clear();
			store.clear();
			scenarios.length = 0;
			createdParams.length = 0;
			hooks.length = 0;
		},
		close: () => {
			closing ??= new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
				for (const socket of sockets) socket.destroy();
			});
			return closing;
		},
	};
}

module.exports = { startEmulator, faults, messages };
