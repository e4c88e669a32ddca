/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- a developer script runs in Node, never inside n8n */
/**
 * Prints the call-center outputs the README shows, from real runs of the node in n8n-core against
 * the emulator: a stereo call (Multichannel, Speaker Names 1=Agent, 2=Customer, Delete After
 * Reading) and the demo recording with Speaker Labels, both with Output "By Speaker".
 *
 *   node -r ./test/helpers/setup-env.js -r ./scripts/ts-register.js scripts/call-center-output.ts
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runNode } from '../test/helpers/runNode';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEmulator } = require('../test/emulator');

/** JSON with each array element of `highlights` and `mentions` on a line of its own. */
function compact(value: IDataObject): string {
	const lines = ['{'];
	const entries = Object.entries(value);
	entries.forEach(([key, v], i) => {
		const comma = i < entries.length - 1 ? ',' : '';
		if (Array.isArray(v) && v.length && typeof v[0] === 'object') {
			lines.push(`  "${key}": [`);
			v.forEach((e, j) => lines.push(`    ${JSON.stringify(e)}${j < v.length - 1 ? ',' : ''}`));
			lines.push(`  ]${comma}`);
		} else lines.push(`  "${key}": ${JSON.stringify(v)}${comma}`);
	});
	lines.push('}');
	return lines.join('\n');
}

async function main() {
	const emulator = await startEmulator({ apiKey: 'readme-key', queuedMs: 100, processingMs: 200 });
	const credentials = { apiKey: 'readme-key', region: 'custom', baseUrl: emulator.url };
	const run = async (audioUrl: string, transcriptOptions: INodeParameters, options: INodeParameters, output = 'speakers') => {
		const result = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl, output, transcriptOptions, options: { pollIntervalSeconds: 0.1, ...options } },
			credentials,
		});
		if (result.error) throw result.error;
		return result.items.map((item) => item.json);
	};
	try {
		const stereo = 'https://recordings.example.com/calls/4711-stereo.wav';
		const names = { speakerNames: '1=Agent, 2=Customer' };
		console.log('## A stereo call: Multichannel, By Speaker, Speaker Names 1=Agent, 2=Customer, Top N 3, Delete After Reading\n');
		for (const item of await run(stereo, { multichannel: true }, { ...names, topN: 3, deleteAfterReading: true })) console.log(compact(item));
		console.log('\n## The same call, Occurrences (first 3 of 25)\n');
		for (const item of (await run(stereo, { multichannel: true }, names, 'occurrences')).slice(0, 3)) console.log(JSON.stringify(item));
		console.log('\n## The demo recording (wildfires.mp3), Speaker Labels, By Speaker; highlights: the first of each speaker\'s\n');
		for (const item of await run('https://assembly.ai/wildfires.mp3', { speakerLabels: true }, {})) {
			const highlights = item.highlights as IDataObject[];
			console.log(compact({ ...item, highlights: highlights.slice(0, 1) }), `  // ${highlights.length} highlights in all`);
		}
	} finally {
		await emulator.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
