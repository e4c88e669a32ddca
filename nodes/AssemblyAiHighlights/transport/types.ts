import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

/** A readable stream of binary data, as n8n's binary helpers return it (typed without importing 'stream'). */
export type BinaryStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

/** Any n8n context that may call AssemblyAI with our credential. */
export type ApiContext = IExecuteFunctions | IWebhookFunctions | IHookFunctions | ILoadOptionsFunctions;

export type TranscriptStatus = 'queued' | 'processing' | 'completed' | 'error';

/** AssemblyAI's transcript JSON; transport reads only these fields and passes the rest through. */
export interface TranscriptJson extends IDataObject {
	id: string;
	status: TranscriptStatus;
	error?: string | null;
}

export interface TranscriptParams extends IDataObject {
	audio_url: string;
}
