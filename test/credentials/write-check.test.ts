import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { UserError } from '../../src/cli/errors.js';
import { createFileStore } from '../../src/credentials/file-store.js';
import { createKeychainStore } from '../../src/credentials/keychain-store.js';
import { checkStoreWritable } from '../../src/credentials/write-check.js';
import { createMemorySink } from '../../src/output/sink.js';
import { startKeyring } from '../support/keyring.js';

import type { KeyringSession } from '../support/keyring.js';

// libsecret keeps its first bus connection for the whole process, so this file (its own
// process under the forks pool) starts only the keyring without a default collection.
describe('write check on a keyring without a default collection', () => {
  let keyring: KeyringSession;

  beforeAll(async () => {
    keyring = await startKeyring({ stdin: '' });
    process.env.DBUS_SESSION_BUS_ADDRESS = keyring.env.DBUS_SESSION_BUS_ADDRESS;
  });

  afterAll(async () => {
    await keyring?.stop();
  });

  it('reads the keyring as empty', async () => {
    expect(await createKeychainStore().get('default', 'refresh-token')).toBeUndefined();
  });

  it('rejects as keychain unavailable', async () => {
    const error = await checkStoreWritable(createKeychainStore(), 'default').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('keychain_unavailable');
  });

  it('names the failed save', async () => {
    const error = await checkStoreWritable(createKeychainStore(), 'default').catch(
      (caught: unknown) => caught,
    );
    expect((error as UserError).message).toContain('cannot save entries');
    expect((error as UserError).message).toContain('/org/freedesktop/secrets/collection/login');
  });

  it('names the profile in the file-store way out', async () => {
    const error = await checkStoreWritable(createKeychainStore(), 'cabinet').catch(
      (caught: unknown) => caught,
    );
    expect((error as UserError).hint).toContain('`emjpm --profile cabinet login --insecure-storage`');
  });

  it('shows the keyring recipe that creates the collection', async () => {
    const error = await checkStoreWritable(createKeychainStore(), 'default').catch(
      (caught: unknown) => caught,
    );
    expect((error as UserError).hint).toContain("printf '\\n' | gnome-keyring-daemon");
    expect((error as UserError).hint).toContain('--insecure-storage');
  });
});

describe('write check on the file store', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'emjpm-write-check-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('leaves no entry behind', async () => {
    const store = createFileStore(join(folder, 'credentials.json'), createMemorySink());
    await checkStoreWritable(store, 'default');
    expect(await store.get('default', 'write-check')).toBeUndefined();
  });

  it('rejects a folder that is a file', async () => {
    const notAFolder = join(folder, 'plain-file');
    await writeFile(notAFolder, '');
    const store = createFileStore(join(notAFolder, 'credentials.json'), createMemorySink());
    const error = await checkStoreWritable(store, 'default').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('Cannot save credentials in the file');
  });
});
