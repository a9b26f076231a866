import { rm, stat } from 'node:fs/promises';

import { readFileIfExists, writePrivateFileAtomic } from '../config/files.js';
import { withLockFile } from '../config/lock-file.js';
import { accountName } from './types.js';

import type { OutputSink } from '../output/sink.js';
import type { CredentialEntry, CredentialStore } from './types.js';

/** The content of `credentials.json`: one string per `profile:entry` account. */
interface CredentialsFile {
  version: 1;
  entries: Record<string, string>;
}

/**
 * Creates the store that keeps secrets in a JSON file readable only by its owner (mode 0600),
 * for machines without a keychain. Every change rewrites the file under a lock, so two
 * processes saving different entries at once lose neither.
 */
export function createFileStore(path: string, sink: OutputSink): CredentialStore {
  let checkedMode = false;

  async function read(): Promise<CredentialsFile> {
    const text = await readFileIfExists(path);
    if (text === undefined) return { version: 1, entries: {} };
    if (!checkedMode) {
      // One warning per command is enough, although a command reads the file several times.
      checkedMode = true;
      await warnIfShared(path, sink);
    }
    const parsed = parseCredentialsFile(text);
    if (parsed) return parsed;

    sink.warn(
      `The credentials file ${path} is corrupt and was removed. Sign in again with ` +
        '`emjpm login`, adding `--profile NAME` for each other profile that kept its tokens there.',
    );
    await rm(path, { force: true });
    return { version: 1, entries: {} };
  }

  async function update(change: (file: CredentialsFile) => boolean): Promise<boolean> {
    return withLockFile(
      `${path}.lock`,
      async () => {
        const file = await read();
        const changed = change(file);
        if (changed) await writePrivateFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
        return changed;
      },
      { timeoutMs: 10_000 },
    );
  }

  return {
    kind: 'file',
    describe: () => `file ${path}`,
    async get(profileName: string, entry: CredentialEntry) {
      const file = await read();
      return file.entries[accountName(profileName, entry)];
    },
    async set(profileName: string, entry: CredentialEntry, value: string) {
      await update((file) => {
        file.entries[accountName(profileName, entry)] = value;
        return true;
      });
    },
    async delete(profileName: string, entry: CredentialEntry) {
      const account = accountName(profileName, entry);
      return update((file) => {
        if (!Object.hasOwn(file.entries, account)) return false;
        delete file.entries[account];
        return true;
      });
    },
  };
}

function parseCredentialsFile(text: string): CredentialsFile | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { version, entries } = data as Record<string, unknown>;
  if (version !== 1 || typeof entries !== 'object' || entries === null) return undefined;

  const valid: Record<string, string> = {};
  for (const [account, value] of Object.entries(entries)) {
    if (typeof value !== 'string') return undefined;
    valid[account] = value;
  }
  return { version: 1, entries: valid };
}

async function warnIfShared(path: string, sink: OutputSink): Promise<void> {
  if (process.platform === 'win32') return;
  const { mode } = await stat(path);
  if ((mode & 0o077) !== 0) {
    sink.warn(
      `The credentials file ${path} is readable by other users; run \`chmod 600 ${path}\`.`,
    );
  }
}
