/** Compares two secrets in time that does not depend on where they first differ. */
export function constantTimeEqual(actual: string, expected: string): boolean {
	const length = Math.max(actual.length, expected.length);
	let difference = actual.length ^ expected.length;
	for (let i = 0; i < length; i++) {
		difference |= (actual.charCodeAt(i) || 0) ^ (expected.charCodeAt(i) || 0);
	}
	return difference === 0;
}
