import type { IExecuteFunctions } from 'n8n-workflow';
import type { CreatedTranscript } from '../results';

/**
 * When the execution is stopped (the Stop button, or the workflow's Timeout: n8n cancels both the
 * same way) after transcripts were created, they run on at AssemblyAI and are billed, but the
 * cancelled execution shows no output and no error of ours. So they, and the items whose transcript
 * request was still on its way (`inFlight`), are written to n8n's log at warn level; `doing` says
 * what the node was doing.
 */
export function logCreatedWhenStopped(ctx: IExecuteFunctions, created: CreatedTranscript[], doing: string, inFlight: number[] = []): void {
	if (created.length === 0 && inFlight.length === 0) return;
	const sorted = [...created].sort((a, b) => a.itemIndex - b.itemIndex);
	const pending = [...inFlight].sort((a, b) => a - b);
	const parts: string[] = [];
	if (sorted.length) {
		const list = sorted.map((c) => `item ${c.itemIndex} → ${c.transcriptId}`).join(', ');
		parts.push(`transcripts already created (they run on at AssemblyAI and are billed): ${list}. Read them with 'Get Highlights' and their transcript IDs instead of transcribing again.`);
	}
	if (pending.length) {
		parts.push(`the transcript request of item ${pending.join(', item ')} was still on its way and may have created a transcript too: look for its audio in the transcript list of your AssemblyAI dashboard.`);
	}
	ctx.logger.warn(`AssemblyAI Highlights: the execution was stopped (Stop, or the workflow's Timeout) while ${doing}; ${parts.join(' And ')}`, {
		node: ctx.getNode().name,
		executionId: ctx.getExecutionId(),
		createdTranscripts: sorted.map((c) => ({ itemIndex: c.itemIndex, transcriptId: c.transcriptId })),
		requestsInFlight: pending,
	});
}
