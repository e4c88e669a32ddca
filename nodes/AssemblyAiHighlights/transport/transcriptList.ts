import type { IDataObject } from 'n8n-workflow';
import { listTranscripts } from './assemblyAi';
import type { RequestRate } from './requestRate';
import type { ApiContext, TranscriptStatus } from './types';

/** The most statuses one list request gives. */
export const LIST_PAGE_SIZE = 200;

/** What the transcript list tells of one transcript. */
export interface ListedTranscript {
	id: string;
	status: TranscriptStatus;
	/** When it finished (AssemblyAI's `completed`), when the list gives it. */
	completed?: string;
}

export interface ListScan {
	/** Only transcripts with this status (AssemblyAI's `status` filter). */
	status?: TranscriptStatus;
	/** Pages read at most. */
	maxPages: number;
	/** Each request waits for its turn here. */
	rate?: RequestRate;
	/** Sees each wanted transcript listed; returning true ends the scan. */
	onListed: (transcript: ListedTranscript) => boolean | void;
}

/**
 * Reads AssemblyAI's transcript list (newest first, LIST_PAGE_SIZE per request) page by page, until
 * every wanted transcript was listed, `onListed` ends the scan, the list ends, or `maxPages` pages
 * were read. A failed request throws.
 */
export async function scanTranscriptList(ctx: ApiContext, wanted: ReadonlySet<string>, scan: ListScan): Promise<void> {
	let seen = 0;
	let beforeId: string | undefined;
	for (let page = 1; page <= scan.maxPages; page++) {
		await scan.rate?.take();
		const qs: IDataObject = { limit: LIST_PAGE_SIZE };
		if (scan.status) qs.status = scan.status;
		if (beforeId) qs.before_id = beforeId;
		const items = ((await listTranscripts(ctx, qs)).transcripts as IDataObject[] | undefined) ?? [];
		for (const item of items) {
			if (typeof item.id !== 'string' || typeof item.status !== 'string' || !wanted.has(item.id)) continue;
			seen++;
			const completed = typeof item.completed === 'string' ? item.completed : undefined;
			if (scan.onListed({ id: item.id, status: item.status as TranscriptStatus, completed })) return;
		}
		if (seen >= wanted.size || items.length < LIST_PAGE_SIZE) return;
		beforeId = items[items.length - 1].id as string;
	}
}
