import { connect } from 'node:net';

import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { call, editors, mesureBody, startTestSandbox } from './helpers.js';

import type { Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
let token: string;
let clock: number;

beforeEach(async () => {
  clock = Date.parse('2025-06-01T10:00:00Z');
  sandbox = await startTestSandbox({ rateLimit: 360, now: () => clock });
  token = sandbox.issueTokens(sandbox.users[0]!.login).access_token;
});

afterEach(async () => {
  await sandbox.close();
});

describe('authentication forms', () => {
  test('no header is bare 401', async () => {
    const response = await call(sandbox, 'GET', '/api/editors/mesures');
    expect(response.status).toBe(401);
    expect(response.text).toBe('');
    expect(response.headers['www-authenticate']).toBeUndefined();
  });

  test('unknown token is invalid_token', async () => {
    const response = await editors(sandbox, 'a'.repeat(40), 'GET', '/mesures');
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({
      error: 'invalid_token',
      error_description: 'Invalid token: access token is invalid',
    });
  });

  test('malformed headers are invalid_request', async () => {
    for (const authorization of ['Bearer ', `bearer ${token}`, 'Basic dXNlcjpwYXNz', token]) {
      const response = await call(sandbox, 'GET', '/api/editors/mesures', {
        headers: { authorization },
      });
      expect(response.status, authorization).toBe(400);
      expect(response.json().error, authorization).toBe('invalid_request');
    }
  });

  test('token in query is invalid_request', async () => {
    const response = await call(sandbox, 'GET', `/api/editors/mesures?access_token=${token}`);
    expect(response.status).toBe(400);
    expect(response.json().error).toBe('invalid_request');
  });

  test('unknown route needs a token first', async () => {
    const response = await call(sandbox, 'GET', '/api/editors/unknown');
    expect(response.status).toBe(401);
  });
});

describe('bodies', () => {
  test('malformed JSON is 500 before auth', async () => {
    const response = await call(sandbox, 'POST', '/api/editors/mesures', {
      rawBody: '{"numero_rg":',
    });
    expect(response.status).toBe(500);
    expect(response.json()).toEqual({
      error: 'Une erreur est survenue, veuillez réessayer plus tard',
    });
  });

  test('JSON scalar is 500', async () => {
    const response = await editors(sandbox, token, 'POST', '/mesures', { rawBody: '"text"' });
    expect(response.status).toBe(500);
  });

  test('body over 10 MB is 500', async () => {
    const big = JSON.stringify({ mesures: [], padding: 'x'.repeat(10 * 1024 * 1024) });
    const response = await editors(sandbox, token, 'POST', '/mesures/batch', { rawBody: big });
    expect(response.status).toBe(500);
    expect(response.json().error).toBe('Une erreur est survenue, veuillez réessayer plus tard');
  });

  test('body just under 10 MB is read', async () => {
    const padding = 'x'.repeat(10 * 1024 * 1024 - 100);
    const response = await editors(sandbox, token, 'POST', '/mesures/batch', {
      rawBody: JSON.stringify({ mesures: [], padding }),
    });
    expect(response.status).toBe(201);
  });

  test('wrong or missing content-type is 400', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', null]) {
      const response = await editors(sandbox, token, 'POST', '/mesures', {
        rawBody: JSON.stringify(mesureBody()),
        contentType,
      });
      expect(response.status, String(contentType)).toBe(400);
      expect(response.json(), String(contentType)).toEqual({
        errors: [{ msg: "The content-type must be 'application/json'" }],
      });
    }
  });

  test('PUT checks content-type too', async () => {
    const response = await editors(sandbox, token, 'PUT', '/mesures/1', {
      rawBody: JSON.stringify(mesureBody()),
      contentType: 'text/plain',
    });
    expect(response.status).toBe(400);
  });

  test('charset parameter is accepted', async () => {
    const response = await editors(sandbox, token, 'POST', '/mesures', {
      body: mesureBody({ numero_rg: 'CHARSET1' }),
      contentType: 'application/json; charset=utf-8',
    });
    expect(response.status).toBe(201);
  });
});

describe('unknown routes', () => {
  test('404 with Express page', async () => {
    const response = await editors(sandbox, token, 'GET', '/unknown');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('<pre>Cannot GET /api/editors/unknown</pre>');
  });

  test('PUT without id is 404', async () => {
    const response = await editors(sandbox, token, 'PUT', '/mesures', { body: mesureBody() });
    expect(response.status).toBe(404);
    expect(response.text).toContain('Cannot PUT /api/editors/mesures');
  });

  test('outside the API is 404', async () => {
    const response = await call(sandbox, 'GET', '/nothing/here?x=1');
    expect(response.status).toBe(404);
    expect(response.text).toContain('Cannot GET /nothing/here</pre>');
  });
});

describe('rate limit', () => {
  test('headers on every response', async () => {
    const response = await editors(sandbox, token, 'GET', '/mesures');
    expect(response.headers['x-ratelimit-limit']).toBe('360');
    expect(response.headers['x-ratelimit-remaining']).toBe('359');
    expect(response.headers['x-ratelimit-reset']).toBe(String(Math.ceil((clock + 60_000) / 1000)));
  });

  test('headers on 401 too', async () => {
    const response = await call(sandbox, 'GET', '/api/editors/mesures');
    expect(response.headers['x-ratelimit-remaining']).toBe('359');
  });

  test('429 past the limit', async () => {
    sandbox.faults.rateLimit = 3;
    for (let index = 0; index < 3; index += 1) {
      expect((await editors(sandbox, token, 'GET', '/tribunaux')).status).toBe(200);
    }
    const response = await editors(sandbox, token, 'GET', '/tribunaux');
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('60');
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toBe('Too many requests, please try again later.');
    expect(response.headers['x-ratelimit-remaining']).toBe('0');
    expect(sandbox.stats.rateLimited).toBe(1);
  });

  test('counts before authentication', async () => {
    sandbox.faults.rateLimit = 2;
    await call(sandbox, 'GET', '/api/editors/mesures');
    await call(sandbox, 'GET', '/api/editors/mesures');
    const response = await editors(sandbox, token, 'GET', '/mesures');
    expect(response.status).toBe(429);
  });

  test('window resets after a minute', async () => {
    sandbox.faults.rateLimit = 1;
    await editors(sandbox, token, 'GET', '/tribunaux');
    expect((await editors(sandbox, token, 'GET', '/tribunaux')).status).toBe(429);
    clock += 60_000;
    const response = await editors(sandbox, token, 'GET', '/tribunaux');
    expect(response.status).toBe(200);
    expect(response.headers['x-ratelimit-reset']).toBe(String(Math.ceil((clock + 60_000) / 1000)));
  });

  test('window is fixed, not sliding', async () => {
    sandbox.faults.rateLimit = 1;
    clock += 59_000;
    await editors(sandbox, token, 'GET', '/tribunaux');
    clock += 2_000;
    expect((await editors(sandbox, token, 'GET', '/tribunaux')).status).toBe(200);
  });

  test('zero disables the limit', async () => {
    sandbox.faults.rateLimit = 0;
    const response = await editors(sandbox, token, 'GET', '/tribunaux');
    expect(response.headers['x-ratelimit-limit']).toBeUndefined();
  });

  test('default limit is 360', async () => {
    const defaults = await startTestSandbox({ rateLimit: undefined });
    try {
      expect(defaults.faults.rateLimit).toBe(360);
    } finally {
      await defaults.close();
    }
  });
});

describe('connections', () => {
  test('sends Keep-Alive timeout=5', async () => {
    const response = await editors(sandbox, token, 'GET', '/tribunaux');
    expect(response.headers['keep-alive']).toBe('timeout=5');
  });

  test('closes idle socket after 5 s', async () => {
    const url = new URL(sandbox.apiUrl);
    const socket = connect(Number(url.port), url.hostname);
    const started = Date.now();
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `GET /api/editors/tribunaux HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n\r\n`,
    );
    socket.resume();
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const idleMs = Date.now() - started;
    expect(idleMs).toBeGreaterThanOrEqual(4900);
    expect(idleMs).toBeLessThan(7000);
  }, 10_000);
});

describe('HEAD requests', () => {
  test('HEAD follows the GET route', async () => {
    const response = await editors(sandbox, token, 'HEAD', '/tribunaux');
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
  });
});
