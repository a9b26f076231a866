import { createProxyAwareDispatcher } from './http.js';

import type { Dispatcher } from 'undici';

import type { OutputSink } from '../output/sink.js';

/** Outcome of one request to the editors API: the response status, or why no response arrived. */
export type ProbeResult =
  | {
      ok: true;
      status: number;
      /** `error` of a JSON error body, such as `invalid_token`. */
      error: string | undefined;
      durationMs: number;
      /** Server time minus local time at the middle of the request, from the `Date` header. */
      clockOffsetMs: number | undefined;
    }
  | { ok: false; message: string; durationMs: number };

const probePath = '/api/editors/tribunaux';

/** Sends `GET /api/editors/tribunaux`, with the token when given, and times the response. */
export async function probeEditorsApi(options: {
  apiUrl: string;
  token: string | undefined;
  env: NodeJS.ProcessEnv;
  sink: OutputSink;
  timeoutMs?: number;
  now?: () => number;
}): Promise<ProbeResult> {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const { request } = await import('undici');
  let dispatcher: Dispatcher;
  try {
    dispatcher = await createProxyAwareDispatcher(options.env);
  } catch (error) {
    // The doctor's proxy check names the invalid variable; the probe only records the failure.
    return { ok: false, message: error instanceof Error ? error.message : String(error), durationMs: 0 };
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const started = now();
  try {
    const response = await request(`${options.apiUrl}${probePath}`, {
      method: 'GET',
      headers,
      dispatcher,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const received = now();
    const text = await response.body.text();
    options.sink.debug(
      `GET ${options.apiUrl}${probePath} → ${response.statusCode} in ${received - started} ms`,
    );
    const date = response.headers.date;
    const serverTime = typeof date === 'string' ? Date.parse(date) : Number.NaN;
    return {
      ok: true,
      status: response.statusCode,
      error: readErrorCode(text),
      durationMs: received - started,
      clockOffsetMs: Number.isNaN(serverTime) ? undefined : serverTime - (started + received) / 2,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message, durationMs: now() - started };
  } finally {
    await dispatcher.close();
  }
}

function readErrorCode(text: string): string | undefined {
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data === 'object' && data !== null && 'error' in data) {
      const { error } = data as { error: unknown };
      return typeof error === 'string' ? error : undefined;
    }
  } catch {
    // Not JSON: the 401 without a token has an empty body, and 429 is HTML.
  }
  return undefined;
}
