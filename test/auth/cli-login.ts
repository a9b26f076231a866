import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { startSandbox } from '../../src/sandbox/index.js';
import { startCli } from '../support/cli.js';
import { approveInBrowser, freePort } from './fixtures.js';

import type { Sandbox } from '../../src/sandbox/index.js';
import type { CliOptions, CliResult } from '../support/cli.js';

/**
 * Writes a `BROWSER` program into `home` that records the URL it is given instead of opening
 * it, so a test can play the browser. `readUrl` waits for the URL, at most 10 s.
 */
export async function recordingBrowser(
  home: string,
): Promise<{ env: { BROWSER: string }; readUrl(): Promise<string> }> {
  const script = join(home, 'browser.sh');
  const output = join(home, 'browser-url.txt');
  await writeFile(
    script,
    `#!/bin/sh\nprintf '%s\\n' "$1" > '${output}.tmp' && mv '${output}.tmp' '${output}'\n`,
  );
  await chmod(script, 0o755);
  return {
    env: { BROWSER: script },
    async readUrl() {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const text = await readFile(output, 'utf8').catch(() => '');
        if (text.trim()) return text.trim();
        if (Date.now() > deadline) {
          throw new Error('The browser program was not started within 10 s');
        }
        await delay(50);
      }
    },
  };
}

/** Options of a CLI run against the sandbox, with the redirect on `port` and a shared home. */
export function loginOptions(
  sandbox: Sandbox,
  home: string,
  port: number,
  env: CliOptions['env'] = {},
): CliOptions {
  return { sandbox, home, env: { EMJPM_REDIRECT_PORT: String(port), ...env } };
}

/** Runs `emjpm login` (or `args`) and approves the consent on an auto-approving sandbox. */
export async function loginThroughCli(
  sandbox: Sandbox,
  home: string,
  port: number,
  env: CliOptions['env'] = {},
  args: string[] = ['login'],
): Promise<CliResult> {
  const browser = await recordingBrowser(home);
  const { result } = await startCli(
    args,
    loginOptions(sandbox, home, port, { ...browser.env, ...env }),
  );
  const url = await browser.readUrl();
  await approveInBrowser(url);
  return result;
}

/** Starts an auto-approving sandbox that accepts the loopback redirect on a free port. */
export async function startLoginSandbox(): Promise<{ sandbox: Sandbox; port: number }> {
  const port = await freePort();
  const sandbox = await startSandbox({ autoApprove: true, redirectUris: [redirectUriFor(port)] });
  return { sandbox, port };
}

/** Returns the redirect URI registered for the loopback port. */
export function redirectUriFor(port: number): string {
  return `http://127.0.0.1:${port}/callback`;
}

/** Rewrites the stored access token's expiry in the file store, to make a refresh due. */
export async function setStoredAccessExpiry(
  home: string,
  profile: string,
  expiresAt: Date,
): Promise<string> {
  const path = join(home, '.config', 'emjpm', 'credentials.json');
  const file = JSON.parse(await readFile(path, 'utf8')) as { entries: Record<string, string> };
  const account = `${profile}:access-token`;
  const access = JSON.parse(file.entries[account] ?? '{}') as { token: string; expiresAt: string };
  file.entries[account] = JSON.stringify({ ...access, expiresAt: expiresAt.toISOString() });
  await writeFile(path, JSON.stringify(file));
  return access.token;
}

/** Reads a stored entry of the file store. */
export async function readStoredEntry(home: string, account: string): Promise<string | undefined> {
  const path = join(home, '.config', 'emjpm', 'credentials.json');
  const file = JSON.parse(await readFile(path, 'utf8')) as { entries: Record<string, string> };
  return file.entries[account];
}
