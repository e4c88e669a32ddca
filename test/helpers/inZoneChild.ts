/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/** The child of runNodeInZone: runs the node once and prints what came out as one line of JSON. */
import { runNode } from './runNode';

async function main() {
	const result = await runNode(JSON.parse(process.env.RUN_NODE_OPTIONS ?? '{}'));
	const error = result.error && {
		name: result.error.name,
		message: result.error.message,
		description: result.error.description,
		context: result.error.context,
	};
	const out = {
		status: result.status,
		items: result.items.map((item) => ({ json: item.json, pairedItem: item.pairedItem })),
		error,
		januaryOffset: new Date(2024, 0, 15).getTimezoneOffset(),
	};
	process.stdout.write(`${JSON.stringify(out)}\n`, () => process.exit(0));
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
