import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';

import type { SandboxState } from './types.js';

/** Reads a saved state, or returns undefined when the file does not exist. */
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
  const state = JSON.parse(text) as Partial<SandboxState>;
  if (state.version !== 1 || !state.editor || !Array.isArray(state.mesures)) {
    throw new Error(
      `Sandbox data file ${path} is not a version 1 sandbox state; move it away to start fresh.`,
    );
  }
  return state as SandboxState;
}

/** Writes the state to a temporary file beside `path`, then renames it over `path`. */
export async function writeStateFile(path: string, state: SandboxState): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(state));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
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
