import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Returns a random `state` value: 32 bytes, base64url-encoded (43 characters). */
export function createState(random: (size: number) => Buffer = randomBytes): string {
  return random(32).toString('base64url');
}

/**
 * Returns a PKCE `code_verifier` (RFC 7636 section 4.1): 32 random bytes, base64url-encoded,
 * which gives 43 characters from the unreserved set.
 */
export function createCodeVerifier(random: (size: number) => Buffer = randomBytes): string {
  return random(32).toString('base64url');
}

/** Returns the S256 `code_challenge` of a verifier: base64url(SHA-256(verifier)). */
export function codeChallengeS256(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}

/** Compares a received `state` with the expected one in constant time. */
export function stateMatches(received: string | null | undefined, expected: string): boolean {
  if (!received) return false;
  const receivedBytes = Buffer.from(received, 'utf8');
  const expectedBytes = Buffer.from(expected, 'utf8');
  return (
    receivedBytes.length === expectedBytes.length && timingSafeEqual(receivedBytes, expectedBytes)
  );
}
