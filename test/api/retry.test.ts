import { describe, expect, it } from 'vitest';

import { parseRetryAfter, retryDecision } from '../../src/api/retry.js';

import type { RetryInput } from '../../src/api/retry.js';

const now = Date.parse('2025-03-01T12:00:00Z');
const nowSeconds = now / 1000;

/** Jitter pinned to the top of the range, so the expected delay is the backoff ceiling. */
const maxJitter = () => 0.999_999;

function decide(input: Partial<RetryInput>) {
  return retryDecision({
    method: 'GET',
    path: '/api/editors/mesures',
    attempt: 1,
    now,
    random: () => 0.5,
    baseDelayMs: 1000,
    maxDelayMs: 60_000,
    ...input,
  });
}

describe('retryDecision', () => {
  const cases: [string, Partial<RetryInput>, { retry: boolean; delayMs: number }][] = [
    ['GET 500 is retried with jittered backoff', { status: 500 }, { retry: true, delayMs: 750 }],
    ['GET 502 on attempt 2 doubles the ceiling', { status: 502, attempt: 2 }, { retry: true, delayMs: 1500 }],
    ['GET 503 on attempt 3 doubles again', { status: 503, attempt: 3 }, { retry: true, delayMs: 3000 }],
    ['the fourth attempt is the last', { status: 500, attempt: 4 }, { retry: false, delayMs: 0 }],
    ['PUT 500 is retried', { method: 'PUT', path: '/api/editors/mesures/3', status: 500 }, { retry: true, delayMs: 750 }],
    ['DELETE 500 is retried', { method: 'DELETE', path: '/api/editors/mesures/3', status: 500 }, { retry: true, delayMs: 750 }],
    ['POST of a mesure is retried (upsert)', { method: 'POST', status: 500 }, { retry: true, delayMs: 750 }],
    ['POST of a batch is retried (upserts in one transaction)', { method: 'POST', path: '/api/editors/mesures/batch', status: 500 }, { retry: true, delayMs: 750 }],
    ['POST to another route is not retried', { method: 'POST', path: '/api/oauth/authorize', status: 500 }, { retry: false, delayMs: 0 }],
    ['token endpoint 503 is never retried', { method: 'POST', path: '/api/oauth/token', status: 503 }, { retry: false, delayMs: 0 }],
    ['400 is not retried', { status: 400 }, { retry: false, delayMs: 0 }],
    ['401 is not retried by the policy', { status: 401 }, { retry: false, delayMs: 0 }],
    ['404 is not retried', { status: 404 }, { retry: false, delayMs: 0 }],
    ['422 is not retried', { status: 422 }, { retry: false, delayMs: 0 }],
    ['429 waits for Retry-After seconds', { status: 429, retryAfterHeader: '60' }, { retry: true, delayMs: 60_000 }],
    [
      '429 waits only until the window resets when that is sooner',
      { status: 429, retryAfterHeader: '60', rateLimitResetHeader: String(nowSeconds + 7) },
      { retry: true, delayMs: 7000 },
    ],
    [
      '429 asking more than the maximum delay is not retried',
      { status: 429, retryAfterHeader: '60', maxDelayMs: 5000 },
      { retry: false, delayMs: 0 },
    ],
    [
      'Retry-After as an HTTP date',
      { status: 503, retryAfterHeader: new Date(now + 3000).toUTCString() },
      { retry: true, delayMs: 3000 },
    ],
    ['Retry-After below the backoff keeps the backoff', { status: 500, attempt: 3, retryAfterHeader: '1' }, { retry: true, delayMs: 3000 }],
    ['connection reset on a fresh socket backs off', { errorCode: 'ECONNRESET' }, { retry: true, delayMs: 750 }],
    ['headers timeout is retried', { errorCode: 'UND_ERR_HEADERS_TIMEOUT' }, { retry: true, delayMs: 750 }],
    ['connection refused is retried', { errorCode: 'ECONNREFUSED' }, { retry: true, delayMs: 750 }],
    ['TLS verification failure is not retried', { errorCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, { retry: false, delayMs: 0 }],
    ['unknown error code is not retried', { errorCode: 'ERR_SOMETHING' }, { retry: false, delayMs: 0 }],
    [
      'reset on a reused socket is retried at once',
      { errorCode: 'UND_ERR_SOCKET', reusedSocket: true },
      { retry: true, delayMs: 0 },
    ],
    [
      'reset on a reused socket is retried at once even for a POST elsewhere',
      { method: 'POST', path: '/api/oauth/token', errorCode: 'ECONNRESET', reusedSocket: true },
      { retry: true, delayMs: 0 },
    ],
    [
      'second reset on a reused socket backs off',
      { errorCode: 'ECONNRESET', reusedSocket: true, reusedSocketRetried: true, attempt: 2 },
      { retry: true, delayMs: 1500 },
    ],
    [
      'second reset on a reused socket of a POST elsewhere stops',
      { method: 'POST', path: '/api/oauth/token', errorCode: 'ECONNRESET', reusedSocket: true, reusedSocketRetried: true, attempt: 2 },
      { retry: false, delayMs: 0 },
    ],
    [
      'reset on a reused socket after the last attempt stops',
      { errorCode: 'ECONNRESET', reusedSocket: true, attempt: 4 },
      { retry: false, delayMs: 0 },
    ],
  ];

  for (const [name, input, expected] of cases) {
    it(name, () => {
      const decision = decide(input);
      expect(decision.retry).toBe(expected.retry);
      expect(decision.delayMs).toBe(expected.delayMs);
    });
  }

  it('caps the backoff ceiling at the maximum delay', () => {
    const decision = decide({ status: 500, attempt: 3, baseDelayMs: 10_000, maxDelayMs: 15_000, random: maxJitter });
    expect(decision.delayMs).toBe(14_999);
  });

  it('waits at least half the ceiling', () => {
    expect(decide({ status: 500, random: () => 0 }).delayMs).toBe(500);
  });

  it('grows the wait at each attempt', () => {
    const waits = [1, 2, 3].map((attempt) => decide({ status: 500, attempt, random: () => 0 }).delayMs);
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it('marks the immediate retry after a reused socket', () => {
    expect(decide({ errorCode: 'ECONNRESET', reusedSocket: true }).reusedSocketRetry).toBe(true);
  });

  it('ignores the query string when matching routes', () => {
    expect(decide({ method: 'POST', path: '/api/editors/mesures?x=1', status: 500 }).retry).toBe(true);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter('12', now)).toBe(12_000);
  });

  it('reads a past HTTP date as no wait', () => {
    expect(parseRetryAfter(new Date(now - 5000).toUTCString(), now)).toBe(0);
  });

  it('ignores an unreadable value', () => {
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
