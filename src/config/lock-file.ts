import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { UserError } from '../cli/errors.js';
import { isErrnoException, toFileAccessError } from './files.js';

/** Content of a lock file: who holds it and since when. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** Epoch milliseconds when the lock was taken. */
  createdAt: number;
  /** Random id, so a process releases only the lock it created. */
  id: string;
}

export interface LockOptions {
  /** Maximum time to wait for another holder, in milliseconds. */
  timeoutMs?: number;
  /** Age in milliseconds after which a lock is considered abandoned even if its process lives. */
  staleMs?: number;
  /** Base delay between two attempts, in milliseconds; a random jitter of up to the same is added. */
  pollMs?: number;
  now?: () => number;
  sleep?: (milliseconds: number) => Promise<void>;
  isProcessAlive?: (pid: number) => boolean;
  /** Called once when the lock is busy and the caller starts waiting. */
  onWait?: (holder: LockHolder | undefined) => void;
}

// A refresh holds the lock for one token request (30 s timeout) and a few credential-store
// calls (5 s timeout each), so a lock older than 75 s belongs to a process that hung or died.
const defaultTimeoutMs = 90_000;
const defaultStaleMs = 75_000;
const defaultPollMs = 50;
/**
 * Age after which a lock file without a readable holder is abandoned. Its creator writes the
 * holder right after creating the file, so an empty or damaged lock older than this belongs to a
 * process that died in between or to another program.
 */
const unwrittenLockMs = 2_000;

/**
 * Runs `task` while holding the lock file at `path`, created with `open(path, 'wx')` so only one
 * process at a time can hold it. Waits for a live holder up to `timeoutMs`, and takes over a lock
 * whose process is gone (same host) or that is older than `staleMs`.
 */
export async function withLockFile<T>(
  path: string,
  task: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const holder = await acquireLockFile(path, options);
  try {
    return await task();
  } finally {
    await releaseLockFile(path, holder);
  }
}

export async function acquireLockFile(
  path: string,
  options: LockOptions = {},
): Promise<LockHolder> {
  try {
    return await waitForLockFile(path, options);
  } catch (error) {
    throw toFileAccessError(error, path, 'write');
  }
}

async function waitForLockFile(path: string, options: LockOptions): Promise<LockHolder> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((milliseconds: number) => delay(milliseconds));
  const isAlive = options.isProcessAlive ?? isProcessAlive;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const staleMs = options.staleMs ?? defaultStaleMs;
  const pollMs = options.pollMs ?? defaultPollMs;
  const deadline = now() + timeoutMs;
  let waiting = false;

  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  for (;;) {
    const holder: LockHolder = {
      pid: process.pid,
      hostname: hostname(),
      createdAt: now(),
      id: randomBytes(8).toString('hex'),
    };
    if (await tryCreateLockFile(path, holder)) return holder;

    const current = await readLockFile(path);
    if (current === undefined) continue;

    if (isStale(current, { now: now(), staleMs, isAlive })) {
      await breakStaleLock(path, current.text);
      continue;
    }

    if (now() >= deadline) throw lockTimeoutError(path, current.holder, timeoutMs);
    if (!waiting) {
      waiting = true;
      options.onWait?.(current.holder);
    }
    await sleep(pollMs + Math.floor(Math.random() * pollMs));
  }
}

/** Removes the lock file if it is still the one `holder` created. */
export async function releaseLockFile(path: string, holder: LockHolder): Promise<void> {
  const current = await readLockFile(path);
  if (current?.holder?.id === holder.id) await rm(path, { force: true });
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to another user.
    return isErrnoException(error) && error.code === 'EPERM';
  }
}

async function tryCreateLockFile(path: string, holder: LockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(holder), 'utf8');
  } finally {
    await handle.close();
  }
  return true;
}

interface LockFileContent {
  text: string;
  /** Undefined while the creator has not written its content yet, or when the file is damaged. */
  holder: LockHolder | undefined;
  modifiedAt: number;
}

async function readLockFile(path: string): Promise<LockFileContent | undefined> {
  try {
    const [text, stats] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { text, holder: parseHolder(text), modifiedAt: stats.mtimeMs };
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, hostname: host, createdAt, id } = value as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof host !== 'string') return undefined;
    if (typeof createdAt !== 'number' || typeof id !== 'string') return undefined;
    return { pid, hostname: host, createdAt, id };
  } catch {
    return undefined;
  }
}

function isStale(
  content: LockFileContent,
  context: { now: number; staleMs: number; isAlive: (pid: number) => boolean },
): boolean {
  const { holder } = content;
  if (holder === undefined) return context.now - content.modifiedAt > unwrittenLockMs;
  if (context.now - holder.createdAt > context.staleMs) return true;
  return holder.hostname === hostname() && !context.isAlive(holder.pid);
}

/**
 * Removes an abandoned lock. Several waiters may find the same stale lock, and one of them may
 * already have replaced it with its own. So the lock is first moved aside with an atomic rename,
 * and put back if what was moved is not the stale lock that was read.
 */
async function breakStaleLock(path: string, staleText: string): Promise<void> {
  const asidePath = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(path, asidePath);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return;
    throw error;
  }
  const movedText = await readFile(asidePath, 'utf8').catch(() => staleText);
  if (movedText !== staleText) {
    // NOTE: if a third process creates the lock between the rename and this link, the live lock
    // moved aside is lost and two processes hold the lock at once. Both windows are a few
    // system calls long, and only open after a holder died.
    await link(asidePath, path).catch(() => undefined);
  }
  await rm(asidePath, { force: true });
}

function lockTimeoutError(
  path: string,
  holder: LockHolder | undefined,
  timeoutMs: number,
): UserError {
  const owner = holder
    ? `process ${holder.pid} on ${holder.hostname} since ${new Date(holder.createdAt).toISOString()}`
    : 'another process';
  return new UserError(
    `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for the lock file ${path}, held by ${owner}.`,
    {
      hint: `If no other emjpm command is running, delete ${path} and try again.`,
      code: 'lock_timeout',
    },
  );
}
