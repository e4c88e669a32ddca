import type { IDataObject } from 'n8n-workflow';
import { parseApiTime } from './apiTime';

/*
 * Pure helpers for finding, after a lost answer, the transcript a POST /v2/transcript created: which
 * list items may be it, and whether a transcript is the one that request asked for.
 */

/** A list item that may be the transcript looked for; `created` is NaN when AssemblyAI's time is unreadable. */
export interface Candidate {
	id: string;
	created: number;
}

export interface ListPageReading {
	candidates: Candidate[];
	/** The page reaches back before the window: older pages cannot hold the transcript. */
	reachesBefore: boolean;
}

/**
 * The items of one list page (newest first) that may be the transcript of `audioUrl` created since
 * `windowStart`: same audio URL, not claimed, created in the window or at an unreadable time.
 */
export function readListPage(
	items: IDataObject[],
	audioUrl: string,
	windowStart: number,
	isClaimed: (id: string) => boolean,
): ListPageReading {
	const candidates: Candidate[] = [];
	let reachesBefore = false;
	for (const item of items) {
		const created = parseApiTime(item.created);
		if (created < windowStart) reachesBefore = true;
		if (typeof item.id !== 'string' || item.audio_url !== audioUrl || isClaimed(item.id)) continue;
		if (created >= windowStart || Number.isNaN(created)) candidates.push({ id: item.id, created });
	}
	return { candidates, reachesBefore };
}

/** Request fields that a transcript reports empty (null, false, [] or absent) when they were not sent. */
const OPTIONAL_FIELDS = ['keyterms_prompt', 'speaker_labels', 'audio_start_from', 'audio_end_at', 'webhook_url', 'multichannel'];

const isEmpty = (value: unknown) =>
	value === undefined || value === null || value === false || value === '' || (Array.isArray(value) && value.length === 0);

function sameValue(sent: unknown, echoed: unknown): boolean {
	if (Array.isArray(sent)) {
		return Array.isArray(echoed) && echoed.length === sent.length && sent.every((value, i) => sameValue(value, echoed[i]));
	}
	if (typeof sent === 'string' && typeof echoed === 'string') return sent.trim().toLowerCase() === echoed.trim().toLowerCase();
	if (sent !== null && typeof sent === 'object') return JSON.stringify(sent) === JSON.stringify(echoed);
	return sent === echoed;
}

/**
 * How a transcript differs from what `params` asked for: the request fields it reports with another
 * value than sent ("language_code: en, sent en_us"), and the optional ones not sent that it reports
 * set. A field it reports as null or not at all proves nothing (a queued transcript may not show every
 * field yet). Empty: it is what was asked for.
 *
 * No difference is explained away: AssemblyAI documents no normalisation of an echoed field (its spec,
 * openapi-2026-08.yml, gives `language_code` and the others as "the language of your audio file" etc.,
 * and the recorded transcripts, shared/assemblyai/examples, echo what was sent). Strings are compared
 * without case or surrounding spaces only. A known normalisation would be accepted here, with its source.
 */
export function requestDifferences(transcript: IDataObject, params: IDataObject): string[] {
	const differences: string[] = [];
	const shown = (value: unknown) => JSON.stringify(value);
	if (transcript.audio_url !== params.audio_url) differences.push(`audio_url ${shown(transcript.audio_url)}`);
	for (const [field, sent] of Object.entries(params)) {
		if (field === 'audio_url' || field === 'webhook_auth_header_value') continue;
		const echoed = transcript[field];
		// The header's value is never shown; `webhook_auth` tells whether one was set.
		if (field === 'webhook_auth_header_name' && typeof echoed !== 'string' && transcript.webhook_auth === false) {
			differences.push('webhook_auth false, a webhook header was sent');
			continue;
		}
		if (echoed === undefined || echoed === null || sameValue(sent, echoed)) continue;
		// A webhook URL may carry a token (n8n's resume URL does): named, not shown.
		differences.push(field === 'webhook_url' ? 'another webhook_url' : `${field} ${shown(echoed)}, sent ${shown(sent)}`);
	}
	for (const field of OPTIONAL_FIELDS) {
		if (params[field] === undefined && !isEmpty(transcript[field])) differences.push(`${field} ${shown(transcript[field])}, not sent`);
	}
	if (params.webhook_auth_header_name === undefined && transcript.webhook_auth === true) differences.push('webhook_auth true, no webhook header was sent');
	return differences;
}

/** Whether a transcript is what `params` asked for (see requestDifferences). */
export function matchesRequest(transcript: IDataObject, params: IDataObject): boolean {
	return requestDifferences(transcript, params).length === 0;
}
