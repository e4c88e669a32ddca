/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code runs in Node under jest, never inside n8n */
/**
 * Runs the node in a child process whose time zone is set (TZ is read when a process starts, and a
 * jest worker's zone cannot be changed): real n8n-core in the child, the test's emulator over HTTP.
 */
import { spawn } from 'child_process';
import type { IDataObject } from 'n8n-workflow';
import { resolve } from 'path';
import type { RunOptions } from './runNode';

export interface ZoneRun {
	status: string;
	items: Array<{ json: IDataObject; pairedItem?: unknown }>;
	error?: { name: string; message: string; description?: string; context?: IDataObject };
	/** The child's offset from UTC in minutes, as getTimezoneOffset() gives it on 15 January 2024. */
	januaryOffset: number;
}

const ROOT = resolve(__dirname, '../..');

export async function runNodeInZone(timeZone: string, options: Omit<RunOptions, 'inputs'> & { inputs?: Array<{ json?: IDataObject }> }): Promise<ZoneRun> {
	const child = spawn(
		process.execPath,
		['-r', resolve(ROOT, 'test/helpers/setup-env.js'), '-r', resolve(ROOT, 'scripts/ts-register.js'), resolve(__dirname, 'inZoneChild.ts')],
		{ cwd: ROOT, env: { ...process.env, TZ: timeZone, RUN_NODE_OPTIONS: JSON.stringify(options) }, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
	child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
	const code = await new Promise<number | null>((done) => child.once('exit', done));
	const line = stdout.trim().split('\n').at(-1) ?? '';
	if (code !== 0 || !line.startsWith('{')) throw new Error(`the node's child process (TZ=${timeZone}) exited with ${code}: ${stderr.slice(-2000)}`);
	return JSON.parse(line) as ZoneRun;
}
