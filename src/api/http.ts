import { request as undiciRequest } from 'undici';

import { errorCode, errorFromNetworkFailure, errorFromResponse } from './errors.js';
import { Pacer } from './pacing.js';
import { maxAttempts, retryDecision } from './retry.js';
import { traceFailure, traceRequest, traceResponse } from './trace.js';
import { createDispatcher, failedOnReusedSocket } from './transport.js';

import type { Dispatcher } from 'undici';

import type { TokenProvider } from '../auth/types.js';
import type { OutputSink } from '../output/sink.js';
import type { ClientSettings } from './settings.js';

export interface HttpClientOptions {
  /** API base without the trailing slash, such as `https://api-emjpm.fabrique.social.gouv.fr`. */
  apiUrl: string;
  tokens: TokenProvider;
  sink: OutputSink;
  settings: ClientSettings;
  /** Environment that supplies the proxy variables; `process.env` when omitted. */
  env?: NodeJS.ProcessEnv;
  /** Injected in tests; a keep-alive dispatcher with proxy support otherwise. */
  dispatcher?: Dispatcher;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** First backoff ceiling in ms, doubled at each attempt. */
  baseDelayMs?: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the API base, starting with `/`, such as `/api/editors/mesures`. */
  path: string;
  query?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP response or the error that replaced it. */
type Outcome = { response: HttpResponse } | { error: unknown };

/**
 * Sends authenticated requests to the eMJPM API: paced under the rate limit, retried by
 * `retryDecision`, refreshed once on 401 `invalid_token`, traced under `--debug`.
 */
export class HttpClient {
  requestCount = 0;
  private readonly options: HttpClientOptions;
  private readonly dispatcher: Dispatcher;
  private readonly pacer: Pacer;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly origin: string;
  private tokenSourceTraced = false;

  constructor(options: HttpClientOptions) {
    this.options = options;
    this.dispatcher = options.dispatcher ?? createDispatcher({ timeoutMs: options.settings.timeoutMs, env: options.env ?? process.env });
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.pacer = new Pacer({
      requestsPerMinute: options.settings.requestsPerMinute,
      now: this.now,
      sleep: this.sleep,
    });
    this.origin = new URL(options.apiUrl).origin;
  }

  /** Sends `request` until it succeeds or the retries end; throws a `UserError` on failure. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    const url = this.buildUrl(request);
    const body = request.json === undefined ? undefined : JSON.stringify(request.json);
    let token = await this.accessToken();
    let attempt = 1;
    let reusedSocketRetried = false;
    let refreshed = false;

    for (;;) {
      const outcome = await this.attempt(request.method, url, attempt, token, body);

      if ('response' in outcome && outcome.response.status < 400) return outcome.response;

      // A token the server no longer accepts (expired, or revoked by a login or a refresh
      // elsewhere) is refreshed once. A second 401 means the login itself is gone.
      if ('response' in outcome && outcome.response.status === 401 && !refreshed) {
        refreshed = true;
        this.options.sink.debug('The access token was rejected (401); refreshing it once.');
        token = await this.options.tokens.refreshAfterRejection(token);
        continue;
      }

      const failure = 'response' in outcome ? outcome.response : undefined;
      const code = 'error' in outcome ? errorCode(outcome.error) : undefined;
      const reusedSocket = 'error' in outcome && failedOnReusedSocket(outcome.error);
      const decision = retryDecision({
        method: request.method,
        path: request.path,
        attempt,
        status: failure?.status,
        errorCode: code,
        reusedSocket,
        reusedSocketRetried,
        retryAfterHeader: headerValue(failure?.headers['retry-after']),
        rateLimitResetHeader: headerValue(failure?.headers['x-ratelimit-reset']),
        now: this.now(),
        random: this.options.random,
        baseDelayMs: this.options.baseDelayMs,
        maxDelayMs: this.options.settings.maxRetryDelayMs,
      });

      if (!decision.retry) {
        if (failure !== undefined) {
          throw errorFromResponse({ ...failure, method: request.method, path: request.path, now: this.now() });
        }
        throw errorFromNetworkFailure((outcome as { error: unknown }).error, {
          method: request.method,
          path: request.path,
          origin: this.origin,
          timeoutMs: this.options.settings.timeoutMs,
          attempts: attempt,
        });
      }

      if (decision.reusedSocketRetry) reusedSocketRetried = true;
      const reason = failure !== undefined ? `status ${failure.status}` : (code ?? 'a network error');
      this.options.sink.info(
        `${request.method} ${request.path} failed with ${reason}; attempt ${attempt + 1} of ${maxAttempts} in ${formatDelay(decision.delayMs)}.`,
      );
      await this.sleep(decision.delayMs);
      token = await this.accessToken();
      attempt += 1;
    }
  }

  /** Closes the kept-alive connections; pending requests fail. */
  async close(): Promise<void> {
    if (this.options.dispatcher === undefined) await this.dispatcher.destroy();
  }

  private async attempt(
    method: string,
    url: URL,
    attempt: number,
    token: string,
    body: string | undefined,
  ): Promise<Outcome> {
    await this.pacer.acquire();
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
    };
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';

    const sink = this.options.sink;
    traceRequest(sink, { method, url: url.href, attempt, headers, body });
    this.requestCount += 1;
    const startedAt = this.now();

    try {
      const response = await undiciRequest(url, { method, headers, body, dispatcher: this.dispatcher });
      const text = await response.body.text();
      const durationMs = this.now() - startedAt;
      traceResponse(sink, { method, url: url.href, status: response.statusCode, durationMs, headers: response.headers, body: text });
      this.pacer.observe(
        headerValue(response.headers['x-ratelimit-remaining']),
        headerValue(response.headers['x-ratelimit-reset']),
      );
      return { response: { status: response.statusCode, headers: response.headers, body: text } };
    } catch (error) {
      traceFailure(sink, {
        method,
        url: url.href,
        durationMs: this.now() - startedAt,
        code: errorCode(error) ?? String(error),
        reusedSocket: failedOnReusedSocket(error),
      });
      return { error };
    }
  }

  private async accessToken(): Promise<string> {
    const { tokens, sink } = this.options;
    if (!this.tokenSourceTraced) {
      sink.debug(`Access token from ${tokens.source}.`);
      this.tokenSourceTraced = true;
    }
    return tokens.getAccessToken();
  }

  private buildUrl(request: HttpRequest): URL {
    const url = new URL(this.options.apiUrl.replace(/\/+$/, '') + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    return url;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
