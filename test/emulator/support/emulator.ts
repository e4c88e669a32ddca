/** Typed access to the JS emulator plus a small fetch helper for the emulator tests. */
import { startEmulator } from '../index';

export { startEmulator };
export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export interface Answer {
	status: number;
	headers: Headers;
	text: string;
	/** parsed body, or undefined when it is not JSON */
	json: any;
}

export interface CallOptions {
	/** JSON-serialized unless a string or Buffer */
	body?: unknown;
	/** Authorization header value; null sends none. Default: the emulator's key. */
	key?: string | null;
	headers?: Record<string, string>;
}

export async function call(emu: Emulator, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
	const headers: Record<string, string> = { ...(options.headers ?? {}) };
	const key = options.key === undefined ? emu.apiKey : options.key;
	if (key !== null) headers.authorization = key;
	const { body } = options;
	const payload =
		body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
	const res = await fetch(`${emu.url}${path}`, { method, headers, body: payload });
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

/** A clock the emulator reads instead of Date.now, moved by hand. */
export function manualClock(start = Date.parse('2026-03-01T12:00:00Z')) {
	let now = start;
	return {
		now: () => now,
		advance(ms: number) {
			now += ms;
		},
	};
}
