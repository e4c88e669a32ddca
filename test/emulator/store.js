// @ts-check
/**
 * Transcript state. A transcript's status is a pure function of the time since it was created:
 * queued for `queuedMs`, then processing for `processingMs`, then its outcome (completed or error).
 */
'use strict';

const crypto = require('crypto');
const views = require('./views');
const { longCompletedBody } = require('./long-recording');

/** @typedef {Record<string, any>} Json */
/** @typedef {'queued' | 'processing' | 'completed' | 'error'} TranscriptStatus */
/** @typedef {import('./audio').Outcome} Outcome */

/**
 * @typedef {object} TranscriptRecord
 * @property {string} id
 * @property {Json} params        the JSON body POSTed to /v2/transcript, as received
 * @property {number} createdAt   ms timestamp (the emulator's clock)
 * @property {number} queuedMs
 * @property {number} processingMs
 * @property {Outcome} outcome    decided when the transcript was created
 * @property {string | undefined} uploadId  set when audio_url named a file uploaded to this emulator
 * @property {string | null} detectedLanguage  the language detected (language.js) when the request had no language_code; else null
 * @property {number | null} deletedAt
 * @property {number | null} webhookStatusCode  the last HTTP status the webhook receiver answered (webhooks.js)
 * @property {Record<string, (sent: any) => any> | undefined} echo  request fields reported in another form (Scenario.echo)
 */

/** @typedef {{ queuedMs: number, processingMs: number }} Clock */

const STATUSES = /** @type {const} */ (['queued', 'processing', 'completed', 'error']);

class TranscriptStore {
	/**
	 * @param {object} options
	 * @param {() => number} options.now
	 * @param {Clock} options.clock
	 */
	constructor({ now, clock }) {
		this.now = now;
		this.clock = { ...clock };
		/** @type {Map<string, TranscriptRecord>} */
		this.records = new Map();
	}

	/** @param {Partial<Clock>} clock */
	setClock(clock) {
		if (clock.queuedMs !== undefined) this.clock.queuedMs = clock.queuedMs;
		if (clock.processingMs !== undefined) this.clock.processingMs = clock.processingMs;
	}

	/**
	 * @param {object} input
	 * @param {Json} input.params
	 * @param {Outcome} input.outcome
	 * @param {string} [input.uploadId]
	 * @param {string | null} [input.detectedLanguage]
	 * @param {Partial<Clock>} [input.timing]  per-transcript override (scenarios)
	 * @param {Record<string, (sent: any) => any>} [input.echo]  request fields reported in another form (scenarios)
	 * @returns {TranscriptRecord}
	 */
	create({ params, outcome, uploadId, detectedLanguage = null, timing = {}, echo }) {
		/** @type {TranscriptRecord} */
		const record = {
			id: crypto.randomUUID(),
			params,
			createdAt: this.now(),
			queuedMs: timing.queuedMs ?? this.clock.queuedMs,
			processingMs: timing.processingMs ?? this.clock.processingMs,
			outcome,
			uploadId,
			detectedLanguage,
			deletedAt: null,
			webhookStatusCode: null,
			echo,
		};
		this.records.set(record.id, record);
		return record;
	}

	/** @param {string} id */
	get(id) {
		return this.records.get(id);
	}

	/**
	 * When the transcript reaches completed/error, on the emulator's clock.
	 * @param {TranscriptRecord} record
	 */
	finishedAt(record) {
		return record.createdAt + record.queuedMs + record.processingMs;
	}

	/**
	 * @param {TranscriptRecord} record
	 * @param {number} [at]  the moment asked about (default now): the list may lag behind (setListLag)
	 * @returns {TranscriptStatus}
	 */
	statusOf(record, at = this.now()) {
		const elapsed = at - record.createdAt;
		if (elapsed < record.queuedMs) return 'queued';
		if (elapsed < record.queuedMs + record.processingMs) return 'processing';
		return record.outcome.kind;
	}

	/**
	 * The transcript as GET /v2/transcript/{id} returns it right now.
	 * @param {TranscriptRecord} record
	 * @returns {Json}
	 */
	view(record) {
		const status = this.statusOf(record);
		if (record.deletedAt !== null) return views.deletedView(record, status);
		if (status === 'queued' || status === 'processing') return views.pendingView(record, status);
		if (record.outcome.kind === 'error') return views.errorView(record, record.outcome.message);
		return views.completedView(record, record.outcome.mutate);
	}

	/**
	 * GET /v2/transcript/{id}'s answer right now, as JSON text; a long recording's is spliced from
	 * parts made once (long-recording.js).
	 * @param {TranscriptRecord} record
	 * @returns {string | Buffer}
	 */
	viewText(record) {
		const view = this.view(record);
		const seconds = record.outcome.kind === 'completed' ? record.outcome.durationSeconds : undefined;
		if (seconds !== undefined && view.status === 'completed' && record.deletedAt === null) return longCompletedBody(view, seconds);
		return JSON.stringify(view);
	}

	/**
	 * Marks the transcript deleted; returns the scrubbed view.
	 * @param {TranscriptRecord} record
	 */
	markDeleted(record) {
		if (record.deletedAt === null) record.deletedAt = this.now();
		return views.deletedView(record, this.statusOf(record));
	}

	/** Newest first; ties keep creation order reversed. */
	newestFirst() {
		return [...this.records.values()].reverse().sort((a, b) => b.createdAt - a.createdAt);
	}

	clear() {
		this.records.clear();
	}
}

module.exports = { TranscriptStore, STATUSES };
