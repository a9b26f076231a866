import { call, REDIRECT_URI } from './helpers.js';

import type { Sandbox } from '../../src/sandbox/index.js';
import type { ApiResponse } from './helpers.js';

/** Logs a user in on the web app page; returns the session token the consent form carries. */
export async function logIn(sandbox: Sandbox, login: string, password: string): Promise<string> {
  const response = await call(sandbox, 'POST', '/application/authorization', {
    rawBody: new URLSearchParams({ login, password, return_query: '' }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });
  const cookie = String(response.headers['set-cookie'] ?? '');
  const token = /emjpm_sandbox_session=([0-9a-f]+)/.exec(cookie)?.[1];
  if (response.status !== 303 || !token) {
    throw new Error(`Login failed with status ${response.status}.`);
  }
  return token;
}

/** Posts the consent form as *Autoriser* does. */
export function postAuthorize(
  sandbox: Sandbox,
  fields: Record<string, string>,
): Promise<ApiResponse> {
  return call(sandbox, 'POST', '/api/oauth/authorize', {
    rawBody: new URLSearchParams(fields).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });
}

/** Logs a user in and authorises the editor; returns the code from the redirect. */
export async function obtainCode(
  sandbox: Sandbox,
  user: { login: string; password: string },
  extra: Record<string, string> = {},
): Promise<string> {
  const session = await logIn(sandbox, user.login, user.password);
  const response = await postAuthorize(sandbox, {
    response_type: 'code',
    client_id: String(sandbox.editor.clientId),
    redirect_uri: sandbox.editor.redirectUris[0]!,
    state: 'state-1',
    access_token: session,
    ...extra,
  });
  const location = String(response.headers.location ?? '');
  const code = new URL(location).searchParams.get('code');
  if (response.status !== 302 || !code) {
    throw new Error(`Authorization failed with status ${response.status}: ${response.text}`);
  }
  return code;
}

/** Logs the first user in; returns the consent form fields *Autoriser* posts, with `extra`. */
export async function consentFields(
  sandbox: Sandbox,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const user = sandbox.users[0]!;
  return {
    response_type: 'code',
    client_id: String(sandbox.editor.clientId),
    redirect_uri: REDIRECT_URI,
    state: 'abc',
    access_token: await logIn(sandbox, user.login, user.password),
    ...extra,
  };
}
