import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Each transcript request AssemblyAI accepted, at info level (n8n's default level), as it happens.
 * If the process dies while waiting (a queue-mode worker killed, OOM), the execution shows nothing of
 * ours and n8n does not run it again: this line in the worker's log is then where the paid
 * transcripts are found, to read them with Get Highlights instead of transcribing again.
 */
export function logCreated(ctx: IExecuteFunctions, itemIndex: number, transcriptId: string): void {
	ctx.logger.info(`AssemblyAI Highlights: item ${itemIndex} → transcript ${transcriptId} (execution ${ctx.getExecutionId()}, node "${ctx.getNode().name}")`, {
		node: ctx.getNode().name,
		executionId: ctx.getExecutionId(),
		itemIndex,
		transcriptId,
	});
}
