import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { call, isStillPending, REDIRECT_URI, startTestSandbox, tokenRequest } from './helpers.js';
import { consentFields, obtainCode, postAuthorize } from './oauth-flow.js';

import type { Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startTestSandbox();
});

afterEach(async () => {
  await sandbox.close();
});


async function authorize(extra: Record<string, string>) {
  return postAuthorize(sandbox, await consentFields(sandbox, extra));
}

function exchangeFields(code: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: String(sandbox.editor.clientId),
    client_secret: sandbox.editor.clientSecret,
    ...extra,
  };
}

describe('authorize client_id forms', () => {
  test('empty client_id is invalid_request', async () => {
    const response = await authorize({ client_id: '' });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Missing parameter: `client_id`',
    });
  });

  test('non-ASCII client_id is invalid_request', async () => {
    const response = await authorize({ client_id: 'é' });
    expect(response.status).toBe(400);
    expect(response.json().error).toBe('invalid_request');
  });

  test('negative client_id is unknown client', async () => {
    const response = await authorize({ client_id: '-1' });
    expect(response.status).toBe(400);
    expect(response.json().error).toBe('invalid_client');
  });

  test('zero-padded client_id names the editor', async () => {
    const response = await authorize({ client_id: '01' });
    expect(response.status).toBe(302);
  });

  test('out-of-range client_id hangs', async () => {
    const pending = authorize({ client_id: '99999999999' });
    expect(await isStillPending(pending)).toBe(true);
  });

  test('decimal client_id hangs', async () => {
    const pending = authorize({ client_id: '1.5' });
    expect(await isStillPending(pending)).toBe(true);
  });

  test('malformed redirect_uri answers before hanging', async () => {
    const fields = await consentFields(sandbox, { client_id: 'abc', redirect_uri: 'not a uri' });
    const response = await postAuthorize(sandbox, fields);
    expect(response.status).toBe(400);
    expect(response.json().error_description).toBe(
      'Invalid request: `redirect_uri` is not a valid URI',
    );
  });

  test('zero-padded client_id at token endpoint', async () => {
    const code = await obtainCode(sandbox, sandbox.users[0]!);
    const response = await tokenRequest(sandbox, exchangeFields(code, { client_id: '01' }));
    expect(response.status).toBe(200);
  });
});

describe('authorize redirect body', () => {
  test('is text without Accept', async () => {
    const response = await postAuthorize(sandbox, await consentFields(sandbox));
    const location = String(response.headers.location);
    expect(response.status).toBe(302);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.text).toBe(`Found. Redirecting to ${location}`);
  });

  test('is HTML for a browser', async () => {
    const fields = await consentFields(sandbox, { state: 'a&b' });
    const response = await call(sandbox, 'POST', '/api/oauth/authorize', {
      rawBody: new URLSearchParams(fields).toString(),
      contentType: 'application/x-www-form-urlencoded',
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });
    const escaped = String(response.headers.location).replace(/&/g, '&amp;');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toBe(
      `<p>Found. Redirecting to <a href="${escaped}">${escaped}</a></p>`,
    );
  });

  test('is empty when Accept allows neither', async () => {
    const fields = await consentFields(sandbox);
    const response = await call(sandbox, 'POST', '/api/oauth/authorize', {
      rawBody: new URLSearchParams(fields).toString(),
      contentType: 'application/x-www-form-urlencoded',
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(302);
    expect(response.text).toBe('');
    expect(response.headers['content-type']).toBeUndefined();
  });
});

describe('code exchange order', () => {
  test('wrong redirect_uri keeps the code usable', async () => {
    const code = await obtainCode(sandbox, sandbox.users[0]!);
    const wrong = await tokenRequest(
      sandbox,
      exchangeFields(code, { redirect_uri: 'http://127.0.0.1:8765/other' }),
    );
    expect(wrong.status).toBe(400);
    const retry = await tokenRequest(sandbox, exchangeFields(code));
    expect(retry.status).toBe(200);
  });
});

describe('concurrent refreshes', () => {
  test('only one refresh wins', async () => {
    const pair = sandbox.issueTokens(sandbox.users[0]!.login);
    const fields = {
      grant_type: 'refresh_token',
      refresh_token: pair.refresh_token,
      client_id: String(sandbox.editor.clientId),
      client_secret: sandbox.editor.clientSecret,
    };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => tokenRequest(sandbox, fields)),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 400, 400, 400, 400]);
    for (const response of responses.filter((candidate) => candidate.status === 400)) {
      expect(response.json()).toEqual({
        error: 'invalid_grant',
        error_description: 'Invalid grant: refresh token is invalid',
      });
    }
  });
});
