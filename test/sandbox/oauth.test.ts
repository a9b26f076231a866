import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import {
  call,
  editors,
  isStillPending,
  REDIRECT_URI,
  startTestSandbox,
  tokenRequest,
} from './helpers.js';
import { consentFields, logIn, obtainCode, postAuthorize } from './oauth-flow.js';

import type { Sandbox } from '../../src/sandbox/index.js';

const HEX_40 = /^[0-9a-f]{40}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

let sandbox: Sandbox;
let clock: number;

beforeEach(async () => {
  clock = Date.parse('2025-06-01T10:00:00Z');
  sandbox = await startTestSandbox({
    now: () => clock,
    redirectUris: ['http://localhost:3001'],
  });
});

afterEach(async () => {
  await sandbox.close();
});

function individual() {
  return sandbox.users[0]!;
}

function exchangeFields(code: string): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: String(sandbox.editor.clientId),
    client_secret: sandbox.editor.clientSecret,
  };
}

function refreshFields(refreshToken: string): Record<string, string> {
  return {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: String(sandbox.editor.clientId),
    client_secret: sandbox.editor.clientSecret,
  };
}

async function authorize(extra: Record<string, string>) {
  return postAuthorize(sandbox, await consentFields(sandbox, extra));
}

async function login(): Promise<{ access_token: string; refresh_token: string }> {
  const code = await obtainCode(sandbox, individual());
  const response = await tokenRequest(sandbox, exchangeFields(code));
  return response.json();
}


describe('authorization page', () => {
  test('shows login form without session', async () => {
    const response = await call(sandbox, 'GET', `/application/authorization?client_id=1&state=s`);
    expect(response.status).toBe(200);
    expect(response.text).toContain('Connexion à eMJPM');
    expect(response.text).toContain('name="password"');
  });

  test('rejects wrong password', async () => {
    const response = await call(sandbox, 'POST', '/application/authorization', {
      rawBody: new URLSearchParams({ login: individual().login, password: 'wrong' }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('Identifiant ou mot de passe incorrect');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  test('shows consent card after login', async () => {
    const session = await logIn(sandbox, individual().login, individual().password);
    const query = `client_id=1&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&state=xyz`;
    const response = await call(sandbox, 'GET', `/application/authorization?${query}`, {
      headers: { cookie: `emjpm_sandbox_session=${session}` },
    });
    expect(response.text).toContain(
      `Autoriser ${sandbox.editor.name} à accéder à votre compte eMJPM`,
    );
    expect(response.text).toContain(`name="access_token" value="${session}"`);
    expect(response.text).toContain('action="/api/oauth/authorize"');
    expect(response.text).toContain('name="state" value="xyz"');
  });

  test('refusal link carries no state', async () => {
    const session = await logIn(sandbox, individual().login, individual().password);
    const query = `client_id=1&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&state=xyz`;
    const response = await call(sandbox, 'GET', `/application/authorization?${query}`, {
      headers: { cookie: `emjpm_sandbox_session=${session}` },
    });
    const href = /id="deny" href="([^"]+)"/.exec(response.text)?.[1]?.replace(/&amp;/g, '&');
    expect(href).toBe(
      `${REDIRECT_URI}?error_reason=user_denied&error=access_denied&error_description=Permissions+error`,
    );
  });
});

describe('authorization page sessions', () => {
  test('unknown client shows error card', async () => {
    const session = await logIn(sandbox, individual().login, individual().password);
    const response = await call(sandbox, 'GET', '/application/authorization?client_id=42&state=s', {
      headers: { cookie: `emjpm_sandbox_session=${session}` },
    });
    expect(response.text).toContain('Application inconnue');
    expect(response.text).not.toContain('id="authorize"');
  });

  test('changing account ends the session', async () => {
    const session = await logIn(sandbox, individual().login, individual().password);
    const cookie = `emjpm_sandbox_session=${session}`;
    const logout = await call(sandbox, 'POST', '/application/authorization', {
      rawBody: new URLSearchParams({ action: 'logout', return_query: 'client_id=1' }).toString(),
      contentType: 'application/x-www-form-urlencoded',
      headers: { cookie },
    });
    expect(logout.status).toBe(303);
    expect(logout.headers.location).toBe('/application/authorization?client_id=1');
    expect(String(logout.headers['set-cookie'])).toContain('Max-Age=0');
    const page = await call(sandbox, 'GET', '/application/authorization?client_id=1', {
      headers: { cookie },
    });
    expect(page.text).toContain('Connexion à eMJPM');
  });

  test('session token is not an API token', async () => {
    const session = await logIn(sandbox, individual().login, individual().password);
    const response = await editors(sandbox, session, 'GET', '/mesures');
    expect(response.status).toBe(401);
  });

  test('counts authorize requests', async () => {
    await postAuthorize(sandbox, await consentFields(sandbox));
    expect(sandbox.stats.authorizeRequests).toBe(1);
  });
});

describe('POST /api/oauth/authorize', () => {
  test('redirects with code and state', async () => {
    const response = await postAuthorize(sandbox, await consentFields(sandbox));
    expect(response.status).toBe(302);
    const location = new URL(String(response.headers.location));
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('code')).toMatch(HEX_40);
    expect(location.searchParams.get('state')).toBe('abc');
  });

  test('adds slash after bare origin', async () => {
    const fields = await consentFields(sandbox, { redirect_uri: 'http://localhost:3001' });
    const response = await postAuthorize(sandbox, fields);
    expect(String(response.headers.location)).toMatch(
      /^http:\/\/localhost:3001\/\?code=[0-9a-f]{40}&state=abc$/,
    );
  });

  test('uses first registered URI when omitted', async () => {
    const { redirect_uri: _omitted, ...fields } = await consentFields(sandbox);
    const response = await postAuthorize(sandbox, fields);
    expect(String(response.headers.location).startsWith(`${REDIRECT_URI}?code=`)).toBe(true);
  });

  test('requires state', async () => {
    const response = await authorize({ state: '' });
    expect(response.status).toBe(400);
    expect(response.json().error).toBe('invalid_request');
  });

  test('rejects unknown client', async () => {
    const response = await authorize({ client_id: '999' });
    expect(response.status).toBe(400);
    expect(response.json().error).toBe('invalid_client');
  });

  test('rejects unregistered redirect URIs', async () => {
    for (const uri of [
      'http://127.0.0.1:8766/callback',
      'http://127.0.0.1:8765/other',
      'http://localhost:8765/callback',
      'http://127.0.0.1:8765/callback/',
    ]) {
      const response = await authorize({ redirect_uri: uri });
      expect(response.status, uri).toBe(400);
      expect(response.json().error, uri).toBe('invalid_client');
    }
  });

  test('rejects response_type token', async () => {
    const response = await authorize({ response_type: 'token' });
    expect(response.status).toBe(400);
    expect(response.json().error).toBe('unsupported_response_type');
  });

  test('rejects invalid session token', async () => {
    const response = await authorize({ access_token: 'f'.repeat(40) });
    expect(response.status).toBe(401);
    expect(response.json().error).toBe('invalid_token');
  });

  test('hangs on non-integer client_id', async () => {
    const pending = authorize({ client_id: 'abc' });
    expect(await isStillPending(pending)).toBe(true);
  });

  test('GET is 404', async () => {
    const response = await call(sandbox, 'GET', '/api/oauth/authorize?client_id=1');
    expect(response.status).toBe(404);
    expect(response.text).toContain('Cannot GET /api/oauth/authorize');
  });

  test('ignores PKCE parameters', async () => {
    const code = await obtainCode(sandbox, individual(), {
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const response = await tokenRequest(sandbox, {
      ...exchangeFields(code),
      code_verifier: 'x'.repeat(43),
    });
    expect(response.status).toBe(200);
  });
});

describe('auto-approved authorization page', () => {
  test('redirects straight with code', async () => {
    const auto = await startTestSandbox({ autoApprove: true });
    try {
      const query = `client_id=1&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&state=s1`;
      const response = await call(auto, 'GET', `/application/authorization?${query}`);
      expect(response.status).toBe(302);
      const location = new URL(String(response.headers.location));
      expect(location.searchParams.get('code')).toMatch(HEX_40);
      expect(location.searchParams.get('state')).toBe('s1');
    } finally {
      await auto.close();
    }
  });

  test('keeps the authorize checks', async () => {
    const auto = await startTestSandbox({ autoApprove: true });
    try {
      const noState = await call(auto, 'GET', `/application/authorization?client_id=1`);
      expect(noState.status).toBe(400);
      expect(noState.json().error).toBe('invalid_request');
      const wrongUri = await call(
        auto,
        'GET',
        `/application/authorization?client_id=1&state=s&redirect_uri=${encodeURIComponent('http://127.0.0.1:1/x')}`,
      );
      expect(wrongUri.json().error).toBe('invalid_client');
    } finally {
      await auto.close();
    }
  });

  test('approves as the named user', async () => {
    const auto = await startTestSandbox({ autoApprove: 'marc.durand@example.org' });
    try {
      const response = await call(auto, 'GET', `/application/authorization?client_id=1&state=s`);
      const code = new URL(String(response.headers.location)).searchParams.get('code')!;
      const tokens = await tokenRequest(auto, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: '1',
        client_secret: auto.editor.clientSecret,
      });
      const antennes = await editors(auto, tokens.json().access_token, 'GET', '/service-antennes');
      expect(antennes.json().antennes).toHaveLength(3);
    } finally {
      await auto.close();
    }
  });

  test('rejects unknown auto-approve login', async () => {
    await expect(startTestSandbox({ autoApprove: 'nobody@example.org' })).rejects.toThrow(
      /nobody@example.org/,
    );
  });
});

describe('POST /api/oauth/token', () => {
  test('exchanges code for token pair', async () => {
    const code = await obtainCode(sandbox, individual());
    const response = await tokenRequest(sandbox, exchangeFields(code));
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'expires_in',
      'refresh_token',
      'token_type',
    ]);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(86399);
    expect(body.access_token).toMatch(HEX_40);
    expect(body.refresh_token).toMatch(HEX_40);
  });

  test('issued token opens editors API', async () => {
    const tokens = await login();
    const response = await editors(sandbox, tokens.access_token, 'GET', '/mesures');
    expect(response.status).toBe(200);
  });

  test('accepts HTTP Basic client credentials', async () => {
    const code = await obtainCode(sandbox, individual());
    const { client_id: _id, client_secret: _secret, ...fields } = exchangeFields(code);
    const basic = Buffer.from(`${sandbox.editor.clientId}:${sandbox.editor.clientSecret}`).toString(
      'base64',
    );
    const response = await tokenRequest(sandbox, fields, { authorization: `Basic ${basic}` });
    expect(response.status).toBe(200);
  });

  test('wrong secret in form is 400', async () => {
    const code = await obtainCode(sandbox, individual());
    const response = await tokenRequest(sandbox, {
      ...exchangeFields(code),
      client_secret: 'nope',
    });
    expect(response.status).toBe(400);
    expect(response.json().error).toBe('invalid_client');
    expect(response.headers['www-authenticate']).toBeUndefined();
  });

  test('wrong secret with Basic is 401', async () => {
    const code = await obtainCode(sandbox, individual());
    const { client_id: _id, client_secret: _secret, ...fields } = exchangeFields(code);
    const basic = Buffer.from(`${sandbox.editor.clientId}:nope`).toString('base64');
    const response = await tokenRequest(sandbox, fields, { authorization: `Basic ${basic}` });
    expect(response.status).toBe(401);
    expect(response.json().error).toBe('invalid_client');
    expect(response.headers['www-authenticate']).toBe('Basic realm="Service"');
  });

  test('missing secret is invalid_client', async () => {
    const code = await obtainCode(sandbox, individual());
    const { client_secret: _secret, ...fields } = exchangeFields(code);
    const response = await tokenRequest(sandbox, fields);
    expect(response.status).toBe(400);
    expect(response.json().error).toBe('invalid_client');
  });

  test('unknown client is invalid_client', async () => {
    const code = await obtainCode(sandbox, individual());
    const response = await tokenRequest(sandbox, { ...exchangeFields(code), client_id: '7' });
    expect(response.status).toBe(400);
    expect(response.json().error).toBe('invalid_client');
  });

  test('rejects JSON body', async () => {
    const code = await obtainCode(sandbox, individual());
    const response = await call(sandbox, 'POST', '/api/oauth/token', {
      body: exchangeFields(code),
    });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Invalid request: content must be application/x-www-form-urlencoded',
    });
  });

  test('different redirect_uri is invalid_request', async () => {
    const code = await obtainCode(sandbox, individual());
    const response = await tokenRequest(sandbox, {
      ...exchangeFields(code),
      redirect_uri: 'http://localhost:3001',
    });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Invalid request: `redirect_uri` is invalid',
    });
  });

  test('missing redirect_uri is invalid_request', async () => {
    const code = await obtainCode(sandbox, individual());
    const { redirect_uri: _uri, ...fields } = exchangeFields(code);
    const response = await tokenRequest(sandbox, fields);
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Invalid request: `redirect_uri` is not a valid URI',
    });
  });

  test('code expires after five minutes', async () => {
    const code = await obtainCode(sandbox, individual());
    clock += 5 * 60 * 1000 + 1000;
    const response = await tokenRequest(sandbox, exchangeFields(code));
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid grant: authorization code has expired',
    });
  });

  test('code still valid before five minutes', async () => {
    const code = await obtainCode(sandbox, individual());
    clock += 5 * 60 * 1000 - 1000;
    const response = await tokenRequest(sandbox, exchangeFields(code));
    expect(response.status).toBe(200);
  });

  test('unknown code is 503 server_error', async () => {
    const response = await tokenRequest(sandbox, exchangeFields('0'.repeat(40)));
    expect(response.status).toBe(503);
    expect(response.json().error).toBe('server_error');
  });

  test('used code is invalid_grant', async () => {
    const code = await obtainCode(sandbox, individual());
    await tokenRequest(sandbox, exchangeFields(code));
    const response = await tokenRequest(sandbox, exchangeFields(code));
    expect(response.status).toBe(400);
    expect(response.json().error).toBe('invalid_grant');
  });

  test('unsupported grant types', async () => {
    const cases: [string, string][] = [
      ['foo', 'unsupported_grant_type'],
      ['client_credentials', 'unauthorized_client'],
      ['password', 'unauthorized_client'],
    ];
    for (const [grantType, error] of cases) {
      const response = await tokenRequest(sandbox, {
        grant_type: grantType,
        client_id: '1',
        client_secret: sandbox.editor.clientSecret,
      });
      expect(response.status, grantType).toBe(400);
      expect(response.json().error, grantType).toBe(error);
    }
  });

  test('counts requests by grant type', async () => {
    const tokens = await login();
    await tokenRequest(sandbox, refreshFields(tokens.refresh_token));
    await tokenRequest(sandbox, refreshFields('f'.repeat(40)));
    expect(sandbox.stats.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 2 });
  });

  test('is not rate-limited', async () => {
    const limited = await startTestSandbox({ rateLimit: 1 });
    try {
      for (let index = 0; index < 4; index += 1) {
        const response = await call(limited, 'POST', '/api/oauth/token', { body: {} });
        expect(response.status).toBe(400);
        expect(response.headers['x-ratelimit-limit']).toBeUndefined();
      }
    } finally {
      await limited.close();
    }
  });
});

describe('refresh_token grant', () => {
  test('rotates the pair', async () => {
    const first = await login();
    const response = await tokenRequest(sandbox, refreshFields(first.refresh_token));
    expect(response.status).toBe(200);
    const second = response.json();
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await editors(sandbox, second.access_token, 'GET', '/mesures')).status).toBe(200);
  });

  test('revokes old access token at once', async () => {
    const first = await login();
    await tokenRequest(sandbox, refreshFields(first.refresh_token));
    const response = await editors(sandbox, first.access_token, 'GET', '/mesures');
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({
      error: 'invalid_token',
      error_description: 'Invalid token: access token is invalid',
    });
  });

  test('old refresh token is invalid_grant', async () => {
    const first = await login();
    await tokenRequest(sandbox, refreshFields(first.refresh_token));
    const response = await tokenRequest(sandbox, refreshFields(first.refresh_token));
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid grant: refresh token is invalid',
    });
  });

  test('requires client secret', async () => {
    const first = await login();
    const { client_secret: _secret, ...fields } = refreshFields(first.refresh_token);
    const response = await tokenRequest(sandbox, fields);
    expect(response.status).toBe(400);
    expect(response.json().error).toBe('invalid_client');
  });

  test('refresh token expires after 14 days', async () => {
    const first = await login();
    clock += 14 * DAY_MS + 1000;
    const response = await tokenRequest(sandbox, refreshFields(first.refresh_token));
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid grant: refresh token has expired',
    });
  });
});

describe('token lifetimes and pairs', () => {
  test('access token expires after 24 hours', async () => {
    const tokens = await login();
    clock += DAY_MS - 1000;
    expect((await editors(sandbox, tokens.access_token, 'GET', '/mesures')).status).toBe(200);
    clock += 2000;
    const response = await editors(sandbox, tokens.access_token, 'GET', '/mesures');
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({
      error: 'invalid_token',
      error_description: 'Invalid token: access token has expired',
    });
  });

  test('second login revokes first pair', async () => {
    const first = await login();
    const second = await login();
    expect((await editors(sandbox, first.access_token, 'GET', '/mesures')).status).toBe(401);
    expect((await tokenRequest(sandbox, refreshFields(first.refresh_token))).status).toBe(400);
    expect((await editors(sandbox, second.access_token, 'GET', '/mesures')).status).toBe(200);
  });

  test('other user keeps their pair', async () => {
    const service = sandbox.users[1]!;
    const serviceCode = await obtainCode(sandbox, service);
    const serviceTokens = (await tokenRequest(sandbox, exchangeFields(serviceCode))).json();
    await login();
    expect((await editors(sandbox, serviceTokens.access_token, 'GET', '/mesures')).status).toBe(
      200,
    );
  });
});
