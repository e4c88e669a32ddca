/**
 * IP allowlists as n8n's Webhook node has them (option "IP(s) Allowlist"): a comma-separated list of
 * addresses or CIDR ranges, IPv4 or IPv6; empty allows every address. Unlike the Webhook node's
 * substring test, an entry matches whole addresses only ("4.238.19.2" does not let 44.238.19.20 in).
 */

/** Where AssemblyAI sends webhooks from (docs: webhooks, "static IP addresses"): US, then EU. */
export const ASSEMBLYAI_WEBHOOK_ADDRESSES = '44.238.19.20, 54.220.25.36';

interface Range {
	v6: boolean;
	bits: bigint;
	prefix: number;
}

function parseV4(text: string): bigint | undefined {
	const parts = text.split('.');
	if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
	return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseV6(text: string): bigint | undefined {
	let groups: string[];
	let tail: bigint | undefined;
	let rest = text;
	const lastColon = rest.lastIndexOf(':');
	if (rest.slice(lastColon + 1).includes('.')) {
		tail = parseV4(rest.slice(lastColon + 1));
		if (tail === undefined) return undefined;
		rest = rest.slice(0, lastColon + 1) + '0:0';
	}
	const halves = rest.split('::');
	if (halves.length > 2) return undefined;
	const head = halves[0] ? halves[0].split(':') : [];
	const back = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
	if (halves.length === 2) {
		const missing = 8 - head.length - back.length;
		if (missing < 1) return undefined;
		groups = [...head, ...Array<string>(missing).fill('0'), ...back];
	} else {
		groups = head;
	}
	if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
	let value = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
	if (tail !== undefined) value = (value & ~0xffffffffn) | tail;
	return value;
}

/** An address as a one-address range; IPv4-mapped IPv6 (::ffff:1.2.3.4) counts as the IPv4 address. */
export function parseAddress(text: string): Range | undefined {
	const clean = text.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
	const v4 = parseV4(clean);
	if (v4 !== undefined) return { v6: false, bits: v4, prefix: 32 };
	const v6 = clean.includes(':') ? parseV6(clean) : undefined;
	if (v6 === undefined) return undefined;
	if (v6 >> 32n === 0xffffn) return { v6: false, bits: v6 & 0xffffffffn, prefix: 32 };
	return { v6: true, bits: v6, prefix: 128 };
}

function parseEntry(entry: string): Range | undefined {
	const [address, prefixText, extra] = entry.split('/');
	if (extra !== undefined) return undefined;
	const range = parseAddress(address);
	if (!range || prefixText === undefined) return range;
	const max = range.v6 ? 128 : 32;
	if (!/^\d{1,3}$/.test(prefixText.trim()) || Number(prefixText) > max) return undefined;
	return { ...range, prefix: Number(prefixText) };
}

function contains(range: Range, address: Range): boolean {
	if (range.v6 !== address.v6) return false;
	const shift = BigInt((range.v6 ? 128 : 32) - range.prefix);
	return range.bits >> shift === address.bits >> shift;
}

export type AllowlistCheck = { allowed: true } | { allowed: false; invalidEntries: string[] };

/**
 * Whether a call may pass: `ip` is the caller as n8n's request object computes it (with
 * N8N_PROXY_HOPS, the address the trusted proxies report), `ips` the proxies' chain; as the Webhook
 * node does, a listed address in either lets the call in.
 */
export function checkAllowlist(list: string | undefined, ip: string | undefined, ips: string[] = []): AllowlistCheck {
	const entries = String(list ?? '')
		.split(/[,\s]+/)
		.map((e) => e.trim())
		.filter(Boolean);
	if (entries.length === 0) return { allowed: true };
	const ranges = entries.map(parseEntry);
	const invalidEntries = entries.filter((_, i) => ranges[i] === undefined);
	if (invalidEntries.length) return { allowed: false, invalidEntries };
	const callers = [ip, ...ips].flatMap((a) => (a ? [parseAddress(a)] : [])).filter((a): a is Range => a !== undefined);
	const allowed = callers.some((caller) => ranges.some((range) => contains(range!, caller)));
	return allowed ? { allowed: true } : { allowed: false, invalidEntries: [] };
}
