import { parseInteger } from './postgres-input.js';

import type { SandboxContext } from '../context.js';
import type { Exchange } from '../http/exchange.js';
import type { Account } from '../store/types.js';
import type { Caller } from './authenticate.js';

/** One authenticated editors request, as its route handler receives it. */
export interface EditorsCall {
  context: SandboxContext;
  exchange: Exchange;
  caller: Caller;
  /** The `mandataire:<id>` or `service:<id>` that owns the caller's mesures. */
  owner: string;
  /** The parsed JSON body, or undefined without one. */
  body: unknown;
  /** The `{id}` path segment, when the route has one. */
  id: string | undefined;
}

export function ownerOf(account: Account): string {
  return account.kind === 'service'
    ? `service:${account.serviceId}`
    : `mandataire:${account.mandataireId}`;
}

/** Parses a path id the way PostgreSQL reads an integer column; undefined when it cannot. */
export function parseIntegerId(id: string | undefined): number | undefined {
  return id === undefined ? undefined : parseInteger(id);
}
