import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  codeChallengeS256,
  createCodeVerifier,
  createState,
  stateMatches,
} from '../../src/auth/pkce.js';

describe('PKCE and state', () => {
  it('matches the RFC 7636 example challenge', () => {
    // Appendix B of RFC 7636.
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('derives the challenge with SHA-256', () => {
    const verifier = createCodeVerifier();
    expect(codeChallengeS256(verifier)).toBe(
      createHash('sha256').update(verifier).digest('base64url'),
    );
  });

  it('makes verifiers of 43 unreserved characters', () => {
    expect(createCodeVerifier()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('makes a new state each time', () => {
    expect(createState()).not.toBe(createState());
  });

  it('uses the injected random source', () => {
    expect(createState((size) => Buffer.alloc(size, 0))).toBe('A'.repeat(43));
  });

  it('compares states exactly', () => {
    expect(stateMatches('abc', 'abc')).toBe(true);
    expect(stateMatches('abd', 'abc')).toBe(false);
    expect(stateMatches('ab', 'abc')).toBe(false);
    expect(stateMatches(null, 'abc')).toBe(false);
  });
});
