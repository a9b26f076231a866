import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { UserError } from '../../src/cli/errors.js';
import {
  createKeychainStore,
  keychainService,
  loadKeytar,
} from '../../src/credentials/keychain-store.js';
import { startKeyring } from '../support/keyring.js';

import type { KeytarModule } from '../../src/credentials/keychain-store.js';
import type { KeyringSession } from '../support/keyring.js';

describe('keychain store on a real keyring', () => {
  let keyring: KeyringSession;
  const profile = `test-${process.pid}`;

  beforeAll(async () => {
    keyring = await startKeyring();
    process.env.DBUS_SESSION_BUS_ADDRESS = keyring.env.DBUS_SESSION_BUS_ADDRESS;
  });

  afterAll(async () => {
    await keyring?.stop();
  });

  it('round-trips an entry', async () => {
    const store = createKeychainStore();
    await store.set(profile, 'access-token', 'value-1');
    expect(await store.get(profile, 'access-token')).toBe('value-1');
  });

  it('keeps entries apart', async () => {
    const store = createKeychainStore();
    await store.set(profile, 'refresh-token', 'refresh');
    await store.set(profile, 'client-secret', 'secret');
    expect(await store.get(profile, 'refresh-token')).toBe('refresh');
    expect(await store.get(profile, 'client-secret')).toBe('secret');
  });

  it('stores under the emjpm service and profile:entry account', async () => {
    const store = createKeychainStore();
    await store.set(profile, 'client-secret', 'visible-to-keytar');
    const keytar = await loadKeytar();
    expect(await keytar.getPassword(keychainService, `${profile}:client-secret`)).toBe(
      'visible-to-keytar',
    );
  });

  it('returns undefined for a missing entry', async () => {
    const store = createKeychainStore();
    expect(await store.get(`${profile}-none`, 'access-token')).toBeUndefined();
  });

  it('reports whether delete removed something', async () => {
    const store = createKeychainStore();
    await store.set(profile, 'access-token', 'to-delete');
    expect(await store.delete(profile, 'access-token')).toBe(true);
    expect(await store.delete(profile, 'access-token')).toBe(false);
    expect(await store.get(profile, 'access-token')).toBeUndefined();
  });

  it('describes itself as the Secret Service', () => {
    expect(createKeychainStore().describe()).toContain('Secret Service');
  });
});

describe('keychain store failures', () => {
  /** A keytar whose calls never settle, like a keyring waiting for an unlock prompt. */
  const hanging: KeytarModule = {
    getPassword: () => new Promise(() => {}),
    setPassword: () => new Promise(() => {}),
    deletePassword: () => new Promise(() => {}),
  };

  it('times out a keychain that never answers', async () => {
    const store = createKeychainStore({ timeoutMs: 50, loadKeytar: async () => hanging });
    const error = await store.get('p', 'access-token').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('did not respond within 0.05 s');
  });

  it('names the profile in the hint', async () => {
    const store = createKeychainStore({ timeoutMs: 50, loadKeytar: async () => hanging });
    const error = await store.get('cabinet', 'access-token').catch((caught: unknown) => caught);
    expect((error as UserError).hint).toContain('`emjpm --profile cabinet login --insecure-storage`');
  });

  it('names both ways out when keytar is missing', async () => {
    const error = await loadKeytar('emjpm-no-such-module').catch((caught: unknown) => caught);
    expect((error as UserError).code).toBe('keychain_unavailable');
    expect((error as UserError).hint).toContain('--insecure-storage');
    expect((error as UserError).hint).toContain('gnome-keyring-daemon --unlock');
  });
});
