import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  loginOptions,
  loginThroughCli,
  readStoredEntry,
  recordingBrowser,
  redirectUriFor,
  startLoginSandbox,
} from '../auth/cli-login.js';
import { apiStatus, approveInBrowser } from '../auth/fixtures.js';
import {
  binaryPath,
  cliEnvironment,
  createTempHome,
  removeTempHomes,
  runCli,
  startCli,
} from '../support/cli.js';

import type { ChildProcessWithoutNullStreams } from 'node:child_process';

import type { Sandbox } from '../../src/sandbox/index.js';

describe('emjpm login', () => {
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
    sandbox.stats.reset();
  });

  it('logs in through the browser', async () => {
    const result = await loginThroughCli(sandbox, home, port);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('Logged in to eMJPM');
  });

  it('stores a token the API accepts', async () => {
    await loginThroughCli(sandbox, home, port);
    const token = await runCli(['auth', 'token'], loginOptions(sandbox, home, port));
    expect(await apiStatus(sandbox, token.stdout.trim())).toBe(200);
  });

  it('prints the consent URL on stderr', async () => {
    const browser = await recordingBrowser(home);
    const { result } = await startCli(['login'], loginOptions(sandbox, home, port, browser.env));
    const url = await browser.readUrl();
    await approveInBrowser(url);
    expect((await result).stderr).toContain(url);
  });

  it('remembers the store chosen at login', async () => {
    await loginThroughCli(sandbox, home, port, { EMJPM_CREDENTIAL_STORE: undefined }, [
      'login',
      '--insecure-storage',
    ]);
    const result = await runCli(
      ['config', 'get', 'credentialStore'],
      loginOptions(sandbox, home, port, { EMJPM_CREDENTIAL_STORE: undefined }),
    );
    expect(result.stdout.trim()).toBe('file');
  });

  it('accepts the address pasted with --no-browser', async () => {
    const child = spawn(process.execPath, [binaryPath, 'login', '--no-browser'], {
      env: cliEnvironment(home, loginOptions(sandbox, home, port)),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    await pasteRedirect(child);
    const exitCode = await new Promise((resolve) => child.on('close', resolve));
    expect(exitCode).toBe(0);
    expect(await readStoredEntry(home, 'default:access-token')).toBeDefined();
  });

  it('fails on a callback with a wrong state', async () => {
    const browser = await recordingBrowser(home);
    const { result } = await startCli(['login'], loginOptions(sandbox, home, port, browser.env));
    await browser.readUrl();
    const page = await fetch(`${redirectUriFor(port)}?code=${'a'.repeat(40)}&state=forged`);
    const { exitCode, stderr } = await result;
    expect(page.status).toBe(400);
    expect(exitCode).toBe(3);
    expect(stderr).toContain('state parameter does not match');
    expect(sandbox.stats.tokenRequests.authorization_code).toBeUndefined();
  });

  it('fails when the user refuses', async () => {
    const browser = await recordingBrowser(home);
    const { result } = await startCli(['login'], loginOptions(sandbox, home, port, browser.env));
    await browser.readUrl();
    await fetch(
      `${redirectUriFor(port)}?error_reason=user_denied&error=access_denied&error_description=Permissions+error`,
    );
    const { exitCode, stderr } = await result;
    expect(exitCode).toBe(3);
    expect(stderr).toContain('Access was denied');
  });

  it('ignores requests on other paths', async () => {
    const browser = await recordingBrowser(home);
    const { result } = await startCli(['login'], loginOptions(sandbox, home, port, browser.env));
    const url = await browser.readUrl();
    const favicon = await fetch(`http://127.0.0.1:${port}/favicon.ico`);
    await approveInBrowser(url);
    expect(favicon.status).toBe(404);
    expect((await result).exitCode).toBe(0);
  });

  it('fails at once on a busy port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const { exitCode, stderr } = await runCli(
        ['login', '--no-browser'],
        loginOptions(sandbox, home, port),
      );
      expect(exitCode).toBe(1);
      expect(stderr).toContain(`port ${port}`);
      expect(stderr).toContain(`the current one is ${redirectUriFor(port)}`);
      expect(stderr).not.toContain('the new URI');
      expect(stderr).toContain('emjpm config set port N');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('says another login may be waiting', async () => {
    const first = await startCli(['login', '--no-browser'], loginOptions(sandbox, home, port));
    await waitForPort(port);
    const second = await runCli(
      ['login', '--no-browser'],
      loginOptions(sandbox, await createTempHome(), port),
    );
    first.child.kill('SIGINT');
    await first.result;
    expect(second.stderr).toContain('another `emjpm login` may be waiting');
  });

  it('warns when the browser cannot start', async () => {
    const env = { BROWSER: `${home}/no-such-browser` };
    const { exitCode, stderr } = await runCli(
      ['login', '--timeout', '1'],
      loginOptions(sandbox, home, port, env),
    );
    expect(stderr).toContain('Warning: Could not open a browser');
    expect(stderr).toContain('/application/authorization?client_id=');
    expect(exitCode).toBe(3);
  });

  it('warns when the opener exits non-zero', async () => {
    // xdg-open exits 3 ("no method available") on a machine without a desktop browser.
    const path = await fakeOpener(home, 'exit 3');
    const { stderr } = await runCli(
      ['login', '--timeout', '2'],
      loginOptions(sandbox, home, port, { PATH: path, DISPLAY: ':99' }),
    );
    expect(stderr).toContain('Could not open a browser (xdg-open exited with code 3)');
    expect(stderr).toContain('emjpm login --no-browser');
  });

  it('skips the browser without a display', async () => {
    const path = await fakeOpener(home, `touch '${home}/opener-started'`);
    const child = spawn(process.execPath, [binaryPath, 'login'], {
      env: cliEnvironment(home, loginOptions(sandbox, home, port, { PATH: path })),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const closed = new Promise((resolve) => child.on('close', resolve));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    try {
      const stderr = await pasteRedirect(child);
      expect(await closed).toBe(0);
      expect(stderr()).toContain('Not opening a browser: neither DISPLAY nor WAYLAND_DISPLAY');
      expect(existsSync(`${home}/opener-started`)).toBe(false);
    } finally {
      clearTimeout(timer);
      child.kill('SIGKILL');
    }
  });

  it('prints where it waits and for how long', async () => {
    const { stderr } = await runCli(
      ['login', '--no-browser', '--timeout', '1'],
      loginOptions(sandbox, home, port),
    );
    expect(stderr).toContain(
      `Waiting for the redirect on ${redirectUriFor(port)}… (Ctrl-C to cancel, times out in 1 s)`,
    );
  });

  it('times out after --timeout seconds', async () => {
    const { exitCode, stderr } = await runCli(
      ['login', '--no-browser', '--timeout', '1'],
      loginOptions(sandbox, home, port),
    );
    expect(exitCode).toBe(3);
    expect(stderr).toContain('Timed out after 1 s');
  });

  it('exits 130 on Ctrl-C and frees the port', async () => {
    const { child, result } = await startCli(
      ['login', '--no-browser'],
      loginOptions(sandbox, home, port),
    );
    await waitForPort(port);
    child.kill('SIGINT');
    expect((await result).exitCode).toBe(130);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  it('names EMJPM_CLIENT_SECRET without a terminal', async () => {
    const { exitCode, stderr } = await runCli(
      ['login'],
      loginOptions(sandbox, home, port, { EMJPM_CLIENT_SECRET: undefined }),
    );
    expect(exitCode).toBe(3);
    expect(stderr).toContain('EMJPM_CLIENT_SECRET');
  });

  it('calls the client secret by its name', async () => {
    const { stderr } = await runCli(
      ['login'],
      loginOptions(sandbox, home, port, { EMJPM_CLIENT_SECRET: undefined }),
    );
    expect(stderr).toContain('the client secret eMJPM issued for your editor');
    expect(stderr).not.toContain('editor token');
  });

  it('rejects a wrong client secret', async () => {
    const result = await loginThroughCli(sandbox, home, port, { EMJPM_CLIENT_SECRET: 'wrong' });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('rejected the client id or client secret');
  });

  it('rejects a bad --timeout', async () => {
    const { exitCode } = await runCli(
      ['login', '--timeout', 'soon'],
      loginOptions(sandbox, home, port),
    );
    expect(exitCode).toBe(2);
  });

  it('keeps tokens out of --debug output', async () => {
    const result = await loginThroughCli(sandbox, home, port, {}, ['--debug', 'login']);
    const access = JSON.parse((await readStoredEntry(home, 'default:access-token')) ?? '{}') as {
      token: string;
    };
    const refresh = JSON.parse((await readStoredEntry(home, 'default:refresh-token')) ?? '{}') as {
      token: string;
    };
    expect(result.stderr).toContain('[debug');
    expect(result.stderr).not.toContain(access.token);
    expect(result.stderr).not.toContain(refresh.token);
    expect(result.stderr).not.toContain(sandbox.editor.clientSecret);
  });
});

/**
 * Writes an `xdg-open` into `home`/bin that runs `body`, and returns a PATH that finds it first.
 */
async function fakeOpener(home: string, body: string): Promise<string> {
  await mkdir(join(home, 'bin'), { recursive: true });
  await writeFile(join(home, 'bin', 'xdg-open'), `#!/bin/sh\n${body}\n`);
  await chmod(join(home, 'bin', 'xdg-open'), 0o755);
  return `${join(home, 'bin')}:${process.env.PATH}`;
}

/**
 * Plays a browser on another machine for a login that reads pasted addresses: reads the consent
 * URL from stderr, requests it without following the redirect, and writes the redirect address
 * on stdin. Returns a reader of everything written on stderr so far.
 */
async function pasteRedirect(child: ChildProcessWithoutNullStreams): Promise<() => string> {
  let stderr = '';
  const url = await new Promise<string>((resolve) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /(http:\/\/\S+\/application\/authorization\S+)/.exec(stderr);
      if (match?.[1]) resolve(match[1]);
    });
  });
  const consent = await fetch(url, { redirect: 'manual' });
  child.stdin.write(`${consent.headers.get('location')}\n`);
  return () => stderr;
}

/** Waits until something listens on 127.0.0.1:port, at most 10 s. */
async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open = await fetch(`http://127.0.0.1:${port}/probe`).then(
      () => true,
      () => false,
    );
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Nothing listened on port ${port} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
