/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/**
 * What npm publishes is what the CHANGELOG says was released: package.json's version (and the lock
 * file's copy of it) is the newest entry that carries a date. The release workflow checks the tag
 * against package.json, and the registry suite publishes package.json's version (then a patch above).
 */
import { readFileSync } from 'fs';
import { join, resolve } from 'path';

const root = resolve(__dirname, '../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** "## 0.2.0 — 2026-12-06" headings, newest first as the CHANGELOG lists them. */
function releasedEntries(changelog: string): Array<{ version: string; date: string }> {
	return [...changelog.matchAll(/^## (\d+\.\d+\.\d+) — (\d{4}-\d{2}-\d{2})$/gm)].map(([, version, date]) => ({ version, date }));
}

describe('the version', () => {
	const changelog = read('CHANGELOG.md');
	const pkg = JSON.parse(read('package.json')) as { version: string };
	const lock = JSON.parse(read('package-lock.json')) as { version: string; packages: Record<string, { version?: string }> };

	test("package.json's version is the CHANGELOG's newest released entry", () => {
		const released = releasedEntries(changelog);
		expect(released.length).toBeGreaterThan(0);
		expect(pkg.version).toBe(released[0].version);
	});

	test('every version heading is released with a date or says it is unreleased, newest first', () => {
		const headings = [...changelog.matchAll(/^## (.+)$/gm)].map(([, h]) => h);
		const wrong = headings.filter((h) => !/^(Unreleased|\d+\.\d+\.\d+ — (\d{4}-\d{2}-\d{2}|unreleased))$/.test(h));
		expect(wrong).toEqual([]);
		const versions = headings.flatMap((h) => /^(\d+)\.(\d+)\.(\d+)/.exec(h)?.slice(1).map(Number) ?? []);
		const keys = [];
		for (let i = 0; i < versions.length; i += 3) keys.push(versions[i] * 1e6 + versions[i + 1] * 1e3 + versions[i + 2]);
		expect(keys).toEqual([...keys].sort((a, b) => b - a));
	});

	test('the lock file names the same version', () => {
		expect(lock.version).toBe(pkg.version);
		expect(lock.packages[''].version).toBe(pkg.version);
	});
});
