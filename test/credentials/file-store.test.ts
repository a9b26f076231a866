import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createFileStore } from '../../src/credentials/file-store.js';
import { createMemorySink } from '../../src/output/sink.js';

describe('file store', () => {
  let folder: string;
  let path: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'emjpm-filestore-'));
    path = join(folder, 'emjpm', 'credentials.json');
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('round-trips entries per profile', async () => {
    const store = createFileStore(path, createMemorySink());
    await store.set('default', 'access-token', 'a');
    await store.set('other', 'access-token', 'b');
    expect(await store.get('default', 'access-token')).toBe('a');
    expect(await store.get('other', 'access-token')).toBe('b');
  });

  it('writes the file with mode 0600', async () => {
    await createFileStore(path, createMemorySink()).set('default', 'client-secret', 's');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('reports whether delete removed something', async () => {
    const store = createFileStore(path, createMemorySink());
    await store.set('default', 'refresh-token', 'r');
    expect(await store.delete('default', 'refresh-token')).toBe(true);
    expect(await store.delete('default', 'refresh-token')).toBe(false);
  });

  it('keeps every entry when processes write at once', async () => {
    const entries = ['access-token', 'refresh-token', 'client-secret'] as const;
    await Promise.all(
      entries.map((entry) =>
        createFileStore(path, createMemorySink()).set('default', entry, entry),
      ),
    );
    const saved = JSON.parse(await readFile(path, 'utf8')) as { entries: Record<string, string> };
    expect(Object.keys(saved.entries).sort()).toEqual(
      entries.map((entry) => `default:${entry}`).sort(),
    );
  });

  it('removes a corrupt file with a warning', async () => {
    const sink = createMemorySink();
    const store = createFileStore(path, sink);
    await store.set('default', 'access-token', 'a');
    await writeFile(path, '{not json');
    expect(await store.get('default', 'access-token')).toBeUndefined();
    expect(sink.lines.join('\n')).toContain('is corrupt and was removed');
    await expect(stat(path)).rejects.toThrow();
  });

  it('warns when others can read the file', async () => {
    const sink = createMemorySink();
    const store = createFileStore(path, sink);
    await store.set('default', 'access-token', 'a');
    await chmod(path, 0o644);
    await store.get('default', 'access-token');
    expect(sink.lines.join('\n')).toContain('readable by other users');
  });

  it('warns once about a shared file', async () => {
    const sink = createMemorySink();
    const store = createFileStore(path, sink);
    await store.set('default', 'access-token', 'a');
    await chmod(path, 0o644);
    await store.get('default', 'access-token');
    await store.get('default', 'refresh-token');
    const warnings = sink.lines.filter((line) => line.includes('readable by other users'));
    expect(warnings).toHaveLength(1);
  });
});
