/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- benchmark code runs in Node, never inside n8n */
/**
 * The emulator in a child process, so that the bench process's memory holds only the node's own use
 * (the emulator keeps every uploaded byte in memory). Started with a time limit, killed by its id.
 */
import { spawn, type ChildProcess } from 'child_process';
import { resolve } from 'path';
import { createInterface } from 'readline';

const ROOT = resolve(__dirname, '../..');

export interface RequestEvent {
	event: 'request';
	method: string;
	path: string;
	bytes: number;
	/** When the request's headers arrived (ms, wall clock). */
	start: number;
	/** When its body was complete. */
	end: number;
}

/** One webhook attempt, as bench/emulator-child.js reports it. */
export interface WebhookDelivery {
	transcriptId: string;
	attempt: number;
	statusCode: number | null;
	/** When the attempt started (ms, wall clock), and how long until the answer. */
	at: number;
	durationMs: number;
	outcome: string;
}

export interface EmulatorProcess {
	url: string;
	/** Request events (bench/emulator-child.js only). */
	events: RequestEvent[];
	/** Everything it printed (scripts/emulator.js logs one line per request). */
	output: string[];
	/** Waits for the next event matching `match` (bench/emulator-child.js only). */
	next(match: (e: RequestEvent) => boolean, timeoutMs: number): Promise<RequestEvent>;
	/** Drops the stored uploads (bench/emulator-child.js only). */
	reset(): Promise<void>;
	/** Every webhook attempt so far (bench/emulator-child.js only). */
	deliveries(): Promise<WebhookDelivery[]>;
	/** Every running transcript finishes within `spreadMs`, `delayMs` from now (bench/emulator-child.js only). */
	finishWindow(delayMs: number, spreadMs: number): Promise<number>;
	close(): void;
}

/**
 * `kind: 'script'` is `node scripts/emulator.js --queued-ms 0 --processing-ms 0` (as the streamed-upload
 * test runs it); `kind: 'bench'` is bench/emulator-child.js, which reports request timings and takes
 * `benchArgs` (see its header).
 */
export async function startEmulatorProcess(kind: 'script' | 'bench', apiKey: string, benchArgs: string[] = [], startTimeoutMs = 20_000): Promise<EmulatorProcess> {
	const args =
		kind === 'script'
			? [resolve(ROOT, 'scripts/emulator.js'), '--api-key', apiKey, '--queued-ms', '0', '--processing-ms', '0']
			: ['--expose-gc', resolve(ROOT, 'bench/emulator-child.js'), '--api-key', apiKey, ...benchArgs];
	const child: ChildProcess = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
	const events: RequestEvent[] = [];
	const output: string[] = [];
	const waiters: Array<{ match: (e: RequestEvent) => boolean; ok: (e: RequestEvent) => void }> = [];
	/** Answers to stdin commands, by the event they come as. */
	const answered = new Map<string, (answer: Record<string, unknown>) => void>();
	let urlFound: ((url: string) => void) | undefined;
	createInterface({ input: child.stdout! }).on('line', (line: string) => {
		output.push(line);
		const found = /listening on (http:\/\/\S+)/.exec(line);
		if (found) urlFound?.(found[1]);
		if (!line.startsWith('{')) return;
		const parsed = JSON.parse(line) as RequestEvent | { event: string };
		if (parsed.event !== 'request') {
			answered.get(parsed.event)?.(parsed as Record<string, unknown>);
			return;
		}
		events.push(parsed as RequestEvent);
		for (const w of [...waiters]) {
			if (w.match(parsed as RequestEvent)) {
				waiters.splice(waiters.indexOf(w), 1);
				w.ok(parsed as RequestEvent);
			}
		}
	});
	child.stderr!.setEncoding('utf8').on('data', (text: string) => output.push(text));
	const close = () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	};
	process.once('exit', close);
	const url = await new Promise<string>((ok, fail) => {
		const timer = setTimeout(() => {
			close();
			fail(new Error(`emulator did not start within ${startTimeoutMs} ms: ${output.join('')}`));
		}, startTimeoutMs);
		urlFound = (found) => {
			clearTimeout(timer);
			ok(found);
		};
		child.once('exit', (code) => {
			clearTimeout(timer);
			fail(new Error(`emulator exited with ${code}: ${output.join('')}`));
		});
	});
	/** Writes a command line to the child's stdin and waits for its answer, an event line. */
	const command = async (line: string, event: string) =>
		await new Promise<Record<string, unknown>>((ok, fail) => {
			const timer = setTimeout(() => fail(new Error(`emulator: "${line}" not answered`)), 10_000);
			answered.set(event, (answer) => {
				clearTimeout(timer);
				answered.delete(event);
				ok(answer);
			});
			child.stdin!.write(`${line}\n`);
		});
	return {
		url,
		events,
		output,
		next: (match, timeoutMs) =>
			new Promise<RequestEvent>((ok, fail) => {
				const seen = events.find(match);
				if (seen) return ok(seen);
				const timer = setTimeout(() => fail(new Error('emulator: no such request in time')), timeoutMs);
				waiters.push({ match, ok: (e) => (clearTimeout(timer), ok(e)) });
			}),
		reset: async () => {
			await command('reset', 'reset');
			events.length = 0;
		},
		deliveries: async () => (await command('deliveries', 'deliveries')).deliveries as WebhookDelivery[],
		finishWindow: async (delayMs, spreadMs) => (await command(`finish-window ${delayMs} ${spreadMs}`, 'window')).count as number,
		close,
	};
}
