import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { baseUrlFromCredentials, CREDENTIAL_TYPE } from './baseUrl';
import { readHttpFailure, toNodeApiError } from './errors';
import type { ApiContext, BinaryStream } from './types';

export interface ApiRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject | Buffer | BinaryStream;
	qs?: IDataObject;
	headers?: Record<string, string>;
	/** Words for the error message: "AssemblyAI <what> failed". */
	what: string;
	itemIndex?: number;
	/** A hint per HTTP status that beats the generic one. */
	hints?: Record<number, string>;
	/** For streamed bodies: the redirect follower would keep a copy of every byte sent, to replay it. */
	streamBody?: boolean;
}

/** The one place that sends a request to AssemblyAI: n8n's authenticated helper, our credential. */
export async function apiRequest<T>(ctx: ApiContext, request: ApiRequest): Promise<T> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL: baseUrlFromCredentials(credentials),
		url: request.path,
		qs: request.qs,
		headers: request.headers,
		body: request.body,
		json: true,
		disableFollowRedirect: request.streamBody === true,
	};
	try {
		return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options)) as T;
	} catch (error) {
		const failure = readHttpFailure(error);
		const hint = failure.status ? request.hints?.[failure.status] : undefined;
		throw toNodeApiError(ctx.getNode(), failure, request.what, request.itemIndex, hint);
	}
}
