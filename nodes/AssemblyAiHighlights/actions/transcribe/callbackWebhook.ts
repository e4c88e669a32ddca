import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { Status } from './callbackResults';
import { checkStatus, outputFor } from './callbackResults';
import { awaitedTranscripts, lastToFinish, readCallbackEntries } from './callbackState';
import { getTranscript } from '../../transport/assemblyAi';

/**
 * AssemblyAI's call to a waiting execution's resume URL: `{transcript_id, status}`. While any of
 * the execution's transcripts is still running the call is acknowledged and the execution keeps
 * waiting; the call that finds them all finished resumes it with every input item's output, in
 * input order, whatever order the callbacks came in. Nothing is trusted from the call but the ID:
 * the statuses and the results are read from AssemblyAI with the credential.
 */
/** The answer to the call that resumes the execution; every other accepted call gets 200. */
const RESUMING = 202;

export async function receiveCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = this.getResponseObject();
	const answer = (status: number, body: IDataObject) => {
		response.writeHead(status, { 'Content-Type': 'application/json' });
		response.end(JSON.stringify(body));
		return { noWebhookResponse: true } as IWebhookResponseData;
	};

	const entries = readCallbackEntries(this.evaluateExpression('{{ $input.all() }}', 0) as IDataObject[]);
	if (!entries) return answer(404, { error: 'This execution is not waiting for AssemblyAI' });
	const awaited = awaitedTranscripts(entries);
	const body = this.getBodyData();
	const transcriptId = typeof body.transcript_id === 'string' ? body.transcript_id.trim() : '';
	if (!awaited.includes(transcriptId)) {
		return answer(404, { error: `Transcript "${transcriptId}" is not one this execution waits for` });
	}

	// Decide before answering: if AssemblyAI cannot be asked now, a non-2xx answer makes it call again.
	let status: Status;
	let resumer: string | undefined;
	try {
		status = await checkStatus(this, awaited, 2);
		if (status.running.length === 0) resumer = await whoResumes(this, transcriptId, awaited, status);
	} catch (error) {
		return answer(503, { error: `Could not check the transcripts with AssemblyAI: ${(error as Error).message}` });
	}
	if (status.running.length > 0) return answer(200, { received: true, waitingFor: status.running.length });
	if (resumer !== transcriptId) return answer(200, { received: true, resumedBy: resumer });
	answer(RESUMING, { received: true, resuming: true });

	const items = await outputFor(this, entries, status.fetched);
	return { noWebhookResponse: true, workflowData: [items] };
}

/**
 * Which call resumes the execution once every transcript is finished: the one for the transcript
 * that finished last. AssemblyAI keeps the status it got for each call (`webhook_status_code`), and
 * a resuming call is answered 202, so another call resumes only when the call for that transcript
 * did not and will not: it was answered 200 (it came while others still ran) or refused with a 4xx
 * (before the execution waited, say; AssemblyAI does not call again after a 4xx). Without a status
 * yet, or after a 5xx, that call is still to come. n8n 2.x refuses a second resume by itself; n8n 1.x
 * would run the rest of the workflow twice.
 */
async function whoResumes(ctx: IWebhookFunctions, caller: string, awaited: string[], status: Status): Promise<string> {
	const last = lastToFinish(awaited, status.finishedAt);
	if (!last || last === caller) return caller;
	const transcript = status.fetched.get(last) ?? (await getTranscript(ctx, last));
	status.fetched.set(last, transcript);
	const code = transcript.webhook_status_code;
	const settledWithoutResuming = code === 200 || (typeof code === 'number' && code >= 400 && code < 500);
	return settledWithoutResuming ? caller : last;
}
