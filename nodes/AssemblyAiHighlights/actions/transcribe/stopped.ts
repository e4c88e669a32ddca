import type { IExecuteFunctions } from 'n8n-workflow';
import type { CreatedTranscript } from '../results';

/**
 * When the execution is stopped (the Stop button, or the workflow's Timeout: n8n cancels both the
 * same way) after transcripts were created, they run on at AssemblyAI and are billed, but the
 * cancelled execution shows no output and no error of ours. So they are written to n8n's log, at
 * warn level, with their items; `doing` says what the node was doing.
 */
export function logCreatedWhenStopped(ctx: IExecuteFunctions, created: CreatedTranscript[], doing: string): void {
	if (created.length === 0) return;
	const sorted = [...created].sort((a, b) => a.itemIndex - b.itemIndex);
	const list = sorted.map((c) => `item ${c.itemIndex} → ${c.transcriptId}`).join(', ');
	ctx.logger.warn(
		`AssemblyAI Highlights: the execution was stopped (Stop, or the workflow's Timeout) while ${doing}; transcripts already created (they run on at AssemblyAI and are billed): ${list}. Read them with 'Get Highlights' and their transcript IDs instead of transcribing again.`,
		{
			node: ctx.getNode().name,
			executionId: ctx.getExecutionId(),
			createdTranscripts: sorted.map((c) => ({ itemIndex: c.itemIndex, transcriptId: c.transcriptId })),
		},
	);
}
