/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
import { readFileSync, readdirSync } from 'fs';
import { join, resolve } from 'path';

const nodesDir = resolve(__dirname, '../../nodes');
const codexFiles = readdirSync(nodesDir).flatMap((dir) =>
	readdirSync(join(nodesDir, dir))
		.filter((f) => f.endsWith('.node.json'))
		.map((f) => join(nodesDir, dir, f)),
);

// n8n's nodes panel (editor-ui useViewStacks.filterOutAiNodes, 1.x and 2.x) drops every node in the
// "AI" category from its search unless its AI subcategories include "Root Nodes": the rest are
// LangChain sub-nodes, offered only from an AI root node's connector. n8n's own OpenAI node carries
// { AI: ['Agents', 'Miscellaneous', 'Root Nodes'] }. The registry e2e suite searches the panel for real.
describe('our nodes can be found by searching n8n\'s nodes panel', () => {
	test.each(codexFiles.map((f) => [f.slice(nodesDir.length + 1), f]))('%s', (_name, file) => {
		const codex = JSON.parse(readFileSync(file, 'utf8'));
		expect(codex.categories.length).toBeGreaterThan(0);
		if (codex.categories.includes('AI')) expect(codex.subcategories?.AI ?? []).toContain('Root Nodes');
	});

	test('both nodes were found', () => {
		expect(codexFiles.length).toBe(2);
	});
});
