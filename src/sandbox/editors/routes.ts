import { setTimeout as delay } from 'node:timers/promises';

import { mediaTypeOf } from '../http/body.js';
import {
  INTERNAL_ERROR_BODY,
  sendInternalError,
  sendJson,
  sendNotFound,
  sendTooManyRequests,
} from '../http/respond.js';
import { authenticateCaller } from './authenticate.js';
import { ownerOf } from './call.js';
import { deleteAllMesures, deleteMesure } from './delete-routes.js';
import { getMesure, listAntennes, listMesures, listTribunaux } from './read-routes.js';
import { createBatch, createMesure, replaceMesure } from './write-routes.js';

import type { SandboxContext } from '../context.js';
import type { FaultInjector } from '../faults.js';
import type { Exchange } from '../http/exchange.js';
import type { EditorsCall } from './call.js';

/** Path prefix of the editors API. */
export const EDITORS_PREFIX = '/api/editors';

interface Route {
  method: string;
  /** Route pattern below the prefix, as counted in `stats.editorsRequests`. */
  pattern: string;
  handle(call: EditorsCall): void;
}

const ROUTES: Route[] = [
  { method: 'GET', pattern: '/mesures', handle: listMesures },
  { method: 'POST', pattern: '/mesures', handle: createMesure },
  { method: 'DELETE', pattern: '/mesures', handle: deleteAllMesures },
  { method: 'POST', pattern: '/mesures/batch', handle: createBatch },
  { method: 'GET', pattern: '/mesures/:id', handle: getMesure },
  { method: 'PUT', pattern: '/mesures/:id', handle: replaceMesure },
  { method: 'DELETE', pattern: '/mesures/:id', handle: deleteMesure },
  { method: 'GET', pattern: '/service-antennes', handle: listAntennes },
  { method: 'GET', pattern: '/tribunaux', handle: listTribunaux },
];

/** Everything the editors pipeline needs beside the request. */
export interface EditorsDependencies {
  context: SandboxContext;
  faults: FaultInjector;
}

/**
 * Handles a request under `/api/editors` in production's order: injected faults, the body
 * parser's 500, authentication, the route (404 page when none), the content-type check of
 * `POST` and `PUT`, then the route itself.
 */
export async function handleEditorsRequest(
  dependencies: EditorsDependencies,
  exchange: Exchange,
): Promise<void> {
  const { context, faults } = dependencies;
  const match = matchRoute(exchange.method, exchange.pathname.slice(EDITORS_PREFIX.length));
  context.stats.countEditorsRequest(`${exchange.method} ${match?.route.pattern ?? '(no route)'}`);

  if (faults.latencyMs > 0) {
    await delay(faults.latencyMs);
  }
  const fault = faults.decide();
  if (fault.kind !== 'none') {
    context.stats.faultsInjected += 1;
    if (fault.kind === 'reset') {
      exchange.request.socket.destroy();
    } else {
      sendInjectedFailure(exchange, fault.status);
    }
    return;
  }

  if (exchange.body.kind === 'invalid') {
    sendInternalError(exchange.response);
    return;
  }
  const body = exchange.body.kind === 'json' ? exchange.body.value : undefined;
  const caller = authenticateCaller(context, exchange);
  if (!caller) {
    return;
  }
  if (!match) {
    sendNotFound(exchange.response, exchange.method, exchange.pathname);
    return;
  }
  if (match.id === null) {
    // Express fails to decode the parameter, and production's error handler sends its 500.
    sendInternalError(exchange.response);
    return;
  }
  const writesBody = exchange.method === 'POST' || exchange.method === 'PUT';
  if (writesBody && mediaTypeOf(exchange.request) !== 'application/json') {
    sendJson(exchange.response, 400, {
      errors: [{ msg: "The content-type must be 'application/json'" }],
    });
    return;
  }
  match.route.handle({
    context,
    exchange,
    caller,
    owner: ownerOf(caller.account),
    body,
    id: match.id,
  });
}

/**
 * Matches a path below the prefix like Express: case-insensitive, one trailing slash allowed.
 * The id is decoded, or null when its percent-encoding is invalid.
 */
function matchRoute(
  method: string,
  subpath: string,
): { route: Route; id?: string | null } | undefined {
  const segments = subpath.replace(/\/$/, '').split('/').slice(1);
  for (const route of ROUTES) {
    // Express serves HEAD with the GET route.
    if (route.method !== (method === 'HEAD' ? 'GET' : method)) {
      continue;
    }
    const parts = route.pattern.split('/').slice(1);
    if (parts.length !== segments.length) {
      continue;
    }
    let id: string | null | undefined;
    const matches = parts.every((part, index) => {
      const segment = segments[index]!;
      if (part === ':id') {
        id = safeDecode(segment);
        return segment !== '';
      }
      return part === segment.toLowerCase();
    });
    if (matches) {
      return { route, id };
    }
  }
  return undefined;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Sends an injected failure: a 429 like the rate limit's, anything else with the 500 body. */
function sendInjectedFailure(exchange: Exchange, status: number): void {
  if (status === 429) {
    sendTooManyRequests(exchange.response);
    return;
  }
  sendJson(exchange.response, status, INTERNAL_ERROR_BODY);
}
