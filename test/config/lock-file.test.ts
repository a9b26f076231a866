import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { UserError } from '../../src/cli/errors.js';
import { acquireLockFile, releaseLockFile, withLockFile } from '../../src/config/lock-file.js';

describe('lock file', () => {
  let folder: string;
  let path: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'emjpm-lock-'));
    path = join(folder, 'refresh.lock');
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('records the holder pid', async () => {
    const holder = await acquireLockFile(path);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({
      pid: process.pid,
      id: holder.id,
    });
    await releaseLockFile(path, holder);
  });

  it('removes the file on release', async () => {
    await withLockFile(path, async () => undefined);
    await expect(readFile(path)).rejects.toThrow();
  });

  it('runs holders one at a time', async () => {
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        withLockFile(path, async () => {
          inside += 1;
          maxInside = Math.max(maxInside, inside);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inside -= 1;
        }),
      ),
    );
    expect(maxInside).toBe(1);
  });

  it('takes over the lock of a dead process', async () => {
    const dead = { pid: 999_999_999, hostname: hostname(), createdAt: Date.now(), id: 'dead' };
    await writeFile(path, JSON.stringify(dead));
    const holder = await acquireLockFile(path, { isProcessAlive: () => false, timeoutMs: 1000 });
    expect(holder.pid).toBe(process.pid);
  });

  it('takes over a lock older than staleMs', async () => {
    const old = {
      pid: process.pid,
      hostname: hostname(),
      createdAt: Date.now() - 10_000,
      id: 'old',
    };
    await writeFile(path, JSON.stringify(old));
    const holder = await acquireLockFile(path, { staleMs: 5_000, timeoutMs: 1000 });
    expect(holder.id).not.toBe('old');
  });

  it('takes over a damaged lock after a few seconds', async () => {
    await writeFile(path, 'not a lock');
    const aged = new Date(Date.now() - 5_000);
    await utimes(path, aged, aged);
    const holder = await acquireLockFile(path, { timeoutMs: 1000 });
    expect(holder.pid).toBe(process.pid);
  });

  it('waits for a lock being written', async () => {
    await writeFile(path, '');
    const error = await acquireLockFile(path, { timeoutMs: 100 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
  });

  it('times out on a live holder', async () => {
    const live = { pid: process.pid, hostname: hostname(), createdAt: Date.now(), id: 'live' };
    await writeFile(path, JSON.stringify(live));
    const error = await acquireLockFile(path, { timeoutMs: 100 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).hint).toContain(path);
  });

  it('leaves a lock it does not hold', async () => {
    const other = { pid: process.pid, hostname: hostname(), createdAt: Date.now(), id: 'other' };
    await writeFile(path, JSON.stringify(other));
    await releaseLockFile(path, { ...other, id: 'mine' });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ id: 'other' });
  });
});
