import { createHash, timingSafeEqual } from 'crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether a received secret is the expected one, in a time that tells nothing about either: the
 * SHA-256 digests of both (equal in length whatever the inputs) are compared in constant time.
 */
export function sameSecret(received: string, expected: string): boolean {
	return timingSafeEqual(digest(received), digest(expected));
}
