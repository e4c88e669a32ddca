'use strict';
// The workflows of the queue-mode suite. Every one starts from a webhook (a production webhook served
// by the `n8n webhook` process), so every execution goes through Redis to a worker.
const { CRED, TRIGGER_TYPE, WEBHOOK_AUTH_TYPE, TRIGGER_AUTH_CRED, CALLBACK_AUTH_CRED, EMULATOR_ADDRESS, nodeId, ourNode, splitOut, postJson, chain } = require('../lib/workflows');

// Workflow ids: at most 16 characters.
const ids = {
	batch: 'qBatchFromDisk01', // (a) one execution, a batch of recordings read from disk
	upload: 'qUploadBinary001', // (a) one execution per recording POSTed as the request body
	submit: 'qSubmitForTrig01', // (b) submit with webhook_url = the trigger's URL, don't wait
	trigger: 'qHighlightsTrig1', // (b) the AssemblyAI Highlights Trigger
	waitHook: 'qWaitForWebhook1', // (c) waitMode callback: resumed by AssemblyAI's callback
	waitBatch: 'qWaitBatchOf3001', // (c) the same with 3 recordings: resumed by the last callback
	killPoll: 'qKillMidPoll0001', // (d) poll mode: the worker is killed -9 while it polls
	killCallback: 'qKillMidWait0001', // (d) callback mode (its own secret header): the worker is killed -9 while the execution waits
};

// Production webhook paths (Webhook nodes) and the trigger's webhookId.
const paths = {
	batch: 'queue-batch',
	upload: 'queue-upload',
	submit: 'queue-submit',
	waitHook: 'queue-wait',
	waitBatch: 'queue-wait-batch',
	killPoll: 'queue-kill-poll',
	killCallback: 'queue-kill-callback',
};
const TRIGGER_WEBHOOK_ID = '5e1f0c2a-7b3d-4c8e-9f10-0a1b2c3d4e5f';
const TRIGGER_PATH = `${TRIGGER_WEBHOOK_ID}/assemblyai`; // nodes without isFullPath: <webhookId>/<path>
const SECRET_HEADER = 'X-Webhook-Secret';

const webhook = (name, path, position = [0, 0], options = {}) => ({
	id: nodeId(),
	name,
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position,
	webhookId: nodeId(),
	parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options },
});

/** POSTs one JSON body per item to the receiver. */
const post = (name, url, bodyExpr, position) => postJson(name, url, `={{ JSON.stringify(${bodyExpr}) }}`, position);

const wf = (id, name, nodes, connections) => ({ id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections });

/** Our node with the API credential and a webhook header credential (the secrets live there, not here). */
const withHeader = (cred) => ({ credentials: { assemblyAiHighlightsApi: CRED, [WEBHOOK_AUTH_TYPE]: cred } });

/**
 * @param {{filesDir: string, receiverUrl: string, webhookBase: string}} o
 *   webhookBase: the webhook process's URL (WEBHOOK_URL without the trailing slash)
 */
function queueWorkflows({ filesDir, receiverUrl, webhookBase }) {
	const poll = { pollIntervalSeconds: 1, maxWaitMinutes: 5 };
	// The callback (through the webhook process) carries the callback credential's header and comes from the emulator.
	const callbackAuth = { webhookAuthentication: 'headerAuth', ipAllowlist: EMULATOR_ADDRESS };
	const phraseBody = (extra) => `{ ${extra}, transcriptId: $json.transcriptId, phrase: $json.text, count: $json.count, executionId: $execution.id }`;

	return [
		// (a) Webhook -> Read/Write Files from Disk (a glob: one item per recording) -> our node
		// (binary, poll) -> one POST per key phrase. The worker reads the files; their binary data
		// lives in Postgres (N8N_DEFAULT_BINARY_DATA_MODE=database) until our node streams it.
		wf(
			ids.batch,
			'queue e2e: batch of recordings from disk',
			[
				webhook('Start batch', paths.batch),
				{
					id: nodeId(),
					name: 'Read recordings',
					type: 'n8n-nodes-base.readWriteFile',
					typeVersion: 1,
					position: [220, 0],
					parameters: { operation: 'read', fileSelector: `${filesDir}/batch-*.wav`, options: { dataPropertyName: 'data' } },
				},
				ourNode('Key Phrases', { operation: 'transcribe', source: 'binary', binaryPropertyName: 'data', waitMode: 'poll', output: 'keyPhrases', options: poll }, [440, 0]),
				post('POST phrase', `${receiverUrl}/batch`, phraseBody("file: $('Read recordings').item.json.fileName"), [660, 0]),
			],
			chain('Start batch', 'Read recordings', 'Key Phrases', 'POST phrase'),
		),

		// (a) The recording is the request body: the webhook process stores it as binary data (in
		// Postgres), a worker's run of our node reads it from there and uploads it.
		wf(
			ids.upload,
			'queue e2e: recording POSTed to the webhook',
			[
				webhook('Upload', paths.upload, [0, 0], { binaryPropertyName: 'data' }),
				ourNode('Key Phrases', { operation: 'transcribe', source: 'binary', binaryPropertyName: 'data', waitMode: 'poll', output: 'keyPhrases', options: poll }, [220, 0]),
				post('POST phrase', `${receiverUrl}/upload`, phraseBody("file: $('Upload').item.json.query.name"), [440, 0]),
			],
			chain('Upload', 'Key Phrases', 'POST phrase'),
		),

		// (b) Submit without waiting, webhook_url = the trigger's production URL (the webhook process).
		wf(
			ids.submit,
			'queue e2e: submit for the trigger',
			[
				webhook('Submit', paths.submit),
				splitOut('One per recording', 'body.recordings', [220, 0]),
				ourNode(
					'Submit transcript',
					{
						operation: 'transcribe',
						source: 'url',
						audioUrl: '={{ $json.url }}',
						waitMode: 'none',
						transcriptOptions: { webhookUrl: `${webhookBase}/webhook/${TRIGGER_PATH}` },
						webhookAuthentication: 'headerAuth',
						options: {},
					},
					[440, 0],
					withHeader(TRIGGER_AUTH_CRED),
				),
				post('POST submitted', `${receiverUrl}/submitted`, '{ transcriptId: $json.transcriptId, status: $json.status, executionId: $execution.id }', [660, 0]),
			],
			chain('Submit', 'One per recording', 'Submit transcript', 'POST submitted'),
		),

		// (b) The trigger: AssemblyAI's callback arrives at the webhook process, which runs the trigger's
		// webhook() (checks the secret, fetches the transcript); the rest runs on a worker.
		wf(
			ids.trigger,
			'queue e2e: AssemblyAI Highlights Trigger',
			[
				{
					id: nodeId(),
					name: 'Transcript done',
					type: TRIGGER_TYPE,
					typeVersion: 1,
					position: [0, 0],
					webhookId: TRIGGER_WEBHOOK_ID,
					parameters: { authentication: 'headerAuth', ipAllowlist: EMULATOR_ADDRESS, output: 'keyPhrases', options: {} },
					credentials: { assemblyAiHighlightsApi: CRED, [WEBHOOK_AUTH_TYPE]: TRIGGER_AUTH_CRED },
				},
				post('POST phrase', `${receiverUrl}/trigger`, phraseBody('source: "trigger"'), [220, 0]),
			],
			chain('Transcript done', 'POST phrase'),
		),

		// (c) waitMode callback: the node submits with webhook_url = this execution's resume URL and puts
		// the execution to wait; AssemblyAI's callback (through the webhook process) resumes it, on
		// whichever worker takes the job. A resumed node outputs one item per recording (Summary), so
		// Split Out makes one item per key phrase.
		wf(
			ids.waitHook,
			'queue e2e: wait for the AssemblyAI webhook',
			[
				webhook('Start', paths.waitHook),
				ourNode(
					'Key Phrases',
					{ operation: 'transcribe', source: 'url', audioUrl: '={{ $json.body.url }}', waitMode: 'callback', output: 'summary', ...callbackAuth, options: { maxWaitMinutes: 10 } },
					[220, 0],
					withHeader(CALLBACK_AUTH_CRED),
				),
				splitOut('One per phrase', 'highlights', [440, 0]),
				post(
					'POST phrase',
					`${receiverUrl}/resumed`,
					"{ url: $('Start').item.json.body.url, transcriptId: $('Key Phrases').item.json.transcriptId, phrase: $json.text, count: $json.count, executionId: $execution.id }",
					[660, 0],
				),
			],
			chain('Start', 'Key Phrases', 'One per phrase', 'POST phrase'),
		),

		// (c) Three recordings in one waiting execution: every callback but the last is acknowledged and
		// the execution keeps waiting; the last resumes it, items paired with their input by position.
		wf(
			ids.waitBatch,
			'queue e2e: wait for the AssemblyAI webhook, 3 recordings',
			[
				webhook('Start', paths.waitBatch),
				splitOut('One per recording', 'body.recordings', [220, 0]),
				ourNode(
					'Key Phrases',
					{ operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', waitMode: 'callback', output: 'summary', ...callbackAuth, options: { maxWaitMinutes: 10 } },
					[440, 0],
					withHeader(CALLBACK_AUTH_CRED),
				),
				splitOut('One per phrase', 'highlights', [660, 0]),
				post(
					'POST phrase',
					`${receiverUrl}/resumed-batch`,
					"{ url: $('One per recording').item.json.url, transcriptId: $('Key Phrases').item.json.transcriptId, phrase: $json.text, count: $json.count, executionId: $execution.id }",
					[880, 0],
				),
			],
			chain('Start', 'One per recording', 'Key Phrases', 'One per phrase', 'POST phrase'),
		),
		// (d) 3 recordings, one execution, its worker killed -9 in mid-wait: Poll Until Done, and Wait
		// for AssemblyAI's Callback with the node's defaults (its own secret header, no credential).
		...[
			[ids.killPoll, paths.killPoll, 'poll', { waitMode: 'poll', options: { ...poll, maxWaitMinutes: 10 } }, '/killed-poll'],
			[ids.killCallback, paths.killCallback, 'callback', { waitMode: 'callback', ipAllowlist: EMULATOR_ADDRESS, options: { maxWaitMinutes: 10 } }, '/killed-callback'],
		].map(([id, path, mode, settings, target]) =>
			wf(
				id,
				`queue e2e: worker killed in mid-wait, ${mode} mode`,
				[
					webhook('Start', path),
					splitOut('One per recording', 'body.recordings', [220, 0]),
					ourNode('Key Phrases', { operation: 'transcribe', source: 'url', audioUrl: '={{ $json.url }}', output: 'summary', ...settings }, [440, 0]),
					post('POST result', `${receiverUrl}${target}`, "{ url: $('One per recording').item.json.url, transcriptId: $json.transcriptId, phrases: ($json.highlights || []).length, executionId: $execution.id }", [660, 0]),
				],
				chain('Start', 'One per recording', 'Key Phrases', 'POST result'),
			),
		),
	];
}

module.exports = { queueWorkflows, ids, paths, TRIGGER_PATH, SECRET_HEADER, TRIGGER_TYPE };
