import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ParsedBody } from './body.js';

/** One request as the routes see it. */
export interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  method: string;
  pathname: string;
  /** Query parameters; a repeated one becomes an array, as Express's parser does. */
  query: Record<string, string | string[]>;
  body: ParsedBody;
  /** Leaves the request unanswered, as production does for a few inputs; close() ends it. */
  hang(): void;
}

/** Returns the parsed body's fields, or an empty object when there is no JSON or form body. */
export function bodyFields(exchange: Exchange): Record<string, unknown> {
  const { body } = exchange;
  if (body.kind === 'json' || body.kind === 'form') {
    const value = body.value;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  }
  return {};
}
