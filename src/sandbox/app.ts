import { performance } from 'node:perf_hooks';

import { handleEditorsRequest, EDITORS_PREFIX } from './editors/routes.js';
import { paramsToObject, readBody } from './http/body.js';
import { bodyFields } from './http/exchange.js';
import { isRoutePath, isUnderPrefix, splitRequestTarget } from './http/request-target.js';
import { sendInternalError, sendNotFound, sendTooManyRequests } from './http/respond.js';
import {
  AUTHORIZATION_PAGE_PATH,
  showAuthorizationPage,
  submitLoginForm,
} from './oauth/consent-page.js';
import { handleAuthorize, handleToken } from './oauth/routes.js';

import type { IncomingMessage, ServerResponse } from 'node:http';

import type OAuth2Server from '@node-oauth/oauth2-server';

import type { SandboxContext } from './context.js';
import type { FaultInjector } from './faults.js';
import type { Exchange } from './http/exchange.js';
import type { FixedWindowRateLimiter } from './http/rate-limit.js';
import type { RequestTarget } from './http/request-target.js';

/** The parts the request handler ties together. */
export interface AppParts {
  context: SandboxContext;
  oauth: OAuth2Server;
  faults: FaultInjector;
  limiter: FixedWindowRateLimiter;
  log: ((line: string) => void) | undefined;
}

/** Builds the sandbox's request handler: one app serving both the API and the web app page. */
export function createRequestHandler(parts: AppParts) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const started = performance.now();
    const target = splitRequestTarget(request.url);
    const method = request.method ?? 'GET';
    logWhenDone(parts, request, response, target.pathname, started);

    handleRequest(parts, request, response, target).catch((error: unknown) => {
      parts.log?.(`${method} ${target.pathname} failed: ${describe(error)}`);
      if (!response.headersSent) {
        sendInternalError(response);
      } else {
        response.destroy();
      }
    });
  };
}

async function handleRequest(
  parts: AppParts,
  request: IncomingMessage,
  response: ServerResponse,
  target: RequestTarget,
): Promise<void> {
  const pathname = target.pathname;

  // Production counts every /api request except OAuth, before reading the body or the token.
  if (isUnderPrefix(pathname, '/api') && !isUnderPrefix(pathname, '/api/oauth')) {
    const decision = parts.limiter.hit(request.socket.remoteAddress ?? 'unknown');
    if (decision) {
      response.setHeader('X-RateLimit-Limit', String(decision.limit));
      response.setHeader('X-RateLimit-Remaining', String(decision.remaining));
      response.setHeader('X-RateLimit-Reset', String(decision.resetEpochSeconds));
    }
    if (decision?.limited) {
      parts.context.stats.rateLimited += 1;
      request.resume();
      sendTooManyRequests(response);
      return;
    }
  }

  const exchange: Exchange = {
    request,
    response,
    method: request.method ?? 'GET',
    pathname,
    query: paramsToObject(new URLSearchParams(target.search)),
    body: await readBody(request),
    hang: () => parts.log?.(`${request.method} ${pathname} left unanswered on purpose`),
  };
  await dispatch(parts, exchange);
}

async function dispatch(parts: AppParts, exchange: Exchange): Promise<void> {
  const { context, oauth } = parts;
  const { method, pathname } = exchange;

  if (isUnderPrefix(pathname, EDITORS_PREFIX)) {
    await handleEditorsRequest(parts, exchange);
    return;
  }
  if (exchange.body.kind === 'invalid') {
    sendInternalError(exchange.response);
    return;
  }
  if (pathname === AUTHORIZATION_PAGE_PATH && method === 'GET') {
    await showAuthorizationPage(context, oauth, exchange);
  } else if (pathname === AUTHORIZATION_PAGE_PATH && method === 'POST') {
    submitLoginForm(context, exchange);
  } else if (isRoutePath(pathname, '/api/oauth/authorize') && method === 'POST') {
    await handleAuthorize(context, oauth, exchange, bodyFields(exchange));
  } else if (isRoutePath(pathname, '/api/oauth/token') && method === 'POST') {
    await handleToken(context, oauth, exchange, bodyFields(exchange));
  } else {
    sendNotFound(exchange.response, method, pathname);
  }
}

/** Logs one line per request once it ends: method, path, status and duration, never the query. */
function logWhenDone(
  parts: AppParts,
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  started: number,
): void {
  const log = parts.log;
  if (!log) {
    return;
  }
  response.on('close', () => {
    const durationMs = Math.round(performance.now() - started);
    const status = response.writableFinished ? String(response.statusCode) : 'no response';
    log(`${request.method} ${pathname} ${status} ${durationMs}ms`);
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
