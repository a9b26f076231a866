import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

import { UserError } from '../cli/errors.js';

/** Reads a UTF-8 file, or returns undefined when it does not exist. */
export async function readFileIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return undefined;
    throw toFileAccessError(error, path, 'read');
  }
}

/**
 * Replaces `path` with `content`, readable by the owner only (mode 0600). The content goes to a
 * temporary file in the same folder first and is renamed over `path`, so a reader never sees a
 * half-written file and a crash leaves the previous version in place.
 */
export async function writePrivateFileAtomic(path: string, content: string): Promise<void> {
  try {
    await writeThroughTemporaryFile(path, content);
  } catch (error) {
    throw toFileAccessError(error, path, 'write');
  }
}

async function writeThroughTemporaryFile(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporaryPath = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temporaryPath, 'wx', 0o600);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

export function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}

/** File-system errors that the user fixes: a path under a file, no permission, a full disk. */
const accessErrorCodes = new Set(['ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ELOOP']);

/**
 * Converts a file-system error that the user can fix into a `UserError` (exit 1) naming `path`
 * and the system's reason. Other errors are returned unchanged.
 */
export function toFileAccessError(error: unknown, path: string, action: 'read' | 'write'): unknown {
  if (!isErrnoException(error) || !accessErrorCodes.has(error.code ?? '')) return error;
  const reason = error.message.replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '');
  return new UserError(`Cannot ${action} ${path}: ${reason} (${error.code}).`, {
    hint: `Check that ${dirname(path)} is a folder you can write, or point XDG_CONFIG_HOME at one.`,
    code: 'file_access',
    cause: error,
  });
}
