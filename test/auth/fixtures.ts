import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { AddressInfo } from 'node:net';

import type { ResolvedProfile } from '../../src/config/types.js';
import type { Sandbox } from '../../src/sandbox/index.js';

/** Returns a port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A temporary config folder and the environment that points emjpm at it and at the sandbox. */
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
