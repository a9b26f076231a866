import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { browserCommand, browserUnavailableReason, openBrowser } from '../../src/auth/browser.js';

const url = 'https://emjpm.example.fr/application/authorization?client_id=1&state=s';

describe('browser command', () => {
  it('appends the URL to BROWSER', () => {
    expect(browserCommand(url, { BROWSER: 'firefox --new-tab' }, 'linux')).toEqual({
      command: 'firefox',
      args: ['--new-tab', url],
    });
  });

  it('replaces %s in BROWSER', () => {
    expect(browserCommand(url, { BROWSER: 'w3m %s' }, 'linux')).toEqual({
      command: 'w3m',
      args: [url],
    });
  });

  it('uses xdg-open on Linux', () => {
    expect(browserCommand(url, {}, 'linux')).toEqual({ command: 'xdg-open', args: [url] });
  });

  it('uses open on macOS', () => {
    expect(browserCommand(url, {}, 'darwin').command).toBe('open');
  });

  it('passes the URL whole on Windows', () => {
    expect(browserCommand(url, {}, 'win32')).toEqual({
      command: 'rundll32',
      args: ['url.dll,FileProtocolHandler', url],
    });
  });
});

describe('browser availability', () => {
  it('rejects Linux without a display', () => {
    expect(browserUnavailableReason({}, 'linux')).toContain('neither DISPLAY nor WAYLAND_DISPLAY');
  });

  it.each([
    ['DISPLAY', { DISPLAY: ':0' }],
    ['WAYLAND_DISPLAY', { WAYLAND_DISPLAY: 'wayland-0' }],
    ['BROWSER', { BROWSER: 'w3m' }],
  ])('accepts Linux with %s', (_name, env) => {
    expect(browserUnavailableReason(env, 'linux')).toBeUndefined();
  });

  it.each(['darwin', 'win32'] as const)('accepts %s without a display', (platform) => {
    expect(browserUnavailableReason({}, platform)).toBeUndefined();
  });
});

describe('browser opener', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'emjpm-opener-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  /** Writes an executable shell script that plays the browser program. */
  async function script(name: string, body: string): Promise<string> {
    const path = join(folder, name);
    await writeFile(path, `#!/bin/sh\n${body}\n`);
    await chmod(path, 0o755);
    return path;
  }

  async function open(browser: string, watchMs?: number): Promise<string[]> {
    const failures: string[] = [];
    await openBrowser(url, {
      env: { PATH: process.env.PATH, BROWSER: browser },
      onFailure: (reason) => failures.push(reason),
      watchMs,
    });
    return failures;
  }

  it('reports a non-zero exit code', async () => {
    const opener = await script('no-method.sh', 'exit 3');
    expect(await open(opener)).toEqual([`${opener} exited with code 3`]);
  });

  it('reports a program that cannot start', async () => {
    const failures = await open(join(folder, 'missing-browser'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('missing-browser could not start');
  });

  it('stays quiet on exit code 0', async () => {
    expect(await open(await script('opened.sh', 'exit 0'))).toEqual([]);
  });

  it('stops watching after watchMs', async () => {
    const slow = await script('slow.sh', 'sleep 3; exit 1');
    const started = Date.now();
    const failures = await open(slow, 100);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(failures).toEqual([]);
  });
});
