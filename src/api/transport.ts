import { subscribe } from 'node:diagnostics_channel';

import { EnvHttpProxyAgent } from 'undici';

import type { Dispatcher } from 'undici';

/**
 * Idle time after which the client closes a kept-alive connection. The server closes idle
 * connections after 5 s, so a shorter timeout avoids writing onto a socket it has just closed.
 */
export const keepAliveTimeoutMs = 4_000;

/**
 * Builds the dispatcher for every API call: keep-alive connections, the three timeouts (some
 * server requests never get an answer), and `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` from the
 * environment.
 */
export function createDispatcher(options: { timeoutMs: number }): Dispatcher {
  return new EnvHttpProxyAgent({
    keepAliveTimeout: keepAliveTimeoutMs,
    keepAliveMaxTimeout: keepAliveTimeoutMs,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: options.timeoutMs },
  });
}

/** Sockets that have carried at least one request. */
const usedSockets = new WeakSet<object>();
/** undici requests sent on a socket that had carried an earlier request. */
const requestsOnReusedSockets = new WeakSet<object>();
/** Errors of requests that were sent on a reused socket. */
const errorsOnReusedSockets = new WeakSet<object>();

// undici publishes each request with its socket when it writes the headers, and each failed
// request with its error. Joining the two tells whether a reset hit a kept-alive connection.
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
