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

/** One transcript as a list page shows it. */
export interface ListPageItem extends ListedTranscript {
	/** When it was created (AssemblyAI's `created`), as AssemblyAI wrote it. */
	created?: string;
	audioUrl?: string;
}

export interface ListPage {
	/** Newest first, as AssemblyAI lists them. */
	transcripts: ListPageItem[];
	/** The `before_id` of the next, older page; none when this page was the last. */
	olderBeforeId?: string;
}

/**
 * One page of AssemblyAI's transcript list, newest first. The next page is the one `page_details.prev_url`
 * points to ("prev" means older); its `before_id` is what the caller passes back to read it.
 */
export async function readTranscriptListPage(ctx: ApiContext, limit: number, beforeId?: string): Promise<ListPage> {
	const qs: IDataObject = { limit };
	if (beforeId) qs.before_id = beforeId;
	const response = await listTranscripts(ctx, qs);
	const transcripts: ListPageItem[] = [];
	for (const item of (response.transcripts as IDataObject[] | undefined) ?? []) {
		if (typeof item.id !== 'string' || typeof item.status !== 'string') continue;
		transcripts.push({
			id: item.id,
			status: item.status as TranscriptStatus,
			created: typeof item.created === 'string' ? item.created : undefined,
			completed: typeof item.completed === 'string' ? item.completed : undefined,
			audioUrl: typeof item.audio_url === 'string' ? item.audio_url : undefined,
		});
	}
	// A short page is the last one, whatever prev_url says (AssemblyAI gives one even then).
	if (transcripts.length < limit) return { transcripts };
	const prevUrl = (response.page_details as IDataObject | undefined)?.prev_url;
	const olderBeforeId = (typeof prevUrl === 'string' && /[?&]before_id=([^&#]+)/.exec(prevUrl)?.[1]) || transcripts[transcripts.length - 1].id;
	return { transcripts, olderBeforeId: decodeURIComponent(olderBeforeId) };
}
