/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- a developer script runs in Node, never inside n8n */
/**
 * The demo: a real workflow through real n8n-core. Transcribe with Key Phrases on AssemblyAI's public
 * sample, progress while it runs, then the key phrases as a table. Against the local emulator, or
 * against the real API when ASSEMBLYAI_API_KEY is set.
 */
import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../test/helpers/runNode';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEmulator } = require('../test/emulator');

const SAMPLE = 'https://assembly.ai/wildfires.mp3';

async function main() {
	const realKey = process.env.ASSEMBLYAI_API_KEY;
	const emulator = realKey ? undefined : await startEmulator({ apiKey: 'demo-key', queuedMs: 1500, processingMs: 3000 });
	const credentials: IDataObject = realKey
		? { apiKey: realKey, region: process.env.ASSEMBLYAI_REGION ?? 'us' }
		: { apiKey: 'demo-key', region: 'custom', baseUrl: emulator.url };
	console.log(
		realKey
			? `Using the real AssemblyAI API (${credentials.region} region).`
			: `Using the local AssemblyAI emulator at ${emulator.url} (set ASSEMBLYAI_API_KEY to use the real API).`,
	);
	try {
		console.log(`\n[1/3] Transcribe with Key Phrases: ${SAMPLE}`);
		const submitted = await runNode({
			parameters: { operation: 'transcribe', source: 'url', audioUrl: SAMPLE, waitMode: 'none' },
			credentials,
		});
		if (submitted.error) throw submitted.error;
		const { transcriptId } = submitted.items[0].json as { transcriptId: string };
		console.log(`      transcript ${transcriptId}: queued`);

		console.log('[2/3] Waiting for AssemblyAI');
		let status = 'queued';
		const started = Date.now();
		while (status !== 'completed') {
			await new Promise((resolve) => setTimeout(resolve, 1000));
			const check = await runNode({
				parameters: { operation: 'getHighlights', transcriptId, waitMode: 'none', output: 'summary' },
				credentials,
			});
			if (check.error) throw check.error;
			const now = String(check.items[0].json.status);
			if (now !== status) console.log(`      ${((Date.now() - started) / 1000).toFixed(0)} s: ${now}`);
			status = now;
		}

		console.log('[3/3] Get Highlights (output: Key Phrases, with context)\n');
		const result = await runNode({
			parameters: { operation: 'getHighlights', transcriptId, output: 'keyPhrases', options: { includeContext: true, contextWords: 8 } },
			credentials,
		});
		if (result.error) throw result.error;
		printTable(result.items.map((item) => item.json));
		console.log(`\n${result.items.length} key phrases, one n8n item each (paired to input item ${JSON.stringify(result.items[0]?.pairedItem)}).`);
	} finally {
		await emulator?.close();
	}
}

function printTable(rows: IDataObject[]) {
	const cell = (value: string, width: number) => (value.length > width ? `${value.slice(0, width - 1)}…` : value.padEnd(width));
	const columns: Array<[string, number, (row: IDataObject) => string]> = [
		['Phrase', 38, (r) => String(r.text)],
		['Rank', 5, (r) => (r.rank === null ? '-' : Number(r.rank).toFixed(2))],
		['Mentions', 8, (r) => String(r.count)],
		['First', 6, (r) => String(r.firstMention)],
		['Context of the first mention', 60, (r) => String((r.mentions as IDataObject[])?.[0]?.context ?? '')],
	];
	console.log(columns.map(([title, width]) => cell(title, width)).join('  '));
	console.log(columns.map(([, width]) => '-'.repeat(width)).join('  '));
	for (const row of rows) console.log(columns.map(([, width, get]) => cell(get(row), width)).join('  '));
}

main().catch((error) => {
	console.error(`\nThe demo failed: ${error.message}${error.description ? `\n${error.description}` : ''}`);
	process.exitCode = 1;
});
