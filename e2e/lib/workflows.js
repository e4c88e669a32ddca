'use strict';
// The workflows the suite imports: the shipped examples, runnable copies of the examples whose
// trigger or sink needs an outside service, and suite-only test workflows.
const fs = require('fs');
const path = require('path');

const OUR_TYPE = 'n8n-nodes-assemblyai-highlights.assemblyAiHighlights';
const TRIGGER_TYPE = 'n8n-nodes-assemblyai-highlights.assemblyAiHighlightsTrigger';
const CRED = { id: 'aaiHighlights001', name: 'AssemblyAI account' }; // what the examples reference
const WRONG_KEY_CRED = { id: 'aaiWrongKey00001', name: 'AssemblyAI wrong key' };
const WILDFIRES = 'https://assembly.ai/wildfires.mp3';
const UNREACHABLE = 'https://unreachable.example/missing-recording.mp3';

const ids = {
	fileToHttp: 'aaiExFileToHttp1', // the example itself, with its file path and URL pointed at the suite
	driveRun: 'e2eRunDriveMail1',
	hookRun: 'e2eRunHookNotes1',
	waitRun: 'e2eRunWaitHook01',
	continueOnFail: 'e2eContinueFail1',
	errorOutput: 'e2eErrorOutput01',
	wrongKey: 'e2eWrongApiKey01',
	// Active workflows for `n8n start` (lib/server-tests.js).
	srvTrigger: 'e2eSrvTrigger001',
	srvWaitHook: 'e2eSrvWaitHook01',
	srvAllowlist: 'e2eSrvAllowlist1',
	srvWaitDefaults: 'e2eSrvWaitDflt01',
	srvTriggerCrm: 'e2eSrvTrigCrm001',
};

/** The trigger's webhookId: its production URL is /webhook/<webhookId>/assemblyai. */
const TRIGGER_WEBHOOK_ID = 'e2e0aa1a-7219-4e6a-9d0e-000000000001';
const TRIGGER_HEADER = 'X-Webhook-Secret';
/** A second trigger, with an IP Allowlist (lib/proxy-tests.js). */
const ALLOWLIST_WEBHOOK_ID = 'e2e0aa1a-7219-4e6a-9d0e-000000000004';
/** The Trigger -> CRM note -> Delete Transcript workflow's trigger (issue 23): /webhook/<this>/assemblyai. */
const TRIGGER_CRM_WEBHOOK_ID = 'e2e0aa1a-7219-4e6a-9d0e-000000000003';
const TRIGGER_CRM_PATH = '/trigger-crm/notes';
/** The webhook auth headers live in AssemblyAI Webhook Header Auth API credentials, never in a workflow. */
const WEBHOOK_AUTH_TYPE = 'assemblyAiHighlightsWebhookAuthApi';
const TRIGGER_AUTH_CRED = { id: 'aaiTriggerHdr001', name: 'AssemblyAI trigger header' };
const CALLBACK_AUTH_CRED = { id: 'aaiCallbackHdr01', name: 'AssemblyAI callback header' };
const CALLBACK_HEADER = 'X-AssemblyAI-Callback';
/** The emulator calls webhooks from this machine: AssemblyAI's address in an IP Allowlist here. */
const EMULATOR_ADDRESS = '127.0.0.1';
/** The Webhook node that starts the waitMode callback workflow: POST /webhook/<path>. */
const WAIT_START_PATH = 'e2e-assemblyai-wait';
/** The same callback workflow with the node's defaults: no Webhook Authentication, so the execution's own secret. */
const WAIT_DEFAULTS_PATH = 'e2e-assemblyai-wait-defaults';

/** @param {{trigger: string, callback: string}} [headerSecrets] the secrets of the two webhook header credentials */
function credentials(emulatorUrl, apiKey, headerSecrets) {
	const data = (key) => ({ apiKey: key, region: 'custom', baseUrl: emulatorUrl });
	return [
		{ ...CRED, type: 'assemblyAiHighlightsApi', data: data(apiKey) },
		{ ...WRONG_KEY_CRED, type: 'assemblyAiHighlightsApi', data: data('not-the-right-key') },
		...(headerSecrets
			? [
					{ ...TRIGGER_AUTH_CRED, type: WEBHOOK_AUTH_TYPE, data: { name: TRIGGER_HEADER, secret: headerSecrets.trigger } },
					{ ...CALLBACK_AUTH_CRED, type: WEBHOOK_AUTH_TYPE, data: { name: CALLBACK_HEADER, secret: headerSecrets.callback } },
				]
			: []),
	];
}

function loadExamples(dir) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
		out[f] = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
	}
	return out;
}

const clone = (x) => JSON.parse(JSON.stringify(x));
let uid = 0;
const nodeId = () => `e2e00000-0000-4000-8000-${String(++uid).padStart(12, '0')}`;

const manualTrigger = (position = [-220, 0]) => ({
	id: nodeId(),
	name: 'Start (e2e)',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position,
	parameters: {},
});

/** A Set node that outputs fixed JSON (or an expression's JSON). */
const setRaw = (name, json, position) => ({
	id: nodeId(),
	name,
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	position,
	parameters: { mode: 'raw', jsonOutput: typeof json === 'string' ? json : JSON.stringify(json), options: {} },
});

/** A Set node that evaluates the given expressions (a sink's own parameters) into fields. */
const setEval = (name, fields, position) => ({
	id: nodeId(),
	name,
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	position,
	parameters: {
		assignments: {
			assignments: Object.entries(fields).map(([k, v]) => ({ id: nodeId(), name: k, value: v, type: 'string' })),
		},
		options: {},
	},
});

const readFile = (name, filePath, position) => ({
	id: nodeId(),
	name,
	type: 'n8n-nodes-base.readWriteFile',
	typeVersion: 1,
	position,
	parameters: { operation: 'read', fileSelector: filePath, options: { dataPropertyName: 'data' } },
});

const ourNode = (name, parameters, position, extra = {}) => ({
	id: nodeId(),
	name,
	type: OUR_TYPE,
	typeVersion: 1,
	position,
	parameters,
	credentials: { assemblyAiHighlightsApi: CRED },
	...extra,
});

/** One item per element of `field`, nothing else kept. */
const splitOut = (name, field, position) => ({
	id: nodeId(),
	name,
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	position,
	parameters: { fieldToSplitOut: field, include: 'noOtherFields', options: {} },
});

const chain = (...names) => {
	const c = {};
	for (let i = 0; i < names.length - 1; i++) c[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	return c;
};

function replaceNode(wf, name, replacement) {
	const i = wf.nodes.findIndex((n) => n.name === name);
	if (i < 0) throw new Error(`${wf.name}: no node "${name}"`);
	replacement.position = wf.nodes[i].position;
	wf.nodes[i] = replacement;
}

function withStart(wf, firstNodeName) {
	wf.nodes.push(manualTrigger());
	wf.connections['Start (e2e)'] = { main: [[{ node: firstNodeName, type: 'main', index: 0 }]] };
}

const exprParams = (node, keys) => Object.fromEntries(keys.map((k) => [k, node.parameters[k]]));

/**
 * @param {{examples: Record<string, any>, audioFile: string, receiverUrl: string}} o
 * @returns {{examples: any[], runs: any[]}} examples: imported as shipped (d: file and URL rewritten)
 */
function suiteWorkflows({ examples, audioFile, receiverUrl }) {
	const ex = (f) => {
		if (!examples[f]) throw new Error(`examples/${f} is missing`);
		return clone(examples[f]);
	};
	const imported = [];

	// (d) as shipped, with the two things a user edits pointed at the suite's file and receiver.
	const d = ex('offline-file-to-http.json');
	d.nodes.find((n) => n.name === 'Read recording').parameters.fileSelector = audioFile;
	d.nodes.find((n) => n.name === 'POST phrase').parameters.url = `${receiverUrl}/key-phrases`;
	for (const [f, wf] of Object.entries(examples)) imported.push(f === 'offline-file-to-http.json' ? d : clone(wf));

	const runs = [];

	// (a): Drive trigger -> a Set giving the trigger's file metadata; Drive download -> the local file;
	// the email nodes -> Sets evaluating their own subject, text and HTML expressions. (The same nodes
	// after the download run for real, with S3 and SMTP, in the stories: e2e/stories/s3-email.js.)
	{
		const wf = ex('drive-recording-to-email.json');
		wf.id = ids.driveRun;
		wf.name = `${wf.name} (e2e run)`;
		const email = wf.nodes.find((n) => n.name === 'Email key phrases');
		const failure = wf.nodes.find((n) => n.name === 'Email failure');
		replaceNode(wf, 'New recording in folder', setRaw('New recording in folder', { id: 'e2e-drive-file', name: 'sales-call.wav', mimeType: 'audio/wav' }));
		replaceNode(wf, 'Download recording', readFile('Download recording', audioFile));
		replaceNode(wf, 'Email key phrases', setEval('Email key phrases', exprParams(email, ['toEmail', 'subject', 'text', 'html'])));
		replaceNode(wf, 'Email failure', setEval('Email failure', exprParams(failure, ['toEmail', 'subject', 'text'])));
		withStart(wf, 'New recording in folder');
		runs.push(wf);
	}

	// (b): Webhook -> a Set giving the webhook's output; the HubSpot request -> a Set evaluating its URL and body.
	{
		const wf = ex('webhook-url-to-hubspot-notes.json');
		wf.id = ids.hookRun;
		wf.name = `${wf.name} (e2e run)`;
		const note = wf.nodes.find((n) => n.name === 'HubSpot note');
		replaceNode(wf, 'Webhook', setRaw('Webhook', { headers: {}, params: {}, query: {}, body: { recordingUrl: WILDFIRES, contactId: '123' } }));
		replaceNode(wf, 'HubSpot note', setEval('HubSpot note', exprParams(note, ['url', 'jsonBody'])));
		withStart(wf, 'Webhook');
		runs.push(wf);
	}

	// (c): the Wait node -> a Set giving what AssemblyAI's callback would resume it with.
	{
		const wf = ex('transcribe-then-wait-for-assemblyai.json');
		wf.id = ids.waitRun;
		wf.name = `${wf.name} (e2e run)`;
		replaceNode(
			wf,
			'Wait for AssemblyAI',
			setRaw('Wait for AssemblyAI', '={ "body": { "transcript_id": "{{ $json.transcriptId }}", "status": "completed" } }'),
		);
		runs.push(wf);
	}

	// Two recordings, one unreachable, continue-on-fail: phrases for the first, an error item for the
	// second, on the regular output, then on the error output ("Continue (using error output)").
	const twoUrls = (id, name, onError) => ({
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			manualTrigger([0, 0]),
			setRaw('Two recordings', { recordings: [{ url: WILDFIRES }, { url: UNREACHABLE }] }, [220, 0]),
			splitOut('One per recording', 'recordings', [440, 0]),
			ourNode(
				'Key Phrases',
				{ operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', waitMode: 'poll', output: 'keyPhrases', options: { pollIntervalSeconds: 1 } },
				[660, 0],
				{ onError },
			),
		],
		connections: chain('Start (e2e)', 'Two recordings', 'One per recording', 'Key Phrases'),
	});
	runs.push(twoUrls(ids.continueOnFail, 'e2e: two URLs, one unreachable, continue on fail', 'continueRegularOutput'));
	runs.push(twoUrls(ids.errorOutput, 'e2e: two URLs, one unreachable, continue using the error output', 'continueErrorOutput'));

	// A wrong API key: the execution fails with AssemblyAI's own message.
	runs.push({
		id: ids.wrongKey,
		name: 'e2e: wrong API key',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			manualTrigger([0, 0]),
			{
				...ourNode('Key Phrases', { operation: 'transcribe', source: 'url', audioUrl: WILDFIRES, waitMode: 'poll', output: 'keyPhrases', options: { pollIntervalSeconds: 1 } }, [220, 0]),
				credentials: { assemblyAiHighlightsApi: WRONG_KEY_CRED },
			},
		],
		connections: chain('Start (e2e)', 'Key Phrases'),
	});

	return { examples: imported, runs };
}

/** An HTTP Request node POSTing a JSON body (an expression) to url. */
const postJson = (name, url, jsonBody, position) => ({
	id: nodeId(),
	name,
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	position,
	parameters: { method: 'POST', url, sendBody: true, specifyBody: 'json', jsonBody, options: {} },
});

/** Our Trigger, named "Transcript done", with the header credential the suite's AssemblyAI calls carry. */
function triggerNode(webhookId, parameters) {
	return {
		id: nodeId(),
		name: 'Transcript done',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters,
		credentials: { assemblyAiHighlightsApi: CRED, [WEBHOOK_AUTH_TYPE]: TRIGGER_AUTH_CRED },
	};
}

/**
 * Workflows that only run in `n8n start`, activated before it starts. Their webhook secrets are in
 * the header credentials (credentials(…, headerSecrets)), so the workflows hold none.
 * @param {{receiverUrl: string}} o
 */
function serverWorkflows({ receiverUrl }) {
	// AssemblyAI calls the trigger's production URL -> each key phrase is POSTed to the receiver.
	const trigger = {
		id: ids.srvTrigger,
		name: 'e2e server: AssemblyAI Highlights Trigger -> receiver',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			// The node's defaults: Header Auth, no IP Allowlist.
			triggerNode(TRIGGER_WEBHOOK_ID, { authentication: 'headerAuth', output: 'keyPhrases', options: {} }),
			postJson(
				'POST phrase',
				`${receiverUrl}/trigger`,
				'={{ JSON.stringify({ transcriptId: $json.transcriptId, phrase: $json.text, count: $json.count, error: $json.error }) }}',
				[220, 0],
			),
		],
		connections: chain('Transcript done', 'POST phrase'),
	};

	// POST {recordings: [{name, url}]} -> one item per recording -> Transcribe with waitMode callback
	// (the execution waits for AssemblyAI's callbacks; one summary item per recording) -> one POST per
	// recording with its name read back through pairedItem ($('Recordings').item).
	const waitHook = {
		id: ids.srvWaitHook,
		name: 'e2e server: webhook -> Transcribe (wait for webhook) -> receiver',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: nodeId(),
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'e2e0aa1a-7219-4e6a-9d0e-000000000002',
				parameters: { httpMethod: 'POST', path: WAIT_START_PATH, responseMode: 'onReceived', options: {} },
			},
			splitOut('Recordings', 'body.recordings', [220, 0]),
			ourNode(
				'Key Phrases',
				{
					operation: 'transcribe',
					source: 'url',
					audioUrl: '={{ $json.url }}',
					waitMode: 'callback',
					output: 'summary',
					webhookAuthentication: 'headerAuth',
					options: { maxWaitMinutes: 5 },
				},
				[440, 0],
				{ onError: 'continueRegularOutput', credentials: { assemblyAiHighlightsApi: CRED, [WEBHOOK_AUTH_TYPE]: CALLBACK_AUTH_CRED } },
			),
			postJson(
				'POST result',
				`${receiverUrl}/wait-mode`,
				"={{ JSON.stringify({ name: $('Recordings').item.json.name, transcriptId: $json.transcriptId, status: $json.status, keyPhrases: $json.keyPhrases, highlights: ($json.highlights || []).length, error: $json.error, errorDescription: $json.errorDescription }) }}",
				[660, 0],
			),
		],
		connections: chain('Start', 'Recordings', 'Key Phrases', 'POST result'),
	};
	// Issue 23: AssemblyAI calls the trigger -> one CRM note with the summary -> Delete Transcript, so
	// the transcript is deleted only once the note is stored (the Trigger itself never deletes).
	const triggerCrm = {
		id: ids.srvTriggerCrm,
		name: 'e2e server: AssemblyAI Highlights Trigger -> CRM note -> Delete Transcript',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			triggerNode(TRIGGER_CRM_WEBHOOK_ID, { authentication: 'headerAuth', ipAllowlist: EMULATOR_ADDRESS, output: 'summary', options: { topN: 5 } }),
			postJson(
				'CRM note',
				`${receiverUrl}${TRIGGER_CRM_PATH}`,
				"={{ JSON.stringify({ transcriptId: $json.transcriptId, note: 'Key phrases: ' + $json.keyPhrases.join('; ') }) }}",
				[220, 0],
			),
			ourNode(
				'Delete transcript',
				{ operation: 'deleteTranscript', transcriptId: { __rl: true, mode: 'id', value: "={{ $('Transcript done').item.json.transcriptId }}" } },
				[440, 0],
			),
		],
		connections: chain('Transcript done', 'CRM note', 'Delete transcript'),
	};
	// The trigger again, with an IP Allowlist: behind a proxy it needs N8N_PROXY_HOPS (lib/proxy-tests.js).
	const allowlist = JSON.parse(JSON.stringify(trigger));
	allowlist.id = ids.srvAllowlist;
	allowlist.name = 'e2e server: AssemblyAI Highlights Trigger with IP Allowlist -> receiver';
	allowlist.nodes[0].webhookId = ALLOWLIST_WEBHOOK_ID;
	allowlist.nodes[0].parameters.ipAllowlist = EMULATOR_ADDRESS;
	allowlist.nodes[1].parameters.url = `${receiverUrl}/allowlist`;
	allowlist.nodes.forEach((n) => (n.id = nodeId()));
	// The callback workflow again with the node's defaults (lib/proxy-tests.js): no Webhook
	// Authentication, so AssemblyAI's calls carry the execution's own secret header.
	const waitDefaults = JSON.parse(JSON.stringify(waitHook));
	waitDefaults.id = ids.srvWaitDefaults;
	waitDefaults.name = 'e2e server: webhook -> Transcribe (wait for the callback, node defaults) -> receiver';
	waitDefaults.nodes[0].webhookId = 'e2e0aa1a-7219-4e6a-9d0e-000000000009';
	waitDefaults.nodes[0].parameters.path = WAIT_DEFAULTS_PATH;
	delete waitDefaults.nodes[2].parameters.webhookAuthentication;
	waitDefaults.nodes[2].credentials = { assemblyAiHighlightsApi: CRED };
	waitDefaults.nodes.forEach((n) => (n.id = nodeId()));
	return [trigger, waitHook, triggerCrm, allowlist, waitDefaults];
}

module.exports = {
	// node builders, shared with queue/workflows.js
	nodeId,
	ourNode,
	splitOut,
	postJson,
	chain,
	suiteWorkflows,
	serverWorkflows,
	credentials,
	loadExamples,
	ids,
	OUR_TYPE,
	TRIGGER_TYPE,
	TRIGGER_WEBHOOK_ID,
	ALLOWLIST_WEBHOOK_ID,
	TRIGGER_CRM_WEBHOOK_ID,
	TRIGGER_CRM_PATH,
	TRIGGER_HEADER,
	CALLBACK_HEADER,
	WEBHOOK_AUTH_TYPE,
	TRIGGER_AUTH_CRED,
	CALLBACK_AUTH_CRED,
	EMULATOR_ADDRESS,
	WAIT_START_PATH,
	WAIT_DEFAULTS_PATH,
	CRED,
	WILDFIRES,
	UNREACHABLE,
};
