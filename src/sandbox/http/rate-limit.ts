const WINDOW_MS = 60_000;

/** The outcome of counting one request. */
export interface RateLimitDecision {
  limit: number;
  remaining: number;
  /** End of the current window, in epoch seconds, as `X-RateLimit-Reset` sends it. */
  resetEpochSeconds: number;
  limited: boolean;
}

/**
 * A fixed one-minute window per client IP, kept in memory. As in express-rate-limit's memory
 * store, one timer clears every counter at once, so all clients share the same window edges,
 * which start when the server starts.
 */
export class FixedWindowRateLimiter {
  private readonly counts = new Map<string, number>();
  private windowStart: number;

  constructor(
    /** Requests allowed per window; 0 disables the limit. */
    public limit: number,
    private readonly now: () => number,
  ) {
    this.windowStart = now();
  }

  /** Counts a request; returns undefined when the limit is disabled. */
  hit(clientIp: string): RateLimitDecision | undefined {
    if (this.limit <= 0) {
      return undefined;
    }
    this.advanceWindow();
    const count = (this.counts.get(clientIp) ?? 0) + 1;
    this.counts.set(clientIp, count);
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - count),
      resetEpochSeconds: Math.ceil((this.windowStart + WINDOW_MS) / 1000),
      limited: count > this.limit,
    };
  }

  private advanceWindow(): void {
    const now = this.now();
    if (now < this.windowStart + WINDOW_MS) {
      return;
    }
    const elapsedWindows = Math.floor((now - this.windowStart) / WINDOW_MS);
    this.windowStart += elapsedWindows * WINDOW_MS;
    this.counts.clear();
  }
}
