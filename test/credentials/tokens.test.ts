import { describe, expect, it } from 'vitest';

import { deleteTokens, readTokens, writeTokens } from '../../src/credentials/tokens.js';
import { createMemorySink } from '../../src/output/sink.js';

import type { CredentialEntry, CredentialStore } from '../../src/credentials/types.js';

/** Creates an in-memory store that records the order of writes. */
function memoryStore(): CredentialStore & { entries: Map<string, string>; writes: string[] } {
  const entries = new Map<string, string>();
  const writes: string[] = [];
  return {
    kind: 'file',
    entries,
    writes,
    describe: () => 'memory',
    get: async (profile: string, entry: CredentialEntry) => entries.get(`${profile}:${entry}`),
    set: async (profile: string, entry: CredentialEntry, value: string) => {
      writes.push(entry);
      entries.set(`${profile}:${entry}`, value);
    },
    delete: async (profile: string, entry: CredentialEntry) =>
      entries.delete(`${profile}:${entry}`),
  };
}

const tokens = {
  access: { token: 'a'.repeat(40), expiresAt: Date.parse('2026-01-02T00:00:00Z') },
  refresh: {
    token: 'b'.repeat(40),
    issuedAt: Date.parse('2026-01-01T00:00:00Z'),
    expiresAt: Date.parse('2026-01-15T00:00:00Z'),
  },
};

describe('stored tokens', () => {
  it('round-trips both tokens', async () => {
    const store = memoryStore();
    await writeTokens(store, 'default', tokens);
    expect(await readTokens(store, 'default', createMemorySink())).toEqual(tokens);
  });

  it('round-trips the issuer', async () => {
    const store = memoryStore();
    const issuer = { apiUrl: 'https://api-emjpm.example', clientId: 42 };
    const issued = {
      access: { ...tokens.access, ...issuer },
      refresh: { ...tokens.refresh, ...issuer },
    };
    await writeTokens(store, 'default', issued);
    expect(await readTokens(store, 'default', createMemorySink())).toEqual(issued);
  });

  it('writes the refresh token first', async () => {
    const store = memoryStore();
    await writeTokens(store, 'default', tokens);
    expect(store.writes).toEqual(['refresh-token', 'access-token']);
  });

  it('keeps access and refresh tokens in separate entries', async () => {
    const store = memoryStore();
    await writeTokens(store, 'default', tokens);
    expect(store.entries.get('default:access-token')).not.toContain(tokens.refresh.token);
  });

  it('returns undefined when nothing is stored', async () => {
    expect(await readTokens(memoryStore(), 'default', createMemorySink())).toBeUndefined();
  });

  it('removes a corrupt entry with a warning', async () => {
    const store = memoryStore();
    const sink = createMemorySink();
    await writeTokens(store, 'default', tokens);
    store.entries.set('default:access-token', '{"token": 12}');
    const read = await readTokens(store, 'default', sink);
    expect(read?.access).toBeUndefined();
    expect(store.entries.has('default:access-token')).toBe(false);
    expect(sink.lines).toContain(
      'warn: The stored access-token of profile "default" is corrupt and was removed.',
    );
  });

  it('rejects a token with spaces', async () => {
    const store = memoryStore();
    store.entries.set(
      'default:access-token',
      JSON.stringify({ token: 'a b', expiresAt: '2026-01-01T00:00:00Z' }),
    );
    expect(await readTokens(store, 'default', createMemorySink())).toBeUndefined();
  });

  it('lists the entries deleteTokens removed', async () => {
    const store = memoryStore();
    await writeTokens(store, 'default', tokens);
    store.entries.delete('default:access-token');
    expect(await deleteTokens(store, 'default')).toEqual(['refresh-token']);
  });
});
