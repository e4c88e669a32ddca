/* eslint-disable @typescript-eslint/no-require-imports */
import type { IDataObject } from 'n8n-workflow';

export interface FaultRule {
	route: 'upload' | 'create' | 'get' | 'list' | 'delete' | '*';
	kind: '429' | '500' | '502' | '503' | '504' | 'drop-before' | 'drop-after' | '503-after' | 'slow' | 'malformed-json';
	probability?: number;
	every?: number;
	times?: number;
	retryAfterSeconds?: number | null;
	withBody?: boolean;
	delayMs?: number;
}

export interface Emulator {
	url: string;
	apiKey: string;
	requests: Array<{ method: string; path: string; headers: Record<string, string>; bodyBytes: number; at: number }>;
	uploads: Map<string, Buffer>;
	uploadBytes(uploadUrl: string): Buffer | undefined;
	transcripts: Map<string, IDataObject>;
	createdCount(): number;
	createdParams(): IDataObject[];
	setClock(clock: { queuedMs?: number; processingMs?: number }): void;
	/** How list items write `created`/`completed`: 'spec' (no zone, the default), 'recorded' (with Z), or any value per time. */
	setListTimes(format: 'spec' | 'recorded' | ((ms: number) => unknown)): void;
	/** The transcript list shows each transcript's status as it was `ms` ago (AssemblyAI's list lagging); 0 after reset. */
	setListLag(ms: number): void;
	/** A created transcript finishes at `at` (ms) instead; its webhook is delivered then. */
	finishAt(id: string, at: number): void;
	/** What GET /v2/transcript/{id} would return now. */
	transcriptView(id: string): IDataObject | undefined;
	addScenario(scenario: {
		match: (audioUrl: string, upload?: Buffer) => boolean;
		mutate?: (transcript: IDataObject) => void;
		error?: string;
		queuedMs?: number;
		processingMs?: number;
		/** Completes as a recording this long, derived from the recorded one (test/emulator/long-recording.js). */
		durationSeconds?: number;
		/** Request fields the transcript reports in another form than sent, e.g. `{ language_code: () => 'en' }`. */
		echo?: Record<string, (sent: unknown) => unknown>;
	}): void;
	onRequest(hook: (ctx: { method: string; pathname: string; path: string }) => unknown): () => void;
	setFaults(rules: FaultRule[], options?: { seed?: number }): void;
	clearFaults(): void;
	faultStats(): {
		injected: Record<string, Record<string, number>>;
		requests: Record<string, number>;
		log: Array<{ route: string; kind: string; transcriptId?: string }>;
	};
	reset(): void;
	close(): Promise<void>;
}

const { startEmulator } = require('../emulator') as {
	startEmulator: (options: { apiKey?: string; queuedMs?: number; processingMs?: number }) => Promise<Emulator>;
};

// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up test value
export const TEST_API_KEY = 'test-key-5f1c0e2a9b';
export const WILDFIRES_URL = 'https://assembly.ai/wildfires.mp3';

/** Starts the AssemblyAI emulator for the suite, with a fast clock; one per test file. */
export function useEmulator(clock = { queuedMs: 40, processingMs: 80 }) {
	const holder: { emu?: Emulator } = {};
	beforeAll(async () => {
		holder.emu = await startEmulator({ apiKey: TEST_API_KEY, ...clock });
	});
	afterAll(async () => {
		await holder.emu?.close();
	});
	beforeEach(() => {
		holder.emu?.reset();
		holder.emu?.setClock(clock);
		holder.emu?.setListTimes('spec');
	});
	return {
		get emu(): Emulator {
			if (!holder.emu) throw new Error('emulator not started');
			return holder.emu;
		},
		credentials(apiKey = TEST_API_KEY): IDataObject {
			return { apiKey, region: 'custom', baseUrl: this.emu.url };
		},
	};
}

/** Creates a transcript straight through the emulator's HTTP API, as another workflow would have. */
export async function createTranscriptDirectly(emu: Emulator, body: IDataObject): Promise<string> {
	const response = await fetch(`${emu.url}/v2/transcript`, {
		method: 'POST',
		headers: { authorization: emu.apiKey, 'content-type': 'application/json' },
		body: JSON.stringify({ audio_url: WILDFIRES_URL, speech_models: ['universal-2'], ...body }),
	});
	if (response.status !== 200) throw new Error(`emulator refused the transcript: ${response.status} ${await response.text()}`);
	return ((await response.json()) as { id: string }).id;
}

/** Node options that keep the tests fast: poll every 20 ms. */
export const FAST = { pollIntervalSeconds: 0.02 };
