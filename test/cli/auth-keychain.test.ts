import { createServer } from 'node:net';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { loginOptions, loginThroughCli, startLoginSandbox } from '../auth/cli-login.js';
import { apiStatus } from '../auth/fixtures.js';
import { createTempHome, removeTempHomes, runCli } from '../support/cli.js';
import { startKeyring } from '../support/keyring.js';

import type { Sandbox } from '../../src/sandbox/index.js';
import type { KeyringSession } from '../support/keyring.js';

describe('emjpm with the system keychain', () => {
  let sandbox: Sandbox;
  let keyring: KeyringSession;
  let port: number;
  let home: string;
  let keychainEnv: Record<string, string | undefined>;

  beforeAll(async () => {
    ({ sandbox, port } = await startLoginSandbox());
    keyring = await startKeyring();
    keychainEnv = { EMJPM_CREDENTIAL_STORE: undefined, ...keyring.env };
  });

  afterAll(async () => {
    await sandbox.close();
    await keyring?.stop();
    await removeTempHomes();
  });

  beforeEach(async () => {
    home = await createTempHome();
  });

  it('logs in into the keychain', async () => {
    const result = await loginThroughCli(sandbox, home, port, keychainEnv);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('system keychain (Secret Service over D-Bus');
  });

  it('reads the token back from the keychain', async () => {
    await loginThroughCli(sandbox, home, port, keychainEnv);
    const token = await runCli(['auth', 'token'], loginOptions(sandbox, home, port, keychainEnv));
    expect(await apiStatus(sandbox, token.stdout.trim())).toBe(200);
  });

  it('reports the keychain in auth status', async () => {
    await loginThroughCli(sandbox, home, port, keychainEnv);
    const result = await runCli(
      ['auth', 'status', '--json'],
      loginOptions(sandbox, home, port, keychainEnv),
    );
    expect((JSON.parse(result.stdout) as { store: string }).store).toContain('system keychain');
  });

  it('names both ways out without a keychain', async () => {
    const env = {
      EMJPM_CREDENTIAL_STORE: undefined,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${home}/no-bus`,
    };
    const result = await runCli(['auth', 'status'], loginOptions(sandbox, home, port, env));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('The system keychain is not available');
    expect(result.stderr).toContain('--insecure-storage');
    expect(result.stderr).toContain('dbus-run-session');
  });

  it('fails login before the browser without a keychain', async () => {
    const env = {
      EMJPM_CREDENTIAL_STORE: undefined,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${home}/no-bus`,
    };
    const result = await runCli(['login', '--no-browser'], loginOptions(sandbox, home, port, env));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).not.toContain('/application/authorization');
  });

  it('exits when the keychain never answers', async () => {
    // A D-Bus socket that accepts connections and never replies, like a hung keyring daemon.
    const busPath = join(home, 'silent-bus');
    const connections = new Set<import('node:net').Socket>();
    const silentBus = createServer((socket) => connections.add(socket));
    await new Promise<void>((resolve) => silentBus.listen(busPath, resolve));
    try {
      const env = { EMJPM_CREDENTIAL_STORE: undefined, DBUS_SESSION_BUS_ADDRESS: `unix:path=${busPath}` };
      const result = await runCli(['auth', 'status'], {
        ...loginOptions(sandbox, home, port, env),
        timeoutMs: 15_000,
      });
      expect(result.signal).toBeNull();
      expect(result.exitCode).toBe(1);
    } finally {
      for (const socket of connections) socket.destroy();
      silentBus.close();
    }
  });
});

describe('emjpm with a keychain that cannot save', () => {
  let sandbox: Sandbox;
  let keyring: KeyringSession;
  let port: number;
  let home: string;
  let keychainEnv: Record<string, string | undefined>;

  beforeAll(async () => {
    ({ sandbox, port } = await startLoginSandbox());
    // No password on stdin: the daemon creates no "login" collection, so every save fails.
    keyring = await startKeyring({ stdin: '' });
    keychainEnv = { EMJPM_CREDENTIAL_STORE: undefined, ...keyring.env };
  });

  afterAll(async () => {
    await sandbox.close();
    await keyring?.stop();
    await removeTempHomes();
  });

  beforeEach(async () => {
    home = await createTempHome();
  });

  it('fails login before the browser step', async () => {
    const result = await runCli(
      ['login', '--no-browser'],
      loginOptions(sandbox, home, port, keychainEnv),
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).not.toContain('/application/authorization');
    expect(result.stderr).toContain('The system keychain is not available');
    expect(result.stderr).toContain('cannot save entries');
  });

  it('names both ways out when login cannot save', async () => {
    const result = await runCli(
      ['login', '--no-browser'],
      loginOptions(sandbox, home, port, keychainEnv),
    );
    expect(result.stderr).toContain("printf '\\n' | gnome-keyring-daemon");
    expect(result.stderr).toContain('--insecure-storage');
  });

  it('fails the doctor credentials check', async () => {
    const result = await runCli(
      ['doctor', '--json'],
      loginOptions(sandbox, home, port, keychainEnv),
    );
    const report = JSON.parse(result.stdout) as {
      checks: Array<{ name: string; status: string; message: string }>;
    };
    const credentials = report.checks.find((check) => check.name === 'credentials');
    expect(credentials?.status).toBe('fail');
    expect(credentials?.message).toContain('cannot save entries');
  });
});
