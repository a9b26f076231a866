import { createServer } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { NetworkError } from '../../src/api/types.js';
import { exchangeCode, parseTokenResponse } from '../../src/auth/token-endpoint.js';
import { codeExchangeError } from '../../src/auth/token-errors.js';
import { ExitCode } from '../../src/cli/errors.js';
import { createMemorySink } from '../../src/output/sink.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { sandboxProfile } from './fixtures.js';

import type { AddressInfo } from 'node:net';

import type { Sandbox } from '../../src/sandbox/index.js';

describe('token endpoint', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  function context(clientSecret = sandbox.editor.clientSecret, env: NodeJS.ProcessEnv = {}) {
    return { profile: sandboxProfile(sandbox), clientSecret, env, sink: createMemorySink() };
  }

  const grant = {
    code: 'f'.repeat(40),
    redirectUri: 'http://127.0.0.1:8765/callback',
    codeVerifier: 'v'.repeat(43),
  };

  it('fails the login on an unknown code without retrying', async () => {
    const before = sandbox.stats.tokenRequests.authorization_code ?? 0;
    const result = await exchangeCode(context(), grant);
    expect(result).toMatchObject({ ok: false, status: 503, error: 'server_error' });
    expect(sandbox.stats.tokenRequests.authorization_code).toBe(before + 1);
  });

  it('maps an unknown code to a failed login', async () => {
    const result = await exchangeCode(context(), grant);
    if (result.ok) throw new Error('expected a failure');
    const error = codeExchangeError(result);
    expect(error.exitCode).toBe(ExitCode.authentication);
    expect(error.message).toContain('did not accept the authorization code');
  });

  it('maps invalid_client to a client id and secret check', async () => {
    const result = await exchangeCode(context('wrong'), grant);
    if (result.ok) throw new Error('expected a failure');
    expect(codeExchangeError(result).hint).toContain('EMJPM_CLIENT_SECRET');
  });

  it('never logs the secret or the code', async () => {
    const sink = createMemorySink();
    await exchangeCode({ ...context(), sink }, grant);
    expect(sink.lines.join('\n')).not.toContain(sandbox.editor.clientSecret);
    expect(sink.lines.join('\n')).not.toContain(grant.code);
  });

  it('sends the request through HTTP_PROXY', async () => {
    const seen: string[] = [];
    const proxy = createServer((request, response) => {
      seen.push(`${request.method} ${request.url}`);
      response.writeHead(502).end();
    });
    proxy.on('connect', (request, socket) => {
      seen.push(`CONNECT ${request.url}`);
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      await exchangeCode(context(undefined, { HTTP_PROXY: proxyUrl }), grant).catch(
        (error: unknown) => {
          if (!(error instanceof NetworkError)) throw error;
        },
      );
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
    expect(seen[0]).toMatch(
      /^(CONNECT 127\.0\.0\.1:\d+|POST http:\/\/127\.0\.0\.1:\d+\/api\/oauth\/token)$/,
    );
  });
});

describe('token response parsing', () => {
  it('reads a grant', () => {
    const body = JSON.stringify({
      access_token: 'a',
      refresh_token: 'r',
      expires_in: 86399,
      token_type: 'Bearer',
    });
    expect(parseTokenResponse(200, body)).toEqual({
      ok: true,
      grant: { accessToken: 'a', refreshToken: 'r', expiresInSeconds: 86399 },
    });
  });

  it('treats a 200 without tokens as a server error', () => {
    expect(parseTokenResponse(200, '{}')).toMatchObject({ ok: false, error: 'server_error' });
  });

  it('reads an OAuth error', () => {
    const body = JSON.stringify({
      error: 'invalid_grant',
      error_description: 'refresh token is invalid',
    });
    expect(parseTokenResponse(400, body)).toEqual({
      ok: false,
      status: 400,
      error: 'invalid_grant',
      description: 'refresh token is invalid',
    });
  });

  it('names the status of a non-JSON error', () => {
    expect(parseTokenResponse(502, '<html>')).toMatchObject({ ok: false, error: 'http_502' });
  });
});
