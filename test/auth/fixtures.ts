import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ResolvedProfile } from '../../src/config/types.js';
import type { Sandbox } from '../../src/sandbox/index.js';

/**
 * Returns a port that was free a moment ago on 127.0.0.1, drawn from 20000–32767. Linux gives
 * port-0 listeners and outgoing connections ports from 32768 up by default, so a port below that
 * range is not taken by another test file's sandbox or client between this check and the login.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_768);
    if (await isFree(port)) return port;
  }
  throw new Error('No free port found in 20000–32767 after 50 tries.');
}

async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (listening) await new Promise((resolve) => server.close(resolve));
  return listening;
}

/** Creates a temporary config folder and an environment pointing emjpm at it and the sandbox. */
export async function createTestEnv(
  sandbox: Sandbox,
): Promise<{ env: NodeJS.ProcessEnv; cleanup(): Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'emjpm-auth-'));
  const env: NodeJS.ProcessEnv = {
    XDG_CONFIG_HOME: folder,
    HOME: folder,
    EMJPM_CLIENT_SECRET: sandbox.editor.clientSecret,
  };
  return { env, cleanup: () => rm(folder, { recursive: true, force: true }) };
}

export function sandboxProfile(sandbox: Sandbox, port = 8765): ResolvedProfile {
  return {
    name: 'default',
    env: 'custom',
    apiUrl: sandbox.apiUrl,
    appUrl: sandbox.appUrl,
    clientId: sandbox.editor.clientId,
    redirectPort: port,
    redirectPath: '/callback',
    credentialStore: 'file',
  };
}

/**
 * Plays the browser on an auto-approving sandbox: opens the consent URL without following the
 * redirect, then requests the `Location` it returned (the loopback callback).
 */
export async function approveInBrowser(authorizeUrl: string): Promise<Response> {
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (!location) {
    throw new Error(`The consent page answered ${consent.status} without a Location header`);
  }
  return fetch(location);
}

/** Sends `GET /api/editors/tribunaux` with a token and returns the status. */
export async function apiStatus(sandbox: Sandbox, token: string): Promise<number> {
  const response = await fetch(`${sandbox.apiUrl}/api/editors/tribunaux`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return response.status;
}
