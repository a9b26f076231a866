/** Maximum number of attempts for one request, the first one included. */
export const maxAttempts = 4;

/** Error codes of a connection that the other side closed. */
const socketClosedCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** Error codes worth another attempt: the request may not have reached the server. */
const retryableNetworkCodes = new Set([
  ...socketClosedCodes,
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export interface RetryInput {
  method: string;
  /** Path of the request below the API base, such as `/api/editors/mesures`. */
  path: string;
  /** Number of the attempt that just failed, starting at 1. */
  attempt: number;
  /** HTTP status of the failed attempt, when the server responded. */
  status?: number;
  /** `code` of the error thrown instead of a response (`ECONNRESET`, `UND_ERR_HEADERS_TIMEOUT`…). */
  errorCode?: string;
  /** The connection had already carried an earlier request (a kept-alive socket). */
  reusedSocket?: boolean;
  /** An immediate retry after a closed reused socket was already spent on this request. */
  reusedSocketRetried?: boolean;
  retryAfterHeader?: string | null;
  /** `X-RateLimit-Reset`: epoch seconds when the server's one-minute window restarts. */
  rateLimitResetHeader?: string | null;
  /** Current time in epoch milliseconds. */
  now: number;
  /** Source of jitter in [0, 1); `Math.random` when omitted. */
  random?: () => number;
  /** First backoff ceiling, doubled at each attempt. */
  baseDelayMs?: number;
  /** Maximum wait accepted before an attempt; a server asking for more ends the retries. */
  maxDelayMs?: number;
}

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  /** Set for immediate retries after a closed reused socket, which do not count as backoff. */
  reusedSocketRetry?: boolean;
}

export const defaultBaseDelayMs = 500;
export const defaultMaxDelayMs = 60_000;

const noRetry: RetryDecision = { retry: false, delayMs: 0 };

/**
 * Decides whether a failed attempt is sent again and after how long. Pure: the clock and the
 * jitter come from the input, so the table of cases in the tests pins every rule.
 */
export function retryDecision(input: RetryInput): RetryDecision {
  const baseDelayMs = input.baseDelayMs ?? defaultBaseDelayMs;
  const maxDelayMs = input.maxDelayMs ?? defaultMaxDelayMs;
  const random = input.random ?? Math.random;
  const method = input.method.toUpperCase();

  // The server closes idle connections after 5 s. A request written onto a connection that it had
  // already closed was never read, so it is sent again at once, whatever its method, but only once.
  if (
    input.errorCode !== undefined &&
    socketClosedCodes.has(input.errorCode) &&
    input.reusedSocket === true &&
    input.reusedSocketRetried !== true &&
    input.attempt < maxAttempts
  ) {
    return { retry: true, delayMs: 0, reusedSocketRetry: true };
  }

  // Four attempts at most: past that the user gets the error and exit code 5.
  if (input.attempt >= maxAttempts) return noRetry;

  // An unknown authorization code makes the token endpoint respond 503 (a server bug). Sending the
  // same code again cannot succeed, so the login fails at once.
  if (isTokenEndpoint(input.path) && input.status === 503) return noRetry;

  // Only requests that give the same result when repeated are sent again: GET, PUT and DELETE,
  // and POST of mesures, which the server upserts on (tribunal, normalised numero RG).
  if (!isRepeatable(method, input.path)) return noRetry;

  const retryableStatus =
    input.status !== undefined && (input.status === 429 || input.status >= 500);
  const retryableError = input.errorCode !== undefined && retryableNetworkCodes.has(input.errorCode);
  if (!retryableStatus && !retryableError) return noRetry;

  // Exponential backoff with equal jitter. Half of the ceiling base × 2^(attempt − 1) is fixed, so
  // waits grow from one attempt to the next. The other half is random, so that several clients
  // that failed together do not come back together.
  const ceilingMs = Math.min(maxDelayMs, baseDelayMs * 2 ** (input.attempt - 1));
  const backoffMs = Math.floor(ceilingMs / 2 + random() * (ceilingMs / 2));

  // On 429 the server sends a wait (`Retry-After`, always 60 s on eMJPM) and the time its window
  // restarts (`X-RateLimit-Reset`). The earlier of the two is enough, because the
  // window's restart is what lifts the limit.
  const serverDelayMs = serverRequestedDelayMs(input);
  if (serverDelayMs === undefined) return { retry: true, delayMs: backoffMs };
  if (serverDelayMs > maxDelayMs) return noRetry;
  return { retry: true, delayMs: Math.max(serverDelayMs, backoffMs) };
}

function isTokenEndpoint(path: string): boolean {
  return stripQuery(path).endsWith('/oauth/token');
}

function isRepeatable(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'PUT' || method === 'DELETE') return true;
  if (method !== 'POST') return false;
  // A batch is one transaction of upserts, so repeating it converges on the same rows.
  return /\/mesures(\/batch)?$/.test(stripQuery(path));
}

function stripQuery(path: string): string {
  const index = path.indexOf('?');
  return index === -1 ? path : path.slice(0, index);
}

/** Returns the wait the server asked for, in ms, or undefined when it named none. */
function serverRequestedDelayMs(input: RetryInput): number | undefined {
  const delays: number[] = [];
  const retryAfterMs = parseRetryAfter(input.retryAfterHeader, input.now);
  if (retryAfterMs !== undefined) delays.push(retryAfterMs);
  if (input.status === 429) {
    const resetMs = parseRateLimitReset(input.rateLimitResetHeader, input.now);
    if (resetMs !== undefined) delays.push(resetMs);
  }
  return delays.length === 0 ? undefined : Math.min(...delays);
}

/** Parses `Retry-After` as delta seconds or as an HTTP date; returns the wait in ms. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header == null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Parses `X-RateLimit-Reset` (epoch seconds); returns the wait until then in ms. */
export function parseRateLimitReset(
  header: string | null | undefined,
  now: number,
): number | undefined {
  if (header == null || !/^\d+$/.test(header.trim())) return undefined;
  return Math.max(0, Number(header.trim()) * 1000 - now);
}
