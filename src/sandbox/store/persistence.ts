import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { findStateProblem } from './state-schema.js';

import type { SandboxState } from './types.js';

/**
 * Reads a saved state, or returns undefined when the file does not exist. A file that is not
 * JSON, or not a whole sandbox state, is rejected with the problem and the fix.
 */
export async function readStateFile(path: string): Promise<SandboxState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `Sandbox data file ${path} is not valid JSON (${(error as Error).message}). ` +
        'Another program may have written it or cut it short. Move it away to start fresh.',
    );
  }
  const problem = findStateProblem(parsed);
  if (problem) {
    throw new Error(
      `Sandbox data file ${path} is not a version 1 sandbox state: ${problem}. ` +
        'Fix it or move it away to start fresh.',
    );
  }
  return parsed as SandboxState;
}

/**
 * Deletes the temporary files that a process killed during a save left beside `path`. Files of
 * running processes are kept, since one of them may be saving now.
 */
export async function removeStaleTemporaryFiles(path: string): Promise<void> {
  const pattern = new RegExp(`^${escapeRegExp(basename(path))}\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`);
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = pattern.exec(name)?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) {
      await rm(join(dirname(path), name), { force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    // Signal 0 sends nothing, and the call fails with ESRCH when no such process exists.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Writes the state to a temporary file beside `path`, then renames it over `path`. */
export async function writeStateFile(path: string, state: SandboxState): Promise<void> {
  const temporary = temporaryPathOf(path);
  try {
    await writeFile(temporary, JSON.stringify(state));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function temporaryPathOf(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/**
 * Coalesces saves: `schedule()` after each write saves once `delayMs` later, and never runs two
 * saves at once. `flush()` saves now if anything is pending and waits for it.
 */
export class DebouncedSaver {
  private timer: NodeJS.Timeout | undefined;
  private pending = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly save: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 200,
  ) {}

  schedule(): void {
    this.pending = true;
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.run();
      }, this.delayMs);
    }
  }

  async flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.run();
  }

  private run(): Promise<void> {
    this.running = this.running.then(async () => {
      if (!this.pending) {
        return;
      }
      this.pending = false;
      try {
        await this.save();
      } catch (error) {
        this.onError(error);
      }
    });
    return this.running;
  }
}
