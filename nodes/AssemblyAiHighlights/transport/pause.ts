import * as workflow from 'n8n-workflow';

type SleepFn = (ms: number, abortSignal?: AbortSignal) => Promise<void>;

/**
 * Waits `ms`, or rejects as soon as the execution is cancelled. The host's n8n-workflow is the one
 * loaded: 2.x has sleep(ms, signal); 1.x has sleepWithAbort(ms, signal) and a sleep(ms) that ignores
 * a signal, so prefer sleepWithAbort where it exists.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	const lib = workflow as unknown as { sleep: SleepFn; sleepWithAbort?: SleepFn };
	if (signal?.aborted) throw cancelled(signal);
	if (signal && typeof lib.sleepWithAbort === 'function') {
		await lib.sleepWithAbort(ms, signal);
	} else {
		await lib.sleep(ms, signal);
	}
	if (signal?.aborted) throw cancelled(signal);
}

function cancelled(signal: AbortSignal): Error {
	return signal.reason instanceof Error ? signal.reason : new Error('The execution was cancelled');
}
