import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { parseApiTime } from '../transport/apiTime';
import type { ListPageItem } from '../transport/transcriptList';
import { readTranscriptListPage } from '../transport/transcriptList';

/** Transcripts asked of AssemblyAI per page (it gives 200 at most). */
const PAGE_SIZE = 100;
/** With a search filter, pages read per call before handing back a token for more. */
const FILTER_PAGES = 5;

/**
 * Transcript ID "From List": the account's recent transcripts, newest first, as AssemblyAI lists them.
 * The filter matches the ID or the audio URL; AssemblyAI cannot search, so pages are filtered here.
 */
export async function searchTranscripts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const wanted = (filter ?? '').trim().toLowerCase();
	const timeZone = this.getTimezone();
	const results: INodeListSearchItems[] = [];
	let beforeId = paginationToken || undefined;
	for (let page = 0; page < (wanted ? FILTER_PAGES : 1); page++) {
		const { transcripts, olderBeforeId } = await readTranscriptListPage(this, PAGE_SIZE, beforeId);
		for (const transcript of transcripts) {
			if (wanted && !matches(transcript, wanted)) continue;
			results.push({ name: transcriptListName(transcript, timeZone), value: transcript.id });
		}
		beforeId = olderBeforeId;
		if (!beforeId || results.length >= PAGE_SIZE) break;
	}
	return { results, paginationToken: beforeId };
}

function matches(transcript: ListPageItem, wanted: string): boolean {
	return transcript.id.toLowerCase().includes(wanted) || (transcript.audioUrl ?? '').toLowerCase().includes(wanted);
}

/** "wildfires.mp3 · completed · 2025-11-27 05:20 (UTC) · 3c3bdee9": what the recording was, how it went, when. */
export function transcriptListName(transcript: ListPageItem, timeZone: string): string {
	const parts = [audioName(transcript.audioUrl), transcript.status, createdAt(transcript.created, timeZone), transcript.id.slice(0, 8)];
	return parts.filter(Boolean).join(' · ');
}

/** The file name at the end of the audio URL (uploads end in an ID, which says little, but still). */
function audioName(audioUrl: string | undefined): string {
	if (!audioUrl) return '';
	const path = audioUrl.split(/[?#]/)[0].replace(/\/+$/, '');
	return decodeURIComponentSafe(path.slice(path.lastIndexOf('/') + 1));
}

function decodeURIComponentSafe(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** The creation time in the workflow's time zone, minutes precision, the zone named. */
function createdAt(created: string | undefined, timeZone: string): string {
	const ms = parseApiTime(created);
	if (Number.isNaN(ms)) return '';
	let zone = timeZone || 'UTC';
	let format: Intl.DateTimeFormat;
	try {
		format = dateFormat(zone);
	} catch {
		zone = 'UTC';
		format = dateFormat(zone);
	}
	const part = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
	return `${part.year}-${part.month}-${part.day} ${part.hour === '24' ? '00' : part.hour}:${part.minute} (${zone})`;
}

function dateFormat(timeZone: string): Intl.DateTimeFormat {
	return new Intl.DateTimeFormat('en-US', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	});
}
