import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { parseRetryAfter } from './retryAfter';

/** What an HTTP failure from n8n's request helper tells us, without the request (which holds the key). */
export interface HttpFailure {
	status?: number;
	apiMessage?: string;
	code?: string;
	message: string;
	retryAfterMs?: number;
}

export function readHttpFailure(error: unknown): HttpFailure {
	const e = error as {
		httpCode?: string | null;
		message?: string;
		context?: { data?: unknown };
		cause?: {
			code?: string;
			status?: number;
			response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
		};
	};
	const status = Number(e.httpCode ?? e.cause?.response?.status ?? e.cause?.status) || undefined;
	const body = e.context?.data ?? e.cause?.response?.data;
	let apiMessage: string | undefined;
	if (body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string') {
		apiMessage = (body as { error: string }).error;
	} else if (typeof body === 'string' && body.trim()) {
		try {
			const parsed = JSON.parse(body) as { error?: unknown };
			if (typeof parsed.error === 'string') apiMessage = parsed.error;
		} catch {
			apiMessage = body.trim().slice(0, 300);
		}
	}
	return {
		status,
		apiMessage,
		code: e.cause?.code ?? (typeof e.httpCode === 'string' && !/^\d+$/.test(e.httpCode) ? e.httpCode : undefined),
		message: e.message ?? String(error),
		retryAfterMs: parseRetryAfter(e.cause?.response?.headers?.['retry-after']),
	};
}

const HINTS: Record<number, string> = {
	401: 'Check the API key in the "AssemblyAI API" credential. Keys are per region: an EU key does not work on the US host and vice versa.',
	403: 'The file was uploaded with a key from another AssemblyAI project. Use one credential for the upload and the transcript.',
	429: 'AssemblyAI is rate-limiting this account. Wait a moment, or lower the number of items sent at once.',
};

/** Maps an HTTP failure to a NodeApiError whose message carries AssemblyAI's own words and what to do. */
export function toNodeApiError(
	node: INode,
	failure: HttpFailure,
	what: string,
	itemIndex?: number,
	hint?: string,
): NodeApiError {
	const said = failure.apiMessage ?? failure.message;
	const statusText = failure.status ? ` (HTTP ${failure.status})` : '';
	const message = `AssemblyAI ${what} failed${statusText}: ${said}`;
	const description = hint ?? (failure.status ? HINTS[failure.status] : undefined) ?? 'See the message for what AssemblyAI reported.';
	const response: JsonObject = { message: said };
	if (failure.status) response.httpCode = String(failure.status);
	return new NodeApiError(node, response, {
		message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex,
	});
}
