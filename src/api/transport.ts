import { subscribe } from 'node:diagnostics_channel';

import { EnvHttpProxyAgent } from 'undici';

import { invalidProxyError } from '../auth/proxy-settings.js';

import type { Dispatcher } from 'undici';

/**
 * Idle time after which the client closes a kept-alive connection. The server closes idle
 * connections after 5 s, so a shorter timeout avoids writing onto a socket it has just closed.
 */
export const keepAliveTimeoutMs = 4_000;

/**
 * Builds the dispatcher for every API call: keep-alive connections, the three timeouts (the
 * server never responds to some requests), and `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (either
 * case) read from `env`.
 */
export function createDispatcher(options: { timeoutMs: number; env: NodeJS.ProcessEnv }): Dispatcher {
  const { env } = options;
  try {
    return buildAgent(options.timeoutMs, env);
  } catch (error) {
    throw invalidProxyError(env, error);
  }
}

function buildAgent(timeoutMs: number, env: NodeJS.ProcessEnv): Dispatcher {
  return new EnvHttpProxyAgent({
    // An empty string means no proxy, where undefined would make undici read process.env.
    httpProxy: env.HTTP_PROXY ?? env.http_proxy ?? '',
    httpsProxy: env.HTTPS_PROXY ?? env.https_proxy ?? '',
    noProxy: env.NO_PROXY ?? env.no_proxy ?? '',
    keepAliveTimeout: keepAliveTimeoutMs,
    keepAliveMaxTimeout: keepAliveTimeoutMs,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    // NOTE: undici 7.30 checks the headers and body timeouts on a coarse timer, so they fire up
    // to about a second late.
    connect: { timeout: timeoutMs },
  });
}

/** Sockets that have carried at least one request. */
const usedSockets = new WeakSet<object>();
/** undici requests sent on a socket that had carried an earlier request. */
const requestsOnReusedSockets = new WeakSet<object>();
/** Errors of requests that were sent on a reused socket. */
const errorsOnReusedSockets = new WeakSet<object>();

// undici publishes each request with its socket when it writes the headers, and each failed
// request with its error. Matching the two shows whether a reset hit a kept-alive connection.
subscribe('undici:client:sendHeaders', (message) => {
  const { request, socket } = message as { request: object; socket: object };
  if (usedSockets.has(socket)) requestsOnReusedSockets.add(request);
  usedSockets.add(socket);
});
subscribe('undici:request:error', (message) => {
  const { request, error } = message as { request: object; error: unknown };
  if (requestsOnReusedSockets.has(request) && typeof error === 'object' && error !== null) {
    errorsOnReusedSockets.add(error);
  }
});

/** Returns whether `error` ended a request that was written on a reused keep-alive socket. */
export function failedOnReusedSocket(error: unknown): boolean {
  return typeof error === 'object' && error !== null && errorsOnReusedSockets.has(error);
}
