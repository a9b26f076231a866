import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { UserError } from '../../src/cli/errors.js';
import { createKeychainStore } from '../../src/credentials/keychain-store.js';

// libsecret keeps its first bus connection for the whole process, so this file (its own
// process under the forks pool) never starts a keyring.
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'emjpm-nobus-'));
  process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${join(folder, 'no-bus')}`;
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

it('fails with the two ways out when no D-Bus answers', async () => {
  const error = await createKeychainStore()
    .get('default', 'access-token')
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe('keychain_unavailable');
  expect((error as UserError).hint).toContain('EMJPM_CREDENTIAL_STORE=file');
});
