/** Requests per minute the eMJPM API accepts from one IP address. */
export const serverRequestsPerMinute = 360;

/** Below this many requests left in the server's window, requests are spread until it restarts. */
const lowRemaining = 10;

export interface PacerOptions {
  /** Requests per minute the client allows itself; at most the server's 360. */
  requestsPerMinute?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A token bucket that keeps the client under the server's rate limit. The bucket contains a tenth
 * of a minute's requests as burst and refills at the rate that leaves room for that burst, so
 * any 60-second window carries at most `requestsPerMinute` requests. The server's window is a
 * fixed minute shared with other programs on the same address, so `X-RateLimit-Remaining` and
 * `X-RateLimit-Reset` slow the client down further before the server responds 429.
 */
export class Pacer {
  readonly requestsPerMinute: number;
  private readonly capacity: number;
  private readonly refillPerMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private tokens: number;
  private refilledAt: number;
  /** Earliest time the next request may leave, set from the server's headers. */
  private notBefore = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: PacerOptions = {}) {
    this.requestsPerMinute = Math.max(1, Math.floor(options.requestsPerMinute ?? serverRequestsPerMinute));
    this.capacity = Math.max(1, Math.floor(this.requestsPerMinute / 10));
    this.refillPerMs = Math.max(1, this.requestsPerMinute - this.capacity) / 60_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.tokens = this.capacity;
    this.refilledAt = this.now();
  }

  /** Waits until a request may be sent; callers are served in the order they called. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.take());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Records the server's view of its window from the headers of a response. */
  observe(remainingHeader: string | null | undefined, resetHeader: string | null | undefined): void {
    const remaining = parseCount(remainingHeader);
    const resetSeconds = parseCount(resetHeader);
    if (remaining === undefined || resetSeconds === undefined) return;

    const now = this.now();
    const untilResetMs = resetSeconds * 1000 - now;
    if (untilResetMs <= 0 || remaining >= lowRemaining) return;

    // With nothing left, wait for the restart; with little left, share the rest of the window
    // evenly between the remaining requests.
    const spacingMs = remaining === 0 ? untilResetMs : untilResetMs / (remaining + 1);
    this.notBefore = Math.max(this.notBefore, now + spacingMs);
  }

  private async take(): Promise<void> {
    for (;;) {
      const now = this.now();
      this.refill(now);
      const waitForServerMs = this.notBefore - now;
      if (this.tokens >= 1 && waitForServerMs <= 0) {
        this.tokens -= 1;
        return;
      }
      const waitForTokenMs = this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.refillPerMs);
      await this.sleep(Math.max(waitForServerMs, waitForTokenMs, 1));
    }
  }

  private refill(now: number): void {
    const elapsedMs = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.capacity, this.tokens + elapsedMs * this.refillPerMs);
    this.refilledAt = now;
  }
}

function parseCount(header: string | null | undefined): number | undefined {
  if (header == null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
