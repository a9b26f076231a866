import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { loginOptions, loginThroughCli, startLoginSandbox } from '../auth/cli-login.js';
import { createTempHome, removeTempHomes, runCli } from '../support/cli.js';

import type { AddressInfo } from 'node:net';

import type { Sandbox } from '../../src/sandbox/index.js';
import type { CliResult } from '../support/cli.js';

interface DoctorReport {
  ok: boolean;
  checks: Array<{ name: string; status: string; message: string; hint?: string }>;
}

describe('emjpm doctor', () => {
  let sandbox: Sandbox;
  let port: number;
  let home: string;

  beforeAll(async () => {
    ({ sandbox, port } = await startLoginSandbox());
  });

  afterAll(async () => {
    await sandbox.close();
    await removeTempHomes();
  });

  beforeEach(async () => {
    home = await createTempHome();
  });

  const run = (args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> =>
    runCli(args, loginOptions(sandbox, home, port, env));

  async function report(env: Record<string, string | undefined> = {}): Promise<DoctorReport> {
    return JSON.parse((await run(['doctor', '--json'], env)).stdout) as DoctorReport;
  }

  function status(result: DoctorReport, name: string): string | undefined {
    return result.checks.find((check) => check.name === name)?.status;
  }

  it('passes after login', async () => {
    await loginThroughCli(sandbox, home, port);
    const result = await run(['doctor']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^ok\s+token\s+accepted by the API/m);
  });

  it('checks every part', async () => {
    await loginThroughCli(sandbox, home, port);
    const checks = (await report()).checks.map((check) => `${check.name}:${check.status}`);
    expect(checks).toEqual([
      'config:ok',
      'credentials:ok',
      'proxy:ok',
      'api:ok',
      'token:ok',
      'clock:ok',
    ]);
  });

  it('fails without a login', async () => {
    const result = await run(['doctor']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^fail\s+token\s+not logged in/m);
  });

  it('asks only for a login with EMJPM_CLIENT_SECRET', async () => {
    const result = await report();
    const credentials = result.checks.find((check) => check.name === 'credentials');
    expect(credentials?.message).toContain('client secret from EMJPM_CLIENT_SECRET');
    expect(credentials?.hint).toBe('Run `emjpm login` to sign in.');
  });

  it('warns about refreshes without a client secret', async () => {
    await loginThroughCli(sandbox, home, port);
    const result = await report({ EMJPM_CLIENT_SECRET: undefined });
    const credentials = result.checks.find((check) => check.name === 'credentials');
    expect(credentials?.status).toBe('warn');
    expect(credentials?.hint).toContain('cannot be refreshed');
  });

  it('still reaches the API without a login', async () => {
    expect(status(await report(), 'api')).toBe('ok');
  });

  it('fails when the API does not answer', async () => {
    // A server that drops every connection: a port freed for the test could be taken meanwhile
    // by another test file running in parallel.
    const dropping = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    try {
      const { port: droppingPort } = dropping.address() as AddressInfo;
      const result = await report({ EMJPM_API_URL: `http://127.0.0.1:${droppingPort}` });
      expect(status(result, 'api')).toBe('fail');
      expect(result.ok).toBe(false);
    } finally {
      await new Promise((resolve) => dropping.close(resolve));
    }
  });

  it('redacts proxy credentials', async () => {
    const result = await run(['doctor'], {
      HTTPS_PROXY: 'http://user:hunter2@proxy.invalid:3128',
      NO_PROXY: '127.0.0.1',
    });
    expect(result.stdout).toContain('HTTPS_PROXY=http://user:[redacted]@proxy.invalid:3128/');
    expect(result.stdout).not.toContain('hunter2');
  });

  it('fails on a corrupt config file', async () => {
    await run(['config', 'set', 'env', 'test']);
    await writeFile(`${home}/.config/emjpm/config.json`, 'not json');
    const result = await report();
    expect(status(result, 'config')).toBe('fail');
  });
});
