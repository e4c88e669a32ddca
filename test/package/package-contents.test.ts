import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';

const root = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Icon paths named by a description ('file:…', or light/dark), resolved next to the compiled file. */
function iconFiles(compiledFile: string, icon: unknown): string[] {
	const refs = typeof icon === 'string' ? [icon] : Object.values((icon ?? {}) as Record<string, string>);
	return refs.map((ref) => join(dirname(compiledFile), ref.replace(/^file:/, '')));
}

describe('the published package (dist/, after npm run build) is what n8n loads', () => {
	test('package.json is an n8n community package with no runtime dependencies', () => {
		expect(pkg.name).toBe('n8n-nodes-assemblyai-highlights');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		expect(pkg.devDependencies['n8n-core']).toBe('2.41.1');
		expect(pkg.devDependencies['n8n-workflow']).toBe('2.41.0');
	});

	test('npm ls --omit=dev lists no runtime dependency', () => {
		const tree = JSON.parse(execFileSync('npm', ['ls', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8' }));
		// npm also prints packages that nothing depends on ("extraneous": leftovers of optional peers of
		// dev tools); a runtime dependency would be listed without that flag.
		const required = Object.entries(tree.dependencies ?? {}).filter(([, info]) => !(info as { extraneous?: boolean }).extraneous);
		expect(required).toEqual([]);
	});

	test('every node and credential listed exists in dist, loads, and has every icon it names', () => {
		const listed: string[] = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		expect(listed.length).toBeGreaterThanOrEqual(2);
		for (const file of listed) {
			const full = join(root, file);
			expect(existsSync(full)).toBe(true);
			const exported = require(full);
			const Klass = Object.values(exported)[0] as new () => { description?: { icon?: unknown }; icon?: unknown };
			const instance = new Klass();
			const icons = iconFiles(full, instance.description?.icon ?? instance.icon);
			expect(icons.length).toBe(2);
			for (const icon of icons) expect(existsSync(icon)).toBe(true);
		}
	});

	test('the codex file sits beside the compiled node', () => {
		for (const node of pkg.n8n.nodes as string[]) {
			const codex = join(root, node.replace(/\.js$/, '.json'));
			expect(JSON.parse(readFileSync(codex, 'utf8')).node).toMatch(/^n8n-nodes-assemblyai-highlights\./);
		}
	});
});
