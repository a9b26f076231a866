import { createServer } from 'node:http';

import { UserError } from '../cli/errors.js';
import { isErrnoException } from '../config/files.js';
import { buildRedirectUri } from './authorize-url.js';
import { renderCallbackPage } from './callback-page.js';
import { checkCallback } from './callback.js';
import { profileCommand } from './login-command.js';

import type { IncomingMessage, ServerResponse } from 'node:http';

import type { CallbackOutcome } from './callback.js';

/** The loopback HTTP server that receives the browser's redirect from eMJPM. */
export interface CallbackServer {
  readonly redirectUri: string;
  /** Settles with the outcome of the first request on the redirect path. */
  readonly outcome: Promise<CallbackOutcome>;
  /** Stops listening and closes every connection; safe to call more than once. */
  close(): Promise<void>;
}

const loopbackHost = '127.0.0.1';

/**
 * Listens on 127.0.0.1 at the registered port and waits for one request on the registered path.
 * Other paths (such as `/favicon.ico`) get 404 and leave the flow alone. The first request on the
 * path settles `outcome`, gets a small result page, and then the server shuts down.
 */
export async function startCallbackServer(options: {
  port: number;
  path: string;
  expectedState: string;
  /** Profile whose commands the busy-port hint names; default `default`. */
  profileName?: string;
}): Promise<CallbackServer> {
  const redirectUri = buildRedirectUri(options.port, options.path);
  let settle: (outcome: CallbackOutcome) => void = () => {};
  const outcome = new Promise<CallbackOutcome>((resolve) => {
    settle = resolve;
  });
  let settled = false;

  const server = createServer((request, response) => {
    try {
      const result = handleRequest(request, response, options, settled);
      if (result === undefined) return;
      settled = true;
      // The page must reach the browser before the server stops, so close after `finish`.
      response.on('finish', () => {
        void close();
        settle(result);
      });
    } catch {
      if (!response.headersSent) response.writeHead(500, { Connection: 'close' });
      response.end();
    }
  });

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  }

  await listen(server, options.port, redirectUri, options.profileName ?? 'default');
  return { redirectUri, outcome, close };
}

/** Responds to one request; returns the callback outcome when this request settles the flow. */
function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  options: { path: string; expectedState: string },
  settled: boolean,
): CallbackOutcome | undefined {
  const url = new URL(request.url ?? '/', `http://${loopbackHost}`);
  if (request.method !== 'GET' || url.pathname !== options.path || settled) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Not found\n');
    return undefined;
  }

  const outcome = checkCallback(url.searchParams, options.expectedState);
  const page = renderCallbackPage(outcome);
  response.writeHead(page.status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'",
    'Cache-Control': 'no-store',
    Connection: 'close',
  });
  response.end(page.html);
  return outcome;
}

function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  redirectUri: string,
  profileName: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, port, redirectUri, profileName)));
    server.listen(port, loopbackHost, () => resolve());
  });
}

function listenError(
  error: Error,
  port: number,
  redirectUri: string,
  profileName: string,
): unknown {
  if (!isErrnoException(error) || (error.code !== 'EADDRINUSE' && error.code !== 'EACCES')) {
    return error;
  }
  const reason =
    error.code === 'EADDRINUSE'
      ? `port ${port} on ${loopbackHost} is already in use (another \`emjpm login\` may be waiting)`
      : `permission denied to listen on port ${port} on ${loopbackHost}`;
  return new UserError(`Cannot receive the login redirect: ${reason}.`, {
    hint:
      `Stop the program using port ${port}, or pick another port with ` +
      `\`${profileCommand(profileName, 'config set port N')}\`. eMJPM only redirects to ` +
      `registered URIs: the current one is ${redirectUri}, and the URI with the new port must ` +
      'also be registered for your editor with eMJPM.',
    code: 'port_unavailable',
    cause: error,
  });
}
