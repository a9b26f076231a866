import { request } from 'undici';

/** What the OAuth helpers need of a sandbox started with `autoApprove`. */
export interface OAuthSandbox {
  apiUrl: string;
  appUrl: string;
  editor: { clientId: number; clientSecret: string; redirectUris: string[] };
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

/**
 * Plays the authorization-code flow over HTTP against a sandbox started with `autoApprove`:
 * requests the consent URL without following the redirect, reads `code` from `Location`, and
 * exchanges it at `/api/oauth/token`. Returns the token pair of the auto-approved user.
 */
export async function obtainTokens(sandbox: OAuthSandbox): Promise<TokenPair> {
  const redirectUri = sandbox.editor.redirectUris[0] ?? '';
  const state = `state-${Math.random().toString(36).slice(2)}`;
  const authorizationUrl = new URL('/application/authorization', sandbox.appUrl);
  authorizationUrl.search = new URLSearchParams({
    client_id: String(sandbox.editor.clientId),
    redirect_uri: redirectUri,
    state,
  }).toString();

  const consent = await request(authorizationUrl, { method: 'GET' });
  await consent.body.dump();
  const location = consent.headers.location;
  if (consent.statusCode !== 302 || typeof location !== 'string') {
    throw new Error(`Expected a 302 redirect with a code, got ${consent.statusCode}; was the sandbox started with autoApprove?`);
  }
  const callback = new URL(location);
  const code = callback.searchParams.get('code');
  if (code === null || callback.searchParams.get('state') !== state) {
    throw new Error('The redirect carries no code or a different state.');
  }

  const exchange = await request(new URL('/api/oauth/token', sandbox.apiUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: String(sandbox.editor.clientId),
      client_secret: sandbox.editor.clientSecret,
    }).toString(),
  });
  const tokens = (await exchange.body.json()) as TokenPair;
  if (exchange.statusCode !== 200) throw new Error(`Token exchange failed with ${exchange.statusCode}.`);
  return tokens;
}

/** Returns an access token of the auto-approved user, for `EMJPM_ACCESS_TOKEN`. */
export async function obtainAccessToken(sandbox: OAuthSandbox): Promise<string> {
  return (await obtainTokens(sandbox)).access_token;
}
