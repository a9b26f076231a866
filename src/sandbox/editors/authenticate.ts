import OAuth2Server from '@node-oauth/oauth2-server';

import { sendEmpty, sendJson } from '../http/respond.js';

import type { Exchange } from '../http/exchange.js';
import type { Account } from '../store/types.js';

const { OAuthError, Request, Response, UnauthorizedRequestError } = OAuth2Server;

/** The user and editor an access token acts for. */
export interface Caller {
  account: Account;
  editorId: number;
}

/**
 * Authenticates an editors request by its bearer token, or responds with the failure and returns
 * undefined. Like express-oauth-server, no engine header is sent back: a request without
 * `Authorization` gets a bare 401, other failures their status and `{error, error_description}`.
 */
export async function authenticateCaller(
  oauth: OAuth2Server,
  exchange: Exchange,
  body: unknown,
): Promise<Caller | undefined> {
  const request = new Request({
    headers: exchange.request.headers as Record<string, string>,
    method: exchange.method,
    query: exchange.query as Record<string, string>,
    body: typeof body === 'object' && body !== null ? body : {},
  });
  try {
    const token = await oauth.authenticate(request, new Response());
    return { account: token.user as Account, editorId: Number(token.client.id) };
  } catch (error) {
    if (error instanceof UnauthorizedRequestError) {
      sendEmpty(exchange.response, 401);
    } else if (error instanceof OAuthError) {
      sendJson(exchange.response, error.code, {
        error: error.name,
        error_description: error.message,
      });
    } else {
      throw error;
    }
    return undefined;
  }
}
