/**
 * Every string reachable from a value: own properties of objects and errors (message, stack,
 * description, cause…), array items, map entries. Cycles are followed once.
 */
export function reachableText(value: unknown, seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') return [value];
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return [String(value)];
	if (value === null || typeof value !== 'object' || seen.has(value)) return [];
	seen.add(value);
	if (Buffer.isBuffer(value)) return [value.toString('utf8')];
	const out: string[] = [];
	const entries = value instanceof Map ? [...value.entries()].flat() : Object.getOwnPropertyNames(value).map((key) => [key, (value as Record<string, unknown>)[key]]).flat();
	// One by one, not out.push(...texts): a large output holds more texts than a call's arguments may.
	for (const entry of entries) for (const text of reachableText(entry, seen)) out.push(text);
	return out;
}

/** Names the secrets that appear anywhere in `value`. */
export function findSecrets(value: unknown, secrets: string[]): string[] {
	const texts = reachableText(value);
	return secrets.filter((secret) => secret.length >= 6 && texts.some((text) => text.includes(secret)));
}
