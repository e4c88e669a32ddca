/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
import { readFileSync } from 'fs';
import { join, resolve } from 'path';

import { missingOptionalPackages, outOfSync, type LockFile } from './lockFile';

const root = resolve(__dirname, '../..');
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));

/**
 * `npm ci` installs exactly the lock file, on any platform. npm has a known bug: a lock written while
 * node_modules holds one platform's native bindings can lose the other platforms' optional packages
 * (e.g. @unrs/resolver-binding-darwin-arm64), and `npm ci` then refuses the lock on those platforms.
 * Repair: `npm install --package-lock-only --ignore-scripts` (it keeps every locked version).
 */
describe('package-lock.json: npm ci works on every platform', () => {
	const lock = readJson('package-lock.json') as LockFile;

	test('every optional dependency of every locked package is locked too (all platforms, not only this one)', () => {
		expect(missingOptionalPackages(lock)).toEqual([]);
	});

	test('the lock has the native bindings for macOS, Windows and Linux (arm64 and x64)', () => {
		const bindings = Object.keys(lock.packages).filter((key) => key.startsWith('node_modules/@unrs/resolver-binding-'));
		for (const platform of ['darwin-arm64', 'darwin-x64', 'win32-x64-msvc', 'linux-x64-gnu', 'linux-arm64-gnu', 'linux-x64-musl']) {
			expect(bindings).toContain(`node_modules/@unrs/resolver-binding-${platform}`);
		}
	});

	test('the lock was written for this package.json (npm ci refuses a lock out of sync)', () => {
		expect(outOfSync(lock, readJson('package.json'))).toEqual([]);
	});

	test('the check finds a lock that lost another platform\'s binding', () => {
		const broken: LockFile = { ...lock, packages: { ...lock.packages } };
		delete broken.packages['node_modules/@unrs/resolver-binding-darwin-arm64'];
		expect(missingOptionalPackages(broken)).toContain('@unrs/resolver-binding-darwin-arm64 (for node_modules/unrs-resolver)');
	});
});
