import type { IDataObject } from 'n8n-workflow';
import { apiRequest } from './request';
import type { ApiContext, BinaryStream, TranscriptJson, TranscriptParams } from './types';

const UNKNOWN_ID_HINT =
	'Check the transcript ID. Transcripts are only found with a key of the AssemblyAI project and region that created them.';

/** POST /v2/upload: the raw bytes (a stream for large files), answered with an upload_url. */
export async function uploadAudio(
	ctx: ApiContext,
	body: Buffer | BinaryStream,
	byteLength: number | undefined,
	itemIndex: number,
): Promise<string> {
	const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
	if (byteLength !== undefined) headers['Content-Length'] = String(byteLength);
	const response = await apiRequest<{ upload_url?: string }>(ctx, {
		method: 'POST',
		path: '/v2/upload',
		body,
		headers,
		what: 'upload',
		itemIndex,
		streamBody: true,
	});
	if (!response?.upload_url) {
		throw new Error('AssemblyAI answered the upload without an upload_url');
	}
	return response.upload_url;
}

export async function createTranscript(
	ctx: ApiContext,
	params: TranscriptParams,
	itemIndex: number,
): Promise<TranscriptJson> {
	return await apiRequest<TranscriptJson>(ctx, {
		method: 'POST',
		path: '/v2/transcript',
		body: params,
		what: 'transcript request',
		itemIndex,
	});
}

export async function getTranscript(
	ctx: ApiContext,
	transcriptId: string,
	itemIndex?: number,
): Promise<TranscriptJson> {
	return await apiRequest<TranscriptJson>(ctx, {
		method: 'GET',
		path: `/v2/transcript/${encodeURIComponent(transcriptId)}`,
		what: `lookup of transcript ${transcriptId}`,
		itemIndex,
		hints: { 400: UNKNOWN_ID_HINT, 404: UNKNOWN_ID_HINT },
	});
}

export async function listTranscripts(ctx: ApiContext, qs: IDataObject): Promise<IDataObject> {
	return await apiRequest<IDataObject>(ctx, {
		method: 'GET',
		path: '/v2/transcript',
		qs,
		what: 'transcript list',
	});
}
