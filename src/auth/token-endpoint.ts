import { NetworkError } from '../api/types.js';
import { refreshTokenLifetimeMs } from '../credentials/tokens.js';
import { requireClientId } from './client-credentials.js';
import { createProxyAwareDispatcher } from './http.js';

import type { ResolvedProfile } from '../config/types.js';
import type { AccessTokenRecord, RefreshTokenRecord } from '../credentials/tokens.js';
import type { OutputSink } from '../output/sink.js';

/** Tokens from a successful response of `POST /api/oauth/token`. */
export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  /** Lifetime of the access token; eMJPM sends 86399. */
  expiresInSeconds: number;
}

/** The token endpoint's response: tokens, or the OAuth error it returned. */
export type TokenEndpointResult =
  | { ok: true; grant: TokenGrant }
  | { ok: false; status: number; error: string; description: string | undefined };

export interface TokenRequestContext {
  profile: ResolvedProfile;
  clientSecret: string;
  env: NodeJS.ProcessEnv;
  sink: OutputSink;
  timeoutMs?: number;
}

const defaultTimeoutMs = 30_000;

/** Exchanges an authorization code for tokens (`grant_type=authorization_code`). */
export function exchangeCode(
  context: TokenRequestContext,
  grant: { code: string; redirectUri: string; codeVerifier: string },
): Promise<TokenEndpointResult> {
  return postTokenRequest(context, {
    grant_type: 'authorization_code',
    code: grant.code,
    redirect_uri: grant.redirectUri,
    code_verifier: grant.codeVerifier,
  });
}

/** Trades a refresh token for a new pair; eMJPM revokes the old pair at once. */
export function refreshTokens(
  context: TokenRequestContext,
  refreshToken: string,
): Promise<TokenEndpointResult> {
  return postTokenRequest(context, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

/**
 * Posts a form-encoded token request with the client credentials in the body, as eMJPM expects.
 * Sent once: a refresh that reached the server revokes the old pair, so a blind retry could
 * only fail. Throws `NetworkError` when no HTTP response arrives.
 */
async function postTokenRequest(
  context: TokenRequestContext,
  fields: Record<string, string>,
): Promise<TokenEndpointResult> {
  const { profile, sink } = context;
  const clientId = requireClientId(profile);
  const path = '/api/oauth/token';
  const body = new URLSearchParams({
    ...fields,
    client_id: String(clientId),
    client_secret: context.clientSecret,
  }).toString();
  const timeoutMs = context.timeoutMs ?? defaultTimeoutMs;
  const { request } = await import('undici');
  const dispatcher = await createProxyAwareDispatcher(context.env);
  const started = Date.now();

  try {
    const response = await request(`${profile.apiUrl}${path}`, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      // undici 7 retries a proxy tunnel whose socket closes without a response, with no timeout of
      // its own, so the whole request is bounded as well.
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.body.text();
    sink.debug(
      `POST ${profile.apiUrl}${path} grant_type=${fields.grant_type} → ${response.statusCode} ` +
        `in ${Date.now() - started} ms`,
    );
    return parseTokenResponse(response.statusCode, text);
  } catch (error) {
    sink.debug(`POST ${profile.apiUrl}${path} failed after ${Date.now() - started} ms`);
    const detail = error instanceof Error ? error.message : String(error);
    throw new NetworkError(
      `Could not reach the eMJPM token endpoint at ${profile.apiUrl}: ${detail}.`,
      {
        method: 'POST',
        path,
        hint: 'Check the network connection and the proxy variables (`emjpm doctor` shows both).',
        cause: error,
      },
    );
  } finally {
    await dispatcher.close();
  }
}

/** Reads a token endpoint response; a 200 without both tokens counts as a `server_error`. */
export function parseTokenResponse(status: number, text: string): TokenEndpointResult {
  const data = parseJsonObject(text);
  if (status === 200 && data) {
    const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = data;
    if (
      typeof accessToken === 'string' &&
      accessToken &&
      typeof refreshToken === 'string' &&
      refreshToken
    ) {
      const expiresInSeconds = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 3600;
      return { ok: true, grant: { accessToken, refreshToken, expiresInSeconds } };
    }
  }
  let error = status === 200 ? 'server_error' : `http_${status}`;
  if (typeof data?.error === 'string') error = data.error;
  const description =
    typeof data?.error_description === 'string' ? data.error_description : undefined;
  return { ok: false, status, error, description };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(text);
    return typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Converts a grant into the records kept in the credential store, timed from `now` and marked
 * with the API URL and client id of the profile that requested it.
 */
export function toTokenRecords(
  grant: TokenGrant,
  now: number,
  profile: Pick<ResolvedProfile, 'apiUrl' | 'clientId'>,
): { access: AccessTokenRecord; refresh: RefreshTokenRecord } {
  const issuer = { apiUrl: profile.apiUrl, clientId: profile.clientId };
  return {
    access: { token: grant.accessToken, expiresAt: now + grant.expiresInSeconds * 1000, ...issuer },
    refresh: {
      token: grant.refreshToken,
      issuedAt: now,
      expiresAt: now + refreshTokenLifetimeMs,
      ...issuer,
    },
  };
}
