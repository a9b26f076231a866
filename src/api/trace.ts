import { redactBody, redactHeaders, redactUrl } from '../output/redact.js';

import type { OutputSink } from '../output/sink.js';

/** Maximum length of a body excerpt in the debug trace. */
const maxTracedBodyLength = 2_000;

type Headers = Record<string, string | string[] | undefined>;

/** Writes the `--debug` line of a request about to leave, secrets redacted. */
export function traceRequest(
  sink: OutputSink,
  request: { method: string; url: string; attempt: number; headers: Headers; body?: string },
): void {
  if (sink.debugEnabled === false) return;
  const parts = [
    `→ ${request.method} ${redactUrl(request.url)} attempt ${request.attempt}`,
    `headers ${JSON.stringify(redactHeaders(request.headers))}`,
  ];
  if (request.body !== undefined) parts.push(`body ${excerpt(request.body)}`);
  sink.debug(parts.join(' '));
}

/** Writes the `--debug` line of a response, secrets redacted. */
export function traceResponse(
  sink: OutputSink,
  response: { method: string; url: string; status: number; durationMs: number; headers: Headers; body: string },
): void {
  if (sink.debugEnabled === false) return;
  sink.debug(
    [
      `← ${response.status} ${response.method} ${redactUrl(response.url)} ${response.durationMs} ms`,
      `headers ${JSON.stringify(redactHeaders(response.headers))}`,
      `body ${response.body === '' ? '(empty)' : excerpt(response.body)}`,
    ].join(' '),
  );
}

/** Writes the `--debug` line of a request that got no response. */
export function traceFailure(
  sink: OutputSink,
  failure: { method: string; url: string; durationMs: number; code: string; reusedSocket: boolean },
): void {
  const socket = failure.reusedSocket ? ' on a reused connection' : '';
  sink.debug(
    `✗ ${failure.method} ${redactUrl(failure.url)} ${failure.durationMs} ms failed with ${failure.code}${socket}`,
  );
}

function excerpt(body: string): string {
  const redacted = redactBody(body);
  if (redacted.length <= maxTracedBodyLength) return redacted;
  return `${redacted.slice(0, maxTracedBodyLength)}… (${redacted.length} characters)`;
}
