import { findAccount } from './context.js';

import type { SandboxContext } from './context.js';
import type { FixedWindowRateLimiter } from './http/rate-limit.js';

/** Random faults applied to `/api/editors` requests. */
export interface FaultSettings {
  /** Fraction (0 to 1) of requests that get 500 with the production error body. */
  failRate?: number;
  /** Fraction (0 to 1) of requests whose socket is destroyed without a response. */
  resetRate?: number;
  /** Delay added before each request is handled, in milliseconds. */
  latencyMs?: number;
  /** Seed of the random draws; the same seed and request order give the same faults. */
  seed?: number;
}

/** Fault injection, off by default. */
export interface SandboxFaults {
  /** Changes the given random settings and keeps the others. */
  set(settings: FaultSettings): void;
  /** Fails the next `count` editors requests with `status` (default 500). */
  failNext(count: number, status?: number): void;
  /** Destroys the socket of the next `count` editors requests. */
  resetNext(count: number): void;
  /** Makes the user's access tokens expired now; refresh tokens stay valid. */
  expireTokens(login: string): void;
  /** Deletes the user's token pairs, as if revoked by another login. */
  revokeTokens(login: string): void;
  /** Removes every injected fault; the rate limit is left as it is. */
  clear(): void;
  /** Requests per minute per client IP; 0 disables the limit. */
  rateLimit: number;
}

/** The fault to apply to one editors request. */
export type FaultAction = { kind: 'none' } | { kind: 'fail'; status: number } | { kind: 'reset' };

export class FaultInjector implements SandboxFaults {
  private failRate = 0;
  private resetRate = 0;
  latencyMs = 0;
  private random: () => number = Math.random;
  private queued: FaultAction[] = [];

  constructor(
    private readonly context: SandboxContext,
    private readonly limiter: FixedWindowRateLimiter,
  ) {}

  get rateLimit(): number {
    return this.limiter.limit;
  }

  set rateLimit(limit: number) {
    this.limiter.limit = limit;
  }

  set(settings: FaultSettings): void {
    if (settings.failRate !== undefined) {
      this.failRate = checkFraction('failRate', settings.failRate);
    }
    if (settings.resetRate !== undefined) {
      this.resetRate = checkFraction('resetRate', settings.resetRate);
    }
    if (settings.latencyMs !== undefined) {
      if (!(settings.latencyMs >= 0)) {
        throw new RangeError(`latencyMs must be 0 or more, got ${settings.latencyMs}.`);
      }
      this.latencyMs = settings.latencyMs;
    }
    if (settings.seed !== undefined) {
      this.random = seededRandom(settings.seed);
    }
  }

  failNext(count: number, status = 500): void {
    for (let index = 0; index < count; index += 1) {
      this.queued.push({ kind: 'fail', status });
    }
  }

  resetNext(count: number): void {
    for (let index = 0; index < count; index += 1) {
      this.queued.push({ kind: 'reset' });
    }
  }

  expireTokens(login: string): void {
    const account = this.requireAccount(login);
    const expired = this.context.now() - 1000;
    for (const pair of this.context.state.tokens) {
      if (pair.accountId === account.id) {
        pair.accessTokenExpiresAt = expired;
      }
    }
    this.context.markChanged();
  }

  revokeTokens(login: string): void {
    const account = this.requireAccount(login);
    this.context.state.tokens = this.context.state.tokens.filter(
      (pair) => pair.accountId !== account.id,
    );
    this.context.markChanged();
  }

  clear(): void {
    this.failRate = 0;
    this.resetRate = 0;
    this.latencyMs = 0;
    this.random = Math.random;
    this.queued = [];
  }

  /** Picks the fault for the next editors request: queued faults first, then random ones. */
  decide(): FaultAction {
    const queued = this.queued.shift();
    if (queued) {
      return queued;
    }
    if (this.resetRate === 0 && this.failRate === 0) {
      return { kind: 'none' };
    }
    if (this.random() < this.resetRate) {
      return { kind: 'reset' };
    }
    if (this.random() < this.failRate) {
      return { kind: 'fail', status: 500 };
    }
    return { kind: 'none' };
  }

  private requireAccount(login: string) {
    const account = findAccount(this.context, login);
    if (!account) {
      throw new Error(`No sandbox user has the login ${login}.`);
    }
    return account;
  }
}

function checkFraction(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) {
    throw new RangeError(`${name} must be between 0 and 1, got ${value}.`);
  }
  return value;
}

/** Mulberry32: a small, fast generator whose sequence depends only on the seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
