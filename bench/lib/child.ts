/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- benchmark code runs in Node, never inside n8n */
/**
 * Child processes of the bench: each measurement runs in a fresh Node process (its own heap), under a
 * time limit, in its own process group so that a timeout also ends whatever it started (an emulator).
 * A child reports with one stdout line `@@BENCH_RESULT <json>`; its other lines are progress.
 */
import { spawn } from 'child_process';
import { resolve } from 'path';
import { createInterface } from 'readline';

const RESULT_TAG = '@@BENCH_RESULT ';
const ROOT = resolve(__dirname, '../..');

/** In a child: hand the result to the parent. */
export function report(result: unknown): void {
	process.stdout.write(`${RESULT_TAG}${JSON.stringify(result)}\n`);
}

/** In a child: run main, report its result, exit with 1 on failure (after cleanup in main's finally). */
export function childMain(main: () => Promise<unknown>): void {
	main()
		.then((result) => {
			report(result);
			process.exit(0);
		})
		.catch((error: Error) => {
			console.error(`bench child failed: ${error?.stack ?? error}`);
			process.exit(1);
		});
}

export interface ChildOptions {
	/** Path of a bench TypeScript file, relative to the repository root. */
	script: string;
	args?: string[];
	timeoutMs: number;
	env?: NodeJS.ProcessEnv;
	/** Shown before each progress line. */
	label: string;
}

/** Runs `node --expose-gc -r setup-env -r ts-register <script>` and resolves with its reported JSON. */
export async function runChild<T>(options: ChildOptions): Promise<T> {
	const args = [
		'--expose-gc',
		'-r',
		'./test/helpers/setup-env.js',
		'-r',
		'./scripts/ts-register.js',
		options.script,
		...(options.args ?? []),
	];
	const child = spawn(process.execPath, args, {
		cwd: ROOT,
		env: { ...process.env, ...options.env },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // its own process group: a timeout kills the group, grandchildren included
	});
	let result: T | undefined;
	let stderr = '';
	createInterface({ input: child.stdout! }).on('line', (line: string) => {
		if (line.startsWith(RESULT_TAG)) result = JSON.parse(line.slice(RESULT_TAG.length)) as T;
		else if (line.trim()) console.log(`  [${options.label}] ${line}`);
	});
	child.stderr!.setEncoding('utf8').on('data', (text: string) => {
		stderr += text;
		if (stderr.length > 20_000) stderr = stderr.slice(-20_000);
	});
	const killGroup = () => {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			// already gone
		}
	};
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		killGroup();
	}, options.timeoutMs);
	const code = await new Promise<number | null>((ok) => child.once('exit', (c) => ok(c)));
	clearTimeout(timer);
	killGroup(); // anything the child left running (it should have closed its emulator itself)
	if (timedOut) throw new Error(`${options.label}: timed out after ${options.timeoutMs / 1000} s\n${stderr.slice(-2000)}`);
	if (code !== 0 || result === undefined) throw new Error(`${options.label}: exited with ${code}\n${stderr.slice(-4000)}`);
	return result;
}
