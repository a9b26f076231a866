import { request } from 'node:http';
import { deflateSync, gzipSync } from 'node:zlib';

import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { call, editors, mesureBody, rgSequence, startTestSandbox } from './helpers.js';

import type { Sandbox } from '../../src/sandbox/index.js';

// Production parses bodies with body-parser 1.x and routes with Express 4. Every parser failure
// becomes its 500 body, and routing works on the raw path.

const INTERNAL_ERROR = { error: 'Une erreur est survenue, veuillez réessayer plus tard' };

let sandbox: Sandbox;
let token: string;
const freshRg = rgSequence('Q');

beforeEach(async () => {
  sandbox = await startTestSandbox({ rateLimit: 360 });
  token = sandbox.issueTokens(sandbox.users[0]!.login).access_token;
});

afterEach(async () => {
  await sandbox.close();
});

function postMesure(rawBody: string | Buffer, headers: Record<string, string> = {}) {
  const { 'content-type': contentType, ...others } = headers;
  return editors(sandbox, token, 'POST', '/mesures', { rawBody, contentType, headers: others });
}

/** Sends a GET with the path exactly as given, which URL-based clients would normalise. */
function getRawPath(path: string): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(sandbox.apiUrl);
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${token}` };
    const outgoing = request({ hostname, port, path, headers });
    outgoing.on('response', (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (text += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, text }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function mesureJson(): string {
  return JSON.stringify(mesureBody({ numero_rg: freshRg() }));
}

describe('JSON body text', () => {
  test('blank body is 500', async () => {
    const response = await postMesure('  \n ');
    expect(response.status).toBe(500);
    expect(response.json()).toEqual(INTERNAL_ERROR);
  });

  test('leading no-break space is 500', async () => {
    const response = await postMesure(`\u00a0${mesureJson()}`);
    expect(response.status).toBe(500);
  });

  test('byte-order mark is dropped', async () => {
    const response = await postMesure(`\ufeff${mesureJson()}`);
    expect(response.status).toBe(201);
  });

  test('empty body is an empty object', async () => {
    const response = await postMesure('');
    expect(response.status).toBe(422);
    expect(response.json().errors[0].msg).toBe('siret is not valid');
  });
});

describe('JSON body charsets', () => {
  test('UTF-16 body is decoded', async () => {
    const response = await postMesure(Buffer.from(`\ufeff${mesureJson()}`, 'utf16le'), {
      'content-type': 'application/json; charset=utf-16',
    });
    expect(response.status).toBe(201);
  });

  test('unknown utf charset is 500', async () => {
    const response = await postMesure(mesureJson(), {
      'content-type': 'application/json; charset=utf-99',
    });
    expect(response.status).toBe(500);
  });

  test('latin1 charset is 500', async () => {
    const response = await postMesure(mesureJson(), {
      'content-type': 'application/json; charset=iso-8859-1',
    });
    expect(response.status).toBe(500);
  });

  test('UTF-16 form is 500', async () => {
    const response = await call(sandbox, 'POST', '/api/oauth/token', {
      rawBody: Buffer.from('grant_type=refresh_token', 'utf16le'),
      contentType: 'application/x-www-form-urlencoded; charset=utf-16',
    });
    expect(response.status).toBe(500);
    expect(response.json()).toEqual(INTERNAL_ERROR);
  });
});

describe('compressed bodies', () => {
  test('gzip body is inflated', async () => {
    const response = await postMesure(gzipSync(mesureJson()), { 'content-encoding': 'gzip' });
    expect(response.status).toBe(201);
  });

  test('deflate body is inflated', async () => {
    const response = await postMesure(deflateSync(mesureJson()), {
      'content-encoding': 'deflate',
    });
    expect(response.status).toBe(201);
  });

  test('unknown encoding is 500', async () => {
    const response = await postMesure(mesureJson(), { 'content-encoding': 'br' });
    expect(response.status).toBe(500);
  });

  test('corrupt gzip is 500', async () => {
    const response = await postMesure('not gzip at all', { 'content-encoding': 'gzip' });
    expect(response.status).toBe(500);
  });

  test('inflated size over 10 MB is 500', async () => {
    const padded = JSON.stringify({ mesures: [], padding: ' '.repeat(11 * 1024 * 1024) });
    const response = await editors(sandbox, token, 'POST', '/mesures/batch', {
      rawBody: gzipSync(padded),
      headers: { 'content-encoding': 'gzip' },
    });
    expect(response.status).toBe(500);
  });
});

describe('raw paths', () => {
  test('prefix is case-insensitive', async () => {
    const response = await call(sandbox, 'GET', '/API/Editors/mesures', { token });
    expect(response.status).toBe(200);
    expect(response.headers['x-ratelimit-limit']).toBe('360');
  });

  test('dot segments are not resolved', async () => {
    const response = await getRawPath('/api/editors/x/../mesures');
    expect(response.status).toBe(404);
    expect(response.text).toContain('<pre>Cannot GET /api/editors/x/../mesures</pre>');
  });

  test('double leading slash stays a path', async () => {
    const response = await call(sandbox, 'GET', '//api/editors/mesures', { token });
    expect(response.status).toBe(404);
    expect(response.text).toContain('<pre>Cannot GET //api/editors/mesures</pre>');
  });

  test('token route takes a trailing slash', async () => {
    const response = await call(sandbox, 'POST', '/api/oauth/token/', {
      rawBody: 'grant_type=refresh_token',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(400);
    expect(response.json().error).toBe('invalid_client');
  });

  test('undecodable id is 500', async () => {
    const response = await editors(sandbox, token, 'GET', '/mesures/%E0');
    expect(response.status).toBe(500);
    expect(response.json()).toEqual(INTERNAL_ERROR);
  });

  test('__proto__ query key is a plain field', async () => {
    const response = await editors(sandbox, token, 'GET', '/mesures?__proto__=a&__proto__=b');
    expect(response.status).toBe(200);
    expect(response.json().mesures.length).toBeGreaterThan(0);
  });
});
