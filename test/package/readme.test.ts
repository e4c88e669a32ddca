/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/**
 * The README is the n8n user's front door: it fits one sitting, names the two commands that set up
 * a fresh machine, and every link in it and in docs/ leads somewhere (a moved section leaves no
 * dangling anchor behind).
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';

const root = resolve(__dirname, '../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Markdown outside fenced code blocks. */
function prose(text: string): string {
	return text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(text: string): Set<string> {
	const seen = new Map<string, number>();
	const out = new Set<string>();
	for (const [, heading] of prose(text).matchAll(/^#{1,6} +(.+?) *$/gm)) {
		const slug = heading
			.toLowerCase()
			.replace(/[^\p{L}\p{N} _-]/gu, '')
			.replace(/ /g, '-');
		const n = seen.get(slug) ?? 0;
		seen.set(slug, n + 1);
		out.add(n === 0 ? slug : `${slug}-${n}`);
	}
	for (const [, id] of text.matchAll(/<a (?:id|name)="([^"]+)"/g)) out.add(id);
	return out;
}

describe('README.md', () => {
	const readme = read('README.md');

	test('fits one sitting: at most 400 lines', () => {
		expect(readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0)).toBeLessThanOrEqual(400);
	});

	test('names the two commands for a fresh machine, and CI runs the test one', () => {
		expect(readme).toContain('./run demo');
		expect(readme).toContain('./run test');
		expect(read('.ci/run')).toMatch(/^\.\/run test$/m);
	});

	test('keeps the sections others add to', () => {
		const headings = anchors(readme);
		for (const section of ['reliability', 'use-as-an-ai-agent-tool', 'compatibility', 'behind-a-reverse-proxy', 'when-something-is-wrong']) {
			expect(headings).toContain(section);
		}
	});
});

describe.each(pages)('links in %s', (page) => {
	const links = [...prose(read(page)).matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^(https?|mailto):/.test(t));

	test('every relative link names a file that exists, and every anchor a heading in it', () => {
		const broken: string[] = [];
		for (const target of links) {
			const [file, anchor] = target.split('#');
			const path = file ? join(dirname(join(root, page)), file) : join(root, page);
			if (!existsSync(path)) broken.push(`${target}: no such file`);
			else if (anchor && path.endsWith('.md') && !anchors(readFileSync(path, 'utf8')).has(anchor)) broken.push(`${target}: no such heading`);
		}
		expect(broken).toEqual([]);
	});
});
