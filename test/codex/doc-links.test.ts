/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/**
 * The documentation links n8n shows (credentials' documentationUrl, the nodes' codex) are AssemblyAI's current pages:
 * pages its spec of 2026-08-18 links to (test/emulator/fixtures/openapi.yml), plus the API reference overview,
 * which the spec does not link but AssemblyAI publishes at that address (auth header, base URLs, error codes).
 */
import { readFileSync, readdirSync } from 'fs';
import { join, resolve } from 'path';

const root = resolve(__dirname, '../..');
const spec = readFileSync(join(root, 'test/emulator/fixtures/openapi.yml'), 'utf8');
const DOCS_LINK = /https:\/\/www\.assemblyai\.com\/docs\/[A-Za-z0-9/_.-]*/g;
const linkedBySpec = new Set(spec.match(DOCS_LINK));
const API_REFERENCE = 'https://www.assemblyai.com/docs/api-reference/overview';

const files = [
	...readdirSync(join(root, 'credentials')).map((f) => join('credentials', f)),
	...readdirSync(join(root, 'nodes')).flatMap((dir) =>
		readdirSync(join(root, 'nodes', dir))
			.filter((f) => f.endsWith('.node.json'))
			.map((f) => join('nodes', dir, f)),
	),
];
const links = files.flatMap((file) => (readFileSync(join(root, file), 'utf8').match(DOCS_LINK) ?? []).map((url) => [file, url]));

describe('documentation links point at AssemblyAI\'s current pages', () => {
	test.each(links)('%s: %s', (_file, url) => {
		expect(url === API_REFERENCE || linkedBySpec.has(url)).toBe(true);
	});

	test('the pages the spec names for Key Phrases and for pre-recorded webhooks are the ones used', () => {
		expect(linkedBySpec).toContain('https://www.assemblyai.com/docs/speech-understanding/key-phrases');
		expect(linkedBySpec).toContain('https://www.assemblyai.com/docs/deployment/webhooks-for-pre-recorded-audio');
		const used = new Set(links.map(([, url]) => url));
		expect(used).toEqual(
			new Set([API_REFERENCE, 'https://www.assemblyai.com/docs/speech-understanding/key-phrases', 'https://www.assemblyai.com/docs/deployment/webhooks-for-pre-recorded-audio']),
		);
	});
});
