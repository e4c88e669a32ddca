import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { pause } from '../../transport/pause';
import { refuseWebhookCall } from '../../utils/webhookGuard';
import { outputFor } from './output';
import { refuseWithoutSecret } from './secret';
import { awaitedTranscripts, CALLBACK_STATE_KEY, readCallbackEntries } from './state';
import type { BatchStatus } from './status';
import { checkBatch, whoResumes } from './status';

/** The answer to the call that resumes the execution; every other accepted call gets 200. */
const RESUMING = 202;
/**
 * AssemblyAI waits 10 s for an answer. A call that cannot decide within 8 s (AssemblyAI slow to
 * answer, or failing; n8n busy) is answered 503 before AssemblyAI gives up, and AssemblyAI calls again
 * 10 s later. Decided calls take a fraction of a second.
 */
const DECIDE_WITHIN_MS = 8_000;

type Decision =
	| { kind: 'waiting' }
	| { kind: 'notListedFinished' }
	| { kind: 'listLags'; transcriptId: string }
	| { kind: 'resumedBy'; transcriptId: string }
	| { kind: 'resume'; status: Extract<BatchStatus, { kind: 'finished' }> };

/**
 * AssemblyAI's call to a waiting execution's resume URL: `{transcript_id, status}`. While any other
 * transcript of the execution is still running the call is acknowledged and the execution keeps
 * waiting; once all are finished, the call for the transcript that finished last resumes it with
 * every input item's output, in input order, whatever order the calls came in. Nothing is trusted
 * from the call but the ID: statuses and results are read from AssemblyAI with the credential. A
 * call from an address outside IP Allowlist, or without the execution's secret header (or the Webhook
 * Authentication credential's, when set), is refused before anything is read. A call costs two
 * requests to AssemblyAI while others still run, a few more when all are finished (see checkBatch),
 * and nothing it learns is kept for the next call: that one may reach another n8n instance.
 */
export async function receiveCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = this.getResponseObject();
	const answer = (status: number, body: IDataObject) => {
		response.writeHead(status, { 'Content-Type': 'application/json' });
		response.end(JSON.stringify(body));
		return { noWebhookResponse: true } as IWebhookResponseData;
	};

	const authentication = this.getNodeParameter('webhookAuthentication', 'none');
	const refusal = await refuseWebhookCall(this, { allowlist: this.getNodeParameter('ipAllowlist', ''), authentication });
	if (refusal) return answer(refusal.status, { error: refusal.error });
	// With Webhook Authentication "Header Auth" the credential's header was checked instead.
	const withoutSecret = authentication === 'headerAuth' ? undefined : await refuseWithoutSecret(this);
	if (withoutSecret) return answer(withoutSecret.status, { error: withoutSecret.error });

	const stored = this.evaluateExpression(`{{ $node[${JSON.stringify(this.getNode().name)}].context[${JSON.stringify(CALLBACK_STATE_KEY)}] }}`, 0);
	const entries = readCallbackEntries(stored);
	if (!entries) return answer(404, { error: 'This execution is not waiting for AssemblyAI' });
	const awaited = awaitedTranscripts(entries);
	const body = this.getBodyData();
	const transcriptId = typeof body.transcript_id === 'string' ? body.transcript_id.trim() : '';
	if (!awaited.includes(transcriptId)) {
		return answer(404, { error: `Transcript "${transcriptId}" is not one this execution waits for` });
	}

	// Decide before answering: a non-2xx answer makes AssemblyAI call again.
	let decision: Decision;
	try {
		decision = await withinMs(DECIDE_WITHIN_MS, decide(this, awaited, transcriptId));
	} catch (error) {
		return answer(503, { error: `Could not check the transcripts with AssemblyAI: ${(error as Error).message}` });
	}
	if (decision.kind === 'waiting') return answer(200, { received: true, waiting: true });
	if (decision.kind === 'notListedFinished') {
		return answer(503, { error: `AssemblyAI does not list transcript ${transcriptId} as finished yet: call again` });
	}
	if (decision.kind === 'listLags') {
		return answer(503, {
			error: `AssemblyAI's transcript list still shows transcript ${decision.transcriptId} as running, though it finished: call again`,
		});
	}
	if (decision.kind === 'resumedBy') return answer(200, { received: true, resumedBy: decision.transcriptId });
	answer(RESUMING, { received: true, resuming: true });

	const items = await outputFor(this, entries, decision.status.fetched);
	return { noWebhookResponse: true, workflowData: [items] };
}

async function decide(ctx: IWebhookFunctions, awaited: string[], caller: string): Promise<Decision> {
	const status = await checkBatch(ctx, awaited, caller);
	if (status.kind === 'running') return { kind: 'waiting' };
	if (status.kind === 'callerNotListedFinished') return { kind: 'notListedFinished' };
	if (status.kind === 'listLags') return status;
	const resumer = await whoResumes(ctx, caller, awaited, status);
	return resumer === caller ? { kind: 'resume', status } : { kind: 'resumedBy', transcriptId: resumer };
}

/** The work's result, or an error once `ms` have passed (the work is then left to finish unheard). */
async function withinMs<T>(ms: number, work: Promise<T>): Promise<T> {
	const done = new AbortController();
	const late = pause(ms, done.signal).then(
		() => {
			throw new Error(`AssemblyAI did not answer within ${ms / 1000} s`);
		},
		() => undefined as never, // the work finished first
	);
	try {
		return await Promise.race([work, late]);
	} finally {
		done.abort();
	}
}
