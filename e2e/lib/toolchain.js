'use strict';
// What both end-to-end suites need around n8n: the right Node for each n8n major, npm under Node 24,
// a test recording, and short log tails.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..', '..');

function nodeMajor(exe) {
	const r = spawnSync(exe, ['-p', 'process.versions.node'], { encoding: 'utf8', timeout: 10_000 });
	return r.status === 0 ? Number(r.stdout.trim().split('.')[0]) : 0;
}

/** Folder holding a Node 24 `node` (n8n 2.x). */
function node24Dir() {
	if (nodeMajor(process.execPath) >= 24) return path.dirname(process.execPath);
	const r = spawnSync('bash', [path.join(root, 'scripts', 'node24.sh')], { encoding: 'utf8', timeout: 600_000 });
	if (r.status !== 0 || !r.stdout.trim()) throw new Error(`scripts/node24.sh failed: ${r.stderr}`);
	return r.stdout.trim();
}

/** Folder holding a Node 20-22 `node` (n8n 1.x does not support Node 24). */
function node1xDir() {
	const candidates = [];
	if (process.env.E2E_NODE_1X) candidates.push(process.env.E2E_NODE_1X);
	candidates.push(process.execPath);
	for (const d of (process.env.PATH || '').split(path.delimiter)) candidates.push(path.join(d, 'node'));
	candidates.push('/usr/bin/node', '/usr/local/bin/node');
	for (const c of candidates) {
		if (!c || !fs.existsSync(c)) continue;
		const m = nodeMajor(c);
		if (m >= 20 && m <= 22) return path.dirname(fs.realpathSync(c));
	}
	throw new Error('no Node 20-22 found for n8n 1.x (set E2E_NODE_1X to a node binary)');
}

const nodeDirFor = (version) => (Number(version.split('.')[0]) >= 2 ? node24Dir() : node1xDir());

/** npm under Node 24, building native code against Node 24's headers (~/.npmrc points elsewhere). */
function npmEnv() {
	const dir = node24Dir();
	const env = { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: path.dirname(dir) };
	for (const k of Object.keys(env)) if (/^npm_(lifecycle|package|config_(prefix|global))/i.test(k)) delete env[k];
	return env;
}

/**
 * A mono 8 kHz WAV: silence by default (the emulator transcribes any non-empty upload), or a tone,
 * so that files of different lengths and pitches have different bytes.
 */
function writeWav(file, seconds = 1, hz = 0) {
	const samples = Math.round(8000 * seconds);
	const b = Buffer.alloc(44 + samples * 2);
	b.write('RIFF', 0);
	b.writeUInt32LE(36 + samples * 2, 4);
	b.write('WAVEfmt ', 8);
	b.writeUInt32LE(16, 16);
	b.writeUInt16LE(1, 20);
	b.writeUInt16LE(1, 22);
	b.writeUInt32LE(8000, 24);
	b.writeUInt32LE(16000, 28);
	b.writeUInt16LE(2, 32);
	b.writeUInt16LE(16, 34);
	b.write('data', 36);
	b.writeUInt32LE(samples * 2, 40);
	if (hz) for (let i = 0; i < samples; i++) b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / 8000)), 44 + i * 2);
	fs.writeFileSync(file, b);
	return b;
}

/** What install-n8n.sh recorded as the Node that built an install's native modules. */
function readBuiltWith(installDir) {
	try {
		return `built with ${fs.readFileSync(path.join(installDir, '.built-with'), 'utf8').trim()}`;
	} catch {
		return 'built before install-n8n.sh recorded its Node';
	}
}

const tail = (s, n = 40) => s.split('\n').filter(Boolean).slice(-n).join('\n');

module.exports = { nodeMajor, node24Dir, node1xDir, nodeDirFor, npmEnv, writeWav, tail, readBuiltWith };
