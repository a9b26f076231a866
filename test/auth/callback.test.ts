import { describe, expect, it } from 'vitest';

import { checkCallback, parsePastedRedirect } from '../../src/auth/callback.js';

const expected = 'state-123';

describe('callback check', () => {
  it('accepts a code with the right state', () => {
    expect(checkCallback(new URLSearchParams({ code: 'c', state: expected }), expected)).toEqual({
      kind: 'code',
      code: 'c',
    });
  });

  it('rejects a wrong state', () => {
    const outcome = checkCallback(new URLSearchParams({ code: 'c', state: 'other' }), expected);
    expect(outcome).toEqual({
      kind: 'invalid',
      reason: 'the state parameter does not match this login',
    });
  });

  it('rejects a missing state', () => {
    const outcome = checkCallback(new URLSearchParams({ code: 'c' }), expected);
    expect(outcome).toEqual({ kind: 'invalid', reason: 'the state parameter is missing' });
  });

  it('rejects a missing code', () => {
    const outcome = checkCallback(new URLSearchParams({ state: expected }), expected);
    expect(outcome.kind).toBe('invalid');
  });

  it('reads a refusal without state', () => {
    const params = new URLSearchParams({
      error_reason: 'user_denied',
      error: 'access_denied',
      error_description: 'Permissions error',
    });
    expect(checkCallback(params, expected)).toEqual({
      kind: 'denied',
      error: 'access_denied',
      description: 'Permissions error',
    });
  });

  it('rejects an error with a wrong state', () => {
    const params = new URLSearchParams({ error: 'access_denied', state: 'other' });
    expect(checkCallback(params, expected).kind).toBe('invalid');
  });
});

describe('pasted redirect', () => {
  it('reads a full address', () => {
    const params = parsePastedRedirect('  http://127.0.0.1:8765/callback?code=abc&state=s \n');
    expect(params?.get('code')).toBe('abc');
  });

  it('reads a bare query', () => {
    expect(parsePastedRedirect('code=abc&state=s')?.get('state')).toBe('s');
  });

  it('ignores other text', () => {
    expect(parsePastedRedirect('hello')).toBeUndefined();
  });
});
