import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { Status } from './callbackResults';
import { checkStatus, outputFor } from './callbackResults';
import { awaitedTranscripts, readCallbackEntries } from './callbackState';

/**
 * AssemblyAI's call to a waiting execution's resume URL: `{transcript_id, status}`. While any of
 * the execution's transcripts is still running the call is acknowledged and the execution keeps
 * waiting; the call that finds them all finished resumes it with every input item's output, in
 * input order, whatever order the callbacks came in. Nothing is trusted from the call but the ID:
 * the statuses and the results are read from AssemblyAI with the credential.
 */
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
	try {
		status = await checkStatus(this, awaited);
	} catch (error) {
		return answer(503, { error: `Could not check the transcripts with AssemblyAI: ${(error as Error).message}` });
	}
	if (status.running.length > 0) return answer(200, { received: true, waitingFor: status.running.length });
	answer(200, { received: true, resuming: true });

	const items = await outputFor(this, entries, status.fetched);
	return { noWebhookResponse: true, workflowData: [items] };
}
