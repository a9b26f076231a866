import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import {
  loginOptions,
  loginThroughCli,
  readStoredEntry,
  setStoredAccessExpiry,
  startLoginSandbox,
} from '../auth/cli-login.js';
import { apiStatus } from '../auth/fixtures.js';
import { createTempHome, removeTempHomes, runCli } from '../support/cli.js';

import type { Sandbox } from '../../src/sandbox/index.js';
import type { CliResult } from '../support/cli.js';

describe('emjpm auth, logout and token refresh', () => {
  let sandbox: Sandbox;
  let port: number;
  let home: string;
  let login: string;

  beforeAll(async () => {
    ({ sandbox, port } = await startLoginSandbox());
    login = sandbox.users[0]!.login;
  });

  afterAll(async () => {
    await sandbox.close();
    await removeTempHomes();
  });

  beforeEach(async () => {
    home = await createTempHome();
    const result = await loginThroughCli(sandbox, home, port);
    if (result.exitCode !== 0) throw new Error(`login failed: ${result.stderr}`);
    sandbox.stats.reset();
  });

  const run = (args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> =>
    runCli(args, loginOptions(sandbox, home, port, env));

  it('shows the status without a token', async () => {
    const result = await run(['auth', 'status']);
    const access = await readStoredEntry(home, 'default:access-token');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Access token expires:');
    expect(result.stdout).not.toContain((JSON.parse(access ?? '{}') as { token: string }).token);
  });

  it('shows the status as JSON', async () => {
    const status = JSON.parse((await run(['auth', 'status', '--json'])).stdout) as Record<
      string,
      unknown
    >;
    expect(status).toMatchObject({
      profile: 'default',
      env: 'custom',
      apiUrl: sandbox.apiUrl,
      loggedIn: true,
    });
    expect(status.refreshTokenAgeSeconds).toBeTypeOf('number');
  });

  it('prints the stored token', async () => {
    const stored = JSON.parse((await readStoredEntry(home, 'default:access-token')) ?? '{}') as {
      token: string;
    };
    expect((await run(['auth', 'token'])).stdout).toBe(`${stored.token}\n`);
  });

  it('refreshes a token close to expiry', async () => {
    const old = await setStoredAccessExpiry(home, 'default', new Date(Date.now() + 60_000));
    const token = (await run(['auth', 'token'])).stdout.trim();
    expect(token).not.toBe(old);
    expect(sandbox.stats.tokenRequests.refresh_token).toBe(1);
    expect(await apiStatus(sandbox, token)).toBe(200);
  });

  it('refreshes once for eight processes', async () => {
    await setStoredAccessExpiry(home, 'default', new Date(Date.now() - 1000));
    const results = await Promise.all(Array.from({ length: 8 }, () => run(['auth', 'token'])));
    expect(results.map((result) => result.exitCode)).toEqual(Array(8).fill(0));
    expect(new Set(results.map((result) => result.stdout)).size).toBe(1);
    expect(sandbox.stats.tokenRequests.refresh_token).toBe(1);
  });

  it('refreshes after a 401 from the API', async () => {
    sandbox.faults.expireTokens(login);
    const result = await run(['doctor']);
    expect(result.exitCode).toBe(0);
    expect(sandbox.stats.tokenRequests.refresh_token).toBe(1);
  });

  it('refreshes after a 401 in an API command', async () => {
    sandbox.faults.expireTokens(login);
    const result = await run(['tribunaux', 'list', '--json']);
    expect(result.exitCode).toBe(0);
    expect(sandbox.stats.tokenRequests.refresh_token).toBe(1);
  });

  it('keeps tokens out of a --debug refresh', async () => {
    const old = await setStoredAccessExpiry(home, 'default', new Date(Date.now() - 1000));
    const result = await run(['--debug', 'doctor']);
    const fresh = JSON.parse((await readStoredEntry(home, 'default:access-token')) ?? '{}') as {
      token: string;
    };
    const refresh = JSON.parse((await readStoredEntry(home, 'default:refresh-token')) ?? '{}') as {
      token: string;
    };
    expect(result.stderr).toContain('Refreshing the access token');
    for (const secret of [old, fresh.token, refresh.token, sandbox.editor.clientSecret]) {
      expect(result.stderr).not.toContain(secret);
      expect(result.stdout).not.toContain(secret);
    }
  });

  it('signs out with exit 3 when the refresh token was revoked', async () => {
    await setStoredAccessExpiry(home, 'default', new Date(Date.now() - 1000));
    sandbox.faults.revokeTokens(login);
    const result = await run(['auth', 'token']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('emjpm login');
  });

  it('keeps tokens issued by another server', async () => {
    // A leftover EMJPM_API_URL, with the client secret of that other server.
    const other = await startSandbox();
    try {
      const env = { EMJPM_API_URL: other.apiUrl, EMJPM_CLIENT_SECRET: other.editor.clientSecret };
      const result = await run(['tribunaux', 'list', '--json'], env);
      expect(result.exitCode).toBe(3);
      expect(result.stderr).toContain(`were issued by ${sandbox.apiUrl}`);
      expect(result.stderr).toContain(`now uses ${other.apiUrl}`);
      expect(result.stderr).toContain('Unset EMJPM_API_URL');
      expect(other.stats.tokenRequests.refresh_token).toBeUndefined();
      expect(await readStoredEntry(home, 'default:refresh-token')).toBeDefined();
    } finally {
      await other.close();
    }
  });

  it('shows the server that issued the tokens', async () => {
    const result = await run(['auth', 'status'], { EMJPM_API_URL: 'http://127.0.0.1:9' });
    expect(result.stdout).toMatch(/^Tokens issued by:\s+http:\/\/127\.0\.0\.1:\d+ \(not the API URL/m);
    expect(result.stdout).toContain(sandbox.apiUrl);
  });

  it('uses the same tokens once the override is gone', async () => {
    const other = await startSandbox();
    await other.close();
    await run(['auth', 'token'], { EMJPM_API_URL: other.apiUrl });
    const result = await run(['tribunaux', 'list', '--json']);
    expect(result.exitCode).toBe(0);
  });

  it('logs out and says what it removed', async () => {
    const result = await run(['logout']);
    expect(result.stderr).toContain('Removed access-token, refresh-token');
    expect(await readStoredEntry(home, 'default:access-token')).toBeUndefined();
  });

  it('reports not logged in with exit 3', async () => {
    await run(['logout']);
    const result = await run(['auth', 'status']);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toContain('Logged in:');
  });

  it('uses EMJPM_ACCESS_TOKEN over the store', async () => {
    const result = await run(['auth', 'token'], { EMJPM_ACCESS_TOKEN: 'from-the-environment' });
    expect(result.stdout).toBe('from-the-environment\n');
  });
});
