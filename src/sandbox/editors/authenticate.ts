import { mediaTypeOf } from '../http/body.js';
import { bodyFields } from '../http/exchange.js';
import { sendEmpty, sendJson } from '../http/respond.js';

import type { SandboxContext } from '../context.js';
import type { Exchange } from '../http/exchange.js';
import type { Account } from '../store/types.js';

/** The user and editor an access token acts for. */
export interface Caller {
  account: Account;
  editorId: number;
}

type Outcome =
  | { kind: 'caller'; caller: Caller }
  | { kind: 'missing' }
  | { kind: 'error'; status: number; error: string; description: string };

/**
 * Authenticates an editors request by its access token, or responds with the failure and returns
 * undefined. Like express-oauth-server, a request without any token gets a bare 401 and other
 * failures their status and `{error, error_description}`, with no `WWW-Authenticate` header.
 */
export function authenticateCaller(
  context: SandboxContext,
  exchange: Exchange,
): Caller | undefined {
  const outcome = findCaller(context, exchange);
  if (outcome.kind === 'caller') {
    return outcome.caller;
  }
  if (outcome.kind === 'missing') {
    sendEmpty(exchange.response, 401);
  } else {
    sendJson(exchange.response, outcome.status, {
      error: outcome.error,
      error_description: outcome.description,
    });
  }
  return undefined;
}

/**
 * Applies the rules of oauth2-server 3, which production runs, rather than those of version 5.
 * Version 3 matches `/Bearer\s(\S+)/` anywhere in the header, so extra words are ignored.
 * Version 5 rejects every header but `Bearer` followed by one token of base64 characters.
 */
function findCaller(context: SandboxContext, exchange: Exchange): Outcome {
  const headerToken = exchange.request.headers.authorization;
  const queryToken = exchange.query.access_token;
  // NOTE: a form body's token is accepted because production parses forms on every route, as
  // its token endpoint needs them. No request with one was recorded.
  const bodyToken = bodyFields(exchange).access_token;
  const methodCount = [headerToken, queryToken, bodyToken].filter(Boolean).length;
  if (methodCount > 1) {
    return invalidRequest('Invalid request: only one authentication method is allowed');
  }

  let token: string;
  if (headerToken) {
    const match = /Bearer\s(\S+)/.exec(headerToken);
    if (!match) {
      return invalidRequest('Invalid request: malformed authorization header');
    }
    token = match[1]!;
  } else if (queryToken) {
    return invalidRequest('Invalid request: do not send bearer tokens in query URLs');
  } else if (bodyToken) {
    if (exchange.method === 'GET') {
      return invalidRequest(
        'Invalid request: token may not be passed in the body when using the GET verb',
      );
    }
    if (mediaTypeOf(exchange.request) !== 'application/x-www-form-urlencoded') {
      return invalidRequest('Invalid request: content must be application/x-www-form-urlencoded');
    }
    token = String(bodyToken);
  } else {
    return { kind: 'missing' };
  }

  return lookUpToken(context, token);
}

function lookUpToken(context: SandboxContext, token: string): Outcome {
  const pair = context.state.tokens.find((candidate) => candidate.accessToken === token);
  const account = pair && context.state.accounts.find(({ id }) => id === pair.accountId);
  if (!pair || !account) {
    return invalidToken('Invalid token: access token is invalid');
  }
  if (pair.accessTokenExpiresAt < context.now()) {
    return invalidToken('Invalid token: access token has expired');
  }
  return { kind: 'caller', caller: { account, editorId: pair.editorId } };
}

function invalidRequest(description: string): Outcome {
  return { kind: 'error', status: 400, error: 'invalid_request', description };
}

function invalidToken(description: string): Outcome {
  return { kind: 'error', status: 401, error: 'invalid_token', description };
}
