/**
 * Returns the loopback redirect URI registered with eMJPM. The host is the literal 127.0.0.1, as
 * is the address the callback server binds, because eMJPM compares redirect URIs as strings and
 * `localhost` may resolve to ::1.
 */
export function buildRedirectUri(port: number, path: string): string {
  return `http://127.0.0.1:${port}${path}`;
}

/**
 * Returns the consent page URL, `{appUrl}/application/authorization`. eMJPM ignores
 * `code_challenge` today; it is sent so the flow keeps working when the server adds PKCE.
 */
export function buildAuthorizeUrl(options: {
  appUrl: string;
  clientId: number;
  redirectUri: string;
  state: string;
  codeChallenge: string;
}): string {
  const query = new URLSearchParams({
    client_id: String(options.clientId),
    redirect_uri: options.redirectUri,
    state: options.state,
    code_challenge: options.codeChallenge,
    code_challenge_method: 'S256',
  });
  return `${options.appUrl}/application/authorization?${query.toString()}`;
}
