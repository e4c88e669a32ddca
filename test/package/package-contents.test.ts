/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code runs in Node under jest, never inside n8n */
import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join, posix, relative, resolve } from 'path';

const root = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Icon paths named by a description ('file:…', or light/dark), relative to the compiled file. */
function iconFiles(compiledFile: string, icon: unknown): string[] {
	const refs = typeof icon === 'string' ? [icon] : Object.values((icon ?? {}) as Record<string, string>);
	return refs.map((ref) => posix.join(posix.dirname(compiledFile), ref.replace(/^file:/, '')));
}

function filesUnder(dir: string): string[] {
	return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** What n8n loads, derived from the sources: compiled nodes and credentials, codex files, icons. */
function expectedFiles(): string[] {
	const sources = [...filesUnder('nodes'), ...filesUnder('credentials'), ...filesUnder('icons')];
	const shipped = sources.flatMap((file) => {
		if (/\.d\.ts$/.test(file)) return [];
		if (/\.ts$/.test(file)) return [`dist/${file.replace(/\.ts$/, '.js')}`];
		if (/\.(json|svg|png)$/.test(file)) return [`dist/${file}`];
		return [];
	});
	// npm always packs these three.
	return [...shipped, 'LICENSE', 'README.md', 'package.json'].sort();
}

let packed: { files: string[] } | undefined;
/** The file list `npm pack` would publish (dry run: nothing written, no scripts). */
function packList() {
	if (!packed) {
		if (!existsSync(join(root, 'dist'))) throw new Error('dist/ is missing: run npm run build first');
		const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], { cwd: root, encoding: 'utf8' });
		const info = JSON.parse(out.slice(out.indexOf('[')))[0] as { files: Array<{ path: string }> };
		packed = { files: info.files.map((f) => f.path).sort() };
	}
	return packed;
}

describe('the published package is what n8n loads and nothing else (after npm run build)', () => {
	test('package.json is an n8n community package with no runtime dependencies', () => {
		expect(pkg.name).toBe('n8n-nodes-assemblyai-highlights');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		expect(pkg.devDependencies['n8n-core']).toBe('2.41.1');
		expect(pkg.devDependencies['n8n-workflow']).toBe('2.41.0');
	});

	test('the tarball holds exactly the compiled nodes, credentials, codex files and icons', () => {
		expect(packList().files).toEqual(expectedFiles());
	});

	test('no build leftovers: no tsconfig.tsbuildinfo, source maps, declarations or TypeScript sources', () => {
		const leftovers = packList().files.filter((file) => /tsbuildinfo|\.map$|\.d\.ts$|\.ts$/.test(file));
		expect(leftovers).toEqual([]);
	});

	test('main and types are absent or point at packed files; every listed node and credential is packed', () => {
		const files = packList().files;
		for (const field of ['main', 'types', 'typings']) {
			if (pkg[field] !== undefined) expect(files).toContain(posix.normalize(pkg[field]));
		}
		const listed: string[] = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		expect(listed.length).toBeGreaterThanOrEqual(3);
		for (const file of listed) expect(files).toContain(file);
	});

	test('npm ls --omit=dev lists no runtime dependency', () => {
		const tree = JSON.parse(execFileSync('npm', ['ls', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8' }));
		// npm also prints packages that nothing depends on ("extraneous": leftovers of optional peers of
		// dev tools); a runtime dependency would be listed without that flag.
		const required = Object.entries(tree.dependencies ?? {}).filter(([, info]) => !(info as { extraneous?: boolean }).extraneous);
		expect(required).toEqual([]);
	});

	test('every listed node and credential loads from dist, and the icons it names are packed', () => {
		const files = packList().files;
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[]) {
			// eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the compiled file is the point
			const exported = require(join(root, file));
			const Klass = Object.values(exported)[0] as new () => { description?: { icon?: unknown }; icon?: unknown };
			const instance = new Klass();
			const icons = iconFiles(file, instance.description?.icon ?? instance.icon);
			expect(icons.length).toBe(2);
			for (const icon of icons) expect(files).toContain(icon);
		}
	});

	test('the codex file sits beside the compiled node', () => {
		for (const node of pkg.n8n.nodes as string[]) {
			const codex = join(root, node.replace(/\.js$/, '.json'));
			expect(JSON.parse(readFileSync(codex, 'utf8')).node).toMatch(/^n8n-nodes-assemblyai-highlights\./);
			expect(packList().files).toContain(node.replace(/\.js$/, '.json'));
		}
	});
});
