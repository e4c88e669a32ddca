/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/**
 * The package's modules depend on each other one way only: no file reaches itself through its
 * imports (`import type` counts too: a circle of types is a circle of meaning). Read from the
 * sources, so a new circle fails here before anyone has to untangle it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

const root = resolve(__dirname, '../..');

function sourcesUnder(dir: string): string[] {
	return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
		.map((entry) => join(entry.parentPath, entry.name));
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/g;

/** The package files a source imports (relative imports only; n8n-workflow and Node are outside). */
export function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
	const found: string[] = [];
	for (const [, spec] of text.matchAll(IMPORT)) {
		if (!spec.startsWith('.')) continue;
		const base = resolve(dirname(file), spec);
		const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
		if (target) found.push(target);
	}
	return found;
}

/** Every circle of imports among `files`, each as the files around it (first one repeated at the end). */
export function importCycles(files: string[]): string[][] {
	const graph = new Map(files.map((file) => [file, importsOf(file)]));
	const cycles: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const path: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		path.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
			else if (!state.has(next)) visit(next);
		}
		path.pop();
		state.set(file, 'done');
	};
	for (const file of files) if (!state.has(file)) visit(file);
	return cycles.map((cycle) => cycle.map((file) => relative(root, file)));
}

test('the reader finds the relative imports, type-only ones too', () => {
	const a = join(root, 'nodes/AssemblyAiHighlights/transport/request.ts');
	expect(importsOf(a, "import type { HttpFailure } from './errors';\nimport { pause } from './pause';")).toEqual([
		join(root, 'nodes/AssemblyAiHighlights/transport/errors.ts'),
		join(root, 'nodes/AssemblyAiHighlights/transport/pause.ts'),
	]);
});

test('no import circle in nodes/ or credentials/', () => {
	const files = [...sourcesUnder('nodes'), ...sourcesUnder('credentials')];
	expect(files.length).toBeGreaterThan(20);
	expect(importCycles(files).map((cycle) => cycle.join(' -> '))).toEqual([]);
});
