import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { baseUrlFromCredentials, CREDENTIAL_TYPE } from './baseUrl';
import type { HttpFailure } from './errors';
import { readHttpFailure, toNodeApiError } from './errors';
import { pause } from './pause';
import { RETRY_POLICY } from './policy';
import type { RetryMode } from './retry';
import { decideRetry } from './retry';
import type { ApiContext, BinaryStream } from './types';

type Body = IDataObject | Buffer | BinaryStream;

export interface ApiRequest<T> {
	method: IHttpRequestMethods;
	path: string;
	/** A stream can be sent once only: give a function to get a fresh body for every attempt. */
	body?: Body | (() => Promise<Body>);
	qs?: IDataObject;
	headers?: Record<string, string>;
	/** Words for the error message: "AssemblyAI <what> failed". */
	what: string;
	itemIndex?: number;
	/** A hint per HTTP status that beats the generic one. */
	hints?: Record<number, string>;
	/** For streamed bodies: the redirect follower would keep a copy of every byte sent, to replay it. */
	streamBody?: boolean;
	retry: RetryMode;
	/**
	 * For `create`: after a failure that may have created something, find what was created since
	 * `sentAt`. Return it, `undefined` when nothing was (then the request is sent again), or throw.
	 */
	findCreated?: (sentAt: number) => Promise<T | undefined>;
	/** Wraps every attempt's request and the reading of its answer (create: see TranscriptClaims). */
	sendThrough?: (send: () => Promise<unknown>) => Promise<unknown>;
	/** Whether a response is what this endpoint answers; anything else counts as malformed. */
	isValid?: (response: unknown) => boolean;
	timeoutMs?: number;
}

export const isJsonObject = (response: unknown): boolean =>
	response !== null && typeof response === 'object' && !Array.isArray(response) && !Buffer.isBuffer(response);

/**
 * The one place that sends a request to AssemblyAI: n8n's authenticated helper with our credential,
 * retried with backoff where that is safe (see retry.ts), cancelled with the execution.
 */
export async function apiRequest<T>(ctx: ApiContext, request: ApiRequest<T>): Promise<T> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const signal = cancelSignal(ctx);
	const isValid = request.isValid ?? isJsonObject;
	for (let attempt = 1; ; attempt++) {
		const sentAt = Date.now();
		let failure: HttpFailure;
		try {
			const body = typeof request.body === 'function' ? await request.body() : request.body;
			const options: IHttpRequestOptions = {
				method: request.method,
				baseURL: baseUrlFromCredentials(credentials),
				url: request.path,
				qs: request.qs,
				headers: request.headers,
				body,
				json: true,
				disableFollowRedirect: request.streamBody === true,
				// The API key is for the AssemblyAI host alone, never for a host it redirects to.
				sendCredentialsOnCrossOriginRedirect: false,
				timeout: request.timeoutMs,
			};
			const send = async () => await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options);
			const response = request.sendThrough ? await request.sendThrough(send) : await send();
			if (isValid(response)) return response as T;
			failure = {
				code: 'ERR_MALFORMED_RESPONSE',
				message: `AssemblyAI answered with something that is not the expected JSON: ${String(typeof response === 'string' ? response : JSON.stringify(response)).slice(0, 120)}`,
			};
		} catch (error) {
			if (signal?.aborted) throw new NodeOperationError(ctx.getNode(), `The execution was cancelled during the ${request.what}`);
			failure = readHttpFailure(error);
		}
		const decision = decideRetry(failure, request.retry, attempt, RETRY_POLICY);
		if (decision.action === 'fail') {
			// Given up, but what the request may have created is looked for first: a later try must not pay again.
			if (decision.mayHaveCreated && request.findCreated) {
				const created = await request.findCreated(sentAt);
				if (created !== undefined) return created;
			}
			throw toNodeApiError(ctx.getNode(), failure, request.what, request.itemIndex, failure.status ? request.hints?.[failure.status] : undefined);
		}
		if (decision.action === 'checkCreated' && !request.findCreated) {
			throw toNodeApiError(ctx.getNode(), failure, request.what, request.itemIndex);
		}
		await pause(decision.delayMs, signal);
		if (decision.action === 'checkCreated' && request.findCreated) {
			const created = await request.findCreated(sentAt);
			if (created !== undefined) return created;
		}
	}
}

function cancelSignal(ctx: ApiContext): AbortSignal | undefined {
	const withSignal = ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return typeof withSignal.getExecutionCancelSignal === 'function' ? withSignal.getExecutionCancelSignal() : undefined;
}
