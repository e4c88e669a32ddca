/** What npm ci needs of package-lock.json (lockfileVersion 3), checked without npm. */
export interface LockedPackage {
	version?: string;
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
}
export interface LockFile {
	lockfileVersion: number;
	packages: Record<string, LockedPackage>;
}

/** Where Node would find `name` from the package at `from` (a lock key such as node_modules/a/node_modules/b). */
function locate(lock: LockFile, from: string, name: string): string | undefined {
	let dir = from;
	for (;;) {
		const key = `${dir ? `${dir}/` : ''}node_modules/${name}`;
		if (lock.packages[key]) return key;
		if (!dir) return undefined;
		const parent = dir.lastIndexOf('/node_modules/');
		dir = parent < 0 ? '' : dir.slice(0, parent);
	}
}

/** Optional dependencies (other platforms' native bindings, mostly) that have no entry: "name (for key)". */
export function missingOptionalPackages(lock: LockFile): string[] {
	const missing: string[] = [];
	for (const [key, pkg] of Object.entries(lock.packages)) {
		for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
			if (!locate(lock, key, name)) missing.push(`${name} (for ${key || 'the root'})`);
		}
	}
	return missing;
}

/** Differences between package.json's dependency lists and the lock's root entry. */
export function outOfSync(lock: LockFile, pkg: LockedPackage): string[] {
	const rootEntry = lock.packages[''] ?? {};
	const lists = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
	return lists.flatMap((list) => {
		const want = pkg[list] ?? {};
		const have = rootEntry[list] ?? {};
		const names = [...new Set([...Object.keys(want), ...Object.keys(have)])].sort();
		return names.filter((name) => want[name] !== have[name]).map((name) => `${list}.${name}: package.json ${want[name]}, lock ${have[name]}`);
	});
}
