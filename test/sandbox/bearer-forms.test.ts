import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { call, mesureBody, startTestSandbox } from './helpers.js';

import type { Sandbox } from '../../src/sandbox/index.js';

// Production runs oauth2-server 3, which finds the token with `/Bearer\s(\S+)/` and accepts it
// from one place only: the header, the query string or a form body.

let sandbox: Sandbox;
let token: string;

beforeEach(async () => {
  sandbox = await startTestSandbox();
  token = sandbox.issueTokens(sandbox.users[0]!.login).access_token;
});

afterEach(async () => {
  await sandbox.close();
});

function getMesures(authorization: string) {
  return call(sandbox, 'GET', '/api/editors/mesures', { headers: { authorization } });
}

describe('Authorization header forms', () => {
  test('words after the token are ignored', async () => {
    const response = await getMesures(`Bearer ${token} extra`);
    expect(response.status).toBe(200);
  });

  test('tab separator is accepted', async () => {
    const response = await getMesures(`Bearer\t${token}`);
    expect(response.status).toBe(200);
  });

  test('text before Bearer is ignored', async () => {
    const response = await getMesures(`Token Bearer ${token}`);
    expect(response.status).toBe(200);
  });

  test('any characters reach the lookup', async () => {
    const response = await getMesures('Bearer abc!*(');
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({
      error: 'invalid_token',
      error_description: 'Invalid token: access token is invalid',
    });
  });

  test('two spaces are malformed', async () => {
    const response = await getMesures(`Bearer  ${token}`);
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Invalid request: malformed authorization header',
    });
  });
});

describe('token places', () => {
  test('header and query together are rejected', async () => {
    const response = await call(sandbox, 'GET', `/api/editors/mesures?access_token=${token}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(400);
    expect(response.json().error_description).toBe(
      'Invalid request: only one authentication method is allowed',
    );
  });

  test('query token names the rule', async () => {
    const response = await call(sandbox, 'GET', `/api/editors/mesures?access_token=${token}`);
    expect(response.json().error_description).toBe(
      'Invalid request: do not send bearer tokens in query URLs',
    );
  });

  test('JSON body token needs a form', async () => {
    const response = await call(sandbox, 'POST', '/api/editors/mesures', {
      body: { ...mesureBody(), access_token: token },
    });
    expect(response.status).toBe(400);
    expect(response.json().error_description).toBe(
      'Invalid request: content must be application/x-www-form-urlencoded',
    );
  });

  test('JSON body token beside a header is rejected', async () => {
    const response = await call(sandbox, 'POST', '/api/editors/mesures', {
      token,
      body: { ...mesureBody(), access_token: token },
    });
    expect(response.status).toBe(400);
    expect(response.json().error).toBe('invalid_request');
  });

  test('form body token on GET is rejected', async () => {
    const response = await call(sandbox, 'GET', '/api/editors/mesures', {
      rawBody: new URLSearchParams({ access_token: token }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(400);
    expect(response.json().error_description).toBe(
      'Invalid request: token may not be passed in the body when using the GET verb',
    );
  });

  test('form body token authenticates DELETE', async () => {
    const response = await call(sandbox, 'DELETE', '/api/editors/mesures/1', {
      rawBody: new URLSearchParams({ access_token: token }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ affected_rows: 1 });
  });

  test('empty query token counts as none', async () => {
    const response = await call(sandbox, 'GET', '/api/editors/mesures?access_token=', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
  });
});
