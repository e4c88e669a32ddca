/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code runs in Node under jest, never inside n8n */
/**
 * `node scripts/emulator.js` starts the emulator, prints where it listens and with which key, serves until
 * SIGINT and then exits cleanly.
 */
import { spawn } from 'child_process';
import * as path from 'path';

const SCRIPT = path.resolve(__dirname, '../../scripts/emulator.js');

function runScript(args: string[], env: Record<string, string> = {}) {
	const child = spawn(process.execPath, [SCRIPT, ...args], {
		env: { ...process.env, PORT: '', EMULATOR_API_KEY: '', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const banner = new Promise<RegExpMatchArray>((resolve, reject) => {
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const m = output.match(/AssemblyAI emulator listening on (http:\/\/127\.0\.0\.1:(\d+)) {2}API key: (\S+)/);
			if (m) resolve(m);
		});
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${output}`)));
	});
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, banner, exited };
}

describe('scripts/emulator.js serves the emulated API until Ctrl-C', () => {
	it('--api-key and a random port; SIGINT exits with 0', async () => {
		const { child, banner, exited } = runScript(['--api-key', 'demo-key', '--port', '0']);
		const [, url, , key] = await banner;
		expect(key).toBe('demo-key');
		const ok = await fetch(`${url}/v2/transcript?limit=1`, { headers: { authorization: 'demo-key' } });
		expect(ok.status).toBe(200);
		const denied = await fetch(`${url}/v2/transcript`, { headers: { authorization: 'emulator-key' } });
		expect(denied.status).toBe(401);
		child.kill('SIGINT');
		expect(await exited).toBe(0);
	});

	it('EMULATOR_API_KEY is used when --api-key is absent', async () => {
		const { child, banner, exited } = runScript([], { EMULATOR_API_KEY: 'from-env' });
		const [, , , key] = await banner;
		expect(key).toBe('from-env');
		child.kill('SIGINT');
		expect(await exited).toBe(0);
	});
});
