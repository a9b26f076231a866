import OAuth2Server from '@node-oauth/oauth2-server';

import { sendExpressRedirect } from '../http/redirect.js';
import { sendEmpty, sendJson } from '../http/respond.js';
import { ProductionAuthorizationCodeGrant } from './authorization-code-grant.js';
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  AUTHORIZATION_CODE_LIFETIME_SECONDS,
  REFRESH_TOKEN_LIFETIME_SECONDS,
  UnansweredRequestError,
} from './model.js';

import type { SandboxContext } from '../context.js';
import type { Exchange } from '../http/exchange.js';
import type { Account } from '../store/types.js';

const { InvalidTokenError, OAuthError, Request, Response, UnauthorizedRequestError } = OAuth2Server;

type Fields = Record<string, unknown>;

/** Builds the engine with production's lifetimes: 24 h access tokens, 14-day refresh tokens. */
export function createOAuthServer(model: OAuth2Server.AuthorizationCodeModel): OAuth2Server {
  return new OAuth2Server({
    model,
    accessTokenLifetime: ACCESS_TOKEN_LIFETIME_SECONDS,
    refreshTokenLifetime: REFRESH_TOKEN_LIFETIME_SECONDS,
    authorizationCodeLifetime: AUTHORIZATION_CODE_LIFETIME_SECONDS,
    allowBearerTokensInQueryString: false,
    alwaysIssueNewRefreshToken: true,
    extendedGrantTypes: {
      authorization_code:
        ProductionAuthorizationCodeGrant as unknown as typeof OAuth2Server.AbstractGrantType,
    },
  });
}

/** `POST /api/oauth/token`: the authorization_code and refresh_token grants. */
export async function handleToken(
  context: SandboxContext,
  oauth: OAuth2Server,
  exchange: Exchange,
  body: Fields,
): Promise<void> {
  const grantType = typeof body.grant_type === 'string' ? body.grant_type : '(missing)';
  context.stats.countTokenRequest(grantType);

  // Production runs an engine without PKCE, which ignores code_verifier. This engine would check
  // it and accept a missing client secret along with it, so the field is removed.
  const { code_verifier: _ignored, ...fields } = body;
  const request = engineRequest(exchange, fields);
  const response = new Response();
  try {
    await oauth.token(request, response);
    sendEngineResponse(exchange, response, response.status ?? 200, response.body);
  } catch (error) {
    sendEngineError(exchange, response, error);
  }
}

/**
 * `POST /api/oauth/authorize` (consent given in the web app) and the auto-approved page: checks
 * the client, redirect URI and state, then redirects with a code.
 */
export async function handleAuthorize(
  context: SandboxContext,
  oauth: OAuth2Server,
  exchange: Exchange,
  body: Fields,
  approvedAccount?: Account,
): Promise<void> {
  context.stats.authorizeRequests += 1;

  // PKCE parameters are ignored in production; this engine would validate them.
  const { code_challenge: _challenge, code_challenge_method: _method, ...fields } = body;
  const {
    code_challenge: _queryChallenge,
    code_challenge_method: _queryMethod,
    ...query
  } = exchange.query;
  const request = engineRequest({ ...exchange, query }, fields);
  const response = new Response();
  const authenticateHandler = {
    handle: (): Account => {
      const account = approvedAccount ?? sessionAccount(context, fields.access_token);
      if (!account) {
        throw new InvalidTokenError('Invalid token: access token is invalid');
      }
      return account;
    },
  };
  try {
    await oauth.authorize(request, response, { authenticateHandler });
    sendExpressRedirect(exchange.request, exchange.response, String(response.get('Location')));
  } catch (error) {
    if (error instanceof UnansweredRequestError) {
      exchange.hang();
      return;
    }
    sendEngineError(exchange, response, error);
  }
}

function sessionAccount(context: SandboxContext, token: unknown): Account | undefined {
  const accountId = typeof token === 'string' ? context.sessions.get(token) : undefined;
  return context.state.accounts.find((account) => account.id === accountId);
}

function engineRequest(exchange: Exchange, body: Fields): OAuth2Server.Request {
  return new Request({
    headers: exchange.request.headers as Record<string, string>,
    method: exchange.method,
    query: exchange.query as Record<string, string>,
    body,
  });
}

function sendEngineResponse(
  exchange: Exchange,
  response: OAuth2Server.Response,
  status: number,
  body: unknown,
): void {
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    exchange.response.setHeader(name, value);
  }
  if (body === undefined) {
    sendEmpty(exchange.response, status);
  } else {
    sendJson(exchange.response, status, body);
  }
}

/**
 * Responds to an engine error as express-oauth-server does: the engine's headers, the error's
 * status and `{error, error_description}`, or an empty body for a request without credentials.
 */
function sendEngineError(
  exchange: Exchange,
  response: OAuth2Server.Response,
  error: unknown,
): void {
  if (!(error instanceof OAuthError)) {
    throw error;
  }
  if (error instanceof UnauthorizedRequestError) {
    sendEngineResponse(exchange, response, error.code, undefined);
    return;
  }
  sendEngineResponse(exchange, response, error.code, {
    error: error.name,
    error_description: error.message,
  });
}
