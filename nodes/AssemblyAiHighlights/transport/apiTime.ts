const API_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A time stamp of AssemblyAI's (`created`, `completed`) in ms since the epoch, NaN when it is not one.
 * AssemblyAI writes them without a zone ("2024-03-11T21:29:59.936851", as in its spec), meaning UTC;
 * `Date.parse` would read that as the server's local time. A zone given explicitly is honoured.
 */
export function parseApiTime(value: unknown): number {
	if (typeof value !== 'string') return NaN;
	const match = API_TIME.exec(value.trim());
	if (!match) return NaN;
	const [, date, time, fraction = '', zone = 'Z'] = match;
	const millis = (fraction + '000').slice(0, 3);
	const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
	return Date.parse(`${date}T${time}.${millis}${offset}`);
}
