import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { createTempHome, removeTempHomes, runCli } from '../support/cli.js';

import type { CliResult } from '../support/cli.js';

describe('emjpm config', () => {
  let home: string;
  const run = (args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> =>
    runCli(args, { home, env });
  const configPath = () => join(home, '.config', 'emjpm', 'config.json');

  beforeEach(async () => {
    home = await createTempHome();
  });

  afterAll(async () => {
    await removeTempHomes();
  });

  it('sets and gets a value', async () => {
    await run(['config', 'set', 'clientId', '42']);
    expect((await run(['config', 'get', 'clientId'])).stdout).toBe('42\n');
  });

  it('writes the file with mode 0600', async () => {
    await run(['config', 'set', 'env', 'test']);
    expect((await stat(configPath())).mode & 0o777).toBe(0o600);
  });

  it('names the allowed ports for a bad one', async () => {
    const result = await run(['config', 'set', 'port', 'http']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Invalid port "http": expected an integer from 1 to 65535.');
  });

  it('lists the keys for an unknown one', async () => {
    const result = await run(['config', 'set', 'colour', 'red']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      'Settings: env, apiUrl, appUrl, clientId, port, path, credentialStore',
    );
  });

  it('refuses to store the client secret', async () => {
    const result = await run(['config', 'set', 'clientSecret', 'abc']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('EMJPM_CLIENT_SECRET');
  });

  it('lists values with their source', async () => {
    await run(['config', 'set', 'env', 'test']);
    const result = await run(['config', 'list'], { EMJPM_CLIENT_ID: '7' });
    expect(result.stdout).toMatch(/env\s+test\s+config file/);
    expect(result.stdout).toMatch(/clientId\s+7\s+from EMJPM_CLIENT_ID/);
    expect(result.stdout).toMatch(/port\s+8765\s+default/);
  });

  it('names the environment that sets the hosts', async () => {
    await run(['config', 'set', 'env', 'test']);
    const result = await run(['config', 'list']);
    expect(result.stdout).toMatch(/apiUrl\s+\S+\s+from env test/);
  });

  it('lists the keychain as the default store', async () => {
    const result = await run(['config', 'list'], { EMJPM_CREDENTIAL_STORE: undefined });
    expect(result.stdout).toMatch(/credentialStore\s+keychain\s+default/);
  });

  it('lists env as custom under EMJPM_API_URL', async () => {
    const result = await run(['config', 'list'], { EMJPM_API_URL: 'http://127.0.0.1:9' });
    expect(result.stdout).toMatch(
      /env\s+custom\s+production \(default\), overridden by apiUrl from EMJPM_API_URL/,
    );
  });

  it('names the profile in the client secret hint', async () => {
    await run(['--profile', 'cabinet', 'config', 'set', 'clientId', '8']);
    const result = await run(['--profile', 'cabinet', 'config', 'set', 'clientSecret', 'abc']);
    expect(result.stderr).toContain('`emjpm --profile cabinet login`');
  });

  it('lists as JSON', async () => {
    await run(['config', 'set', 'port', '9001']);
    const listed = JSON.parse((await run(['config', 'list', '--json'])).stdout) as {
      settings: Array<{ key: string; value: unknown }>;
    };
    expect(listed.settings.find((setting) => setting.key === 'port')?.value).toBe(9001);
  });

  it('uses the test hosts for env test', async () => {
    await run(['config', 'set', 'env', 'test']);
    expect((await run(['config', 'get', 'apiUrl'])).stdout).toBe(
      'https://api-apitest-emjpm.dev2.fabrique.social.gouv.fr\n',
    );
  });

  it('keeps profiles apart', async () => {
    await run(['--profile', 'cabinet', 'config', 'set', 'clientId', '8']);
    await run(['config', 'set', 'clientId', '9']);
    expect((await run(['--profile', 'cabinet', 'config', 'get', 'clientId'])).stdout).toBe('8\n');
    expect((await run(['config', 'get', 'clientId'], { EMJPM_PROFILE: 'cabinet' })).stdout).toBe(
      '8\n',
    );
  });

  it('rejects an unknown profile', async () => {
    const result = await run(['--profile', 'nope', 'auth', 'status']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Profile "nope" not found');
  });

  it('says sign in, not again, before any login', async () => {
    const result = await run(['auth', 'status']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('Run `emjpm login` to sign in.');
  });

  it('names the profile in the login hint', async () => {
    await run(['--profile', 'cabinet', 'config', 'set', 'clientId', '8']);
    const result = await run(['--profile', 'cabinet', 'auth', 'status']);
    expect(result.stderr).toContain('Run `emjpm --profile cabinet login` to sign in.');
  });

  it('exits 1 for an unset value', async () => {
    expect((await run(['config', 'get', 'clientId'])).exitCode).toBe(1);
  });

  it('unsets a value', async () => {
    await run(['config', 'set', 'port', '9001']);
    await run(['config', 'unset', 'port']);
    expect((await run(['config', 'get', 'port'])).stdout).toBe('8765\n');
  });

  it('names the path of a corrupt file', async () => {
    await run(['config', 'set', 'env', 'test']);
    await writeFile(configPath(), '{"version":1,');
    const result = await run(['config', 'list']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(configPath());
  });

  it('shows an example in the help', async () => {
    const result = await run(['config', 'set', '--help']);
    expect(result.stdout).toContain('$ emjpm config set env test');
  });

  it('leaves the secret out of the config file', async () => {
    await run(['config', 'set', 'clientId', '42'], { EMJPM_CLIENT_SECRET: 'secret-value' });
    expect(await readFile(configPath(), 'utf8')).not.toContain('secret-value');
  });
});
