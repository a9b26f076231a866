import { UserError } from '../cli/errors.js';
import { probeSessionBus } from './dbus-probe.js';
import { accountName } from './types.js';
import { KeychainUnavailableError, keychainUnavailableError } from './unavailable.js';

import type { CredentialEntry, CredentialStore } from './types.js';

/** The part of the `keytar` module that emjpm uses. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const keychainService = 'emjpm';

// A locked keyring may wait for a password prompt that cron and SSH sessions never show, so
// every call is bounded.
const defaultTimeoutMs = 5_000;

/**
 * Creates the store backed by the system keychain through `keytar`, a native optional
 * dependency loaded on first use, so that emjpm still runs where it failed to install.
 */
export function createKeychainStore(
  options: { timeoutMs?: number; loadKeytar?: () => Promise<KeytarModule> } = {},
): CredentialStore {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const load =
    options.loadKeytar ??
    (async () => {
      if (process.platform === 'linux') {
        await probeSessionBus(process.env.DBUS_SESSION_BUS_ADDRESS, timeoutMs);
      }
      return loadKeytar();
    });
  let keytar: Promise<KeytarModule> | undefined;

  async function call<T>(
    profileName: string,
    operation: (module: KeytarModule) => Promise<T>,
  ): Promise<T> {
    try {
      keytar ??= load();
      const module = await keytar;
      return await withTimeout(operation(module), timeoutMs);
    } catch (error) {
      // The hint's login command names the profile whose entry was requested.
      if (error instanceof KeychainUnavailableError) throw error.forProfile(profileName);
      throw error;
    }
  }

  return {
    kind: 'keychain',
    describe: () =>
      `system keychain (${keychainName(process.platform)}, service "${keychainService}")`,
    async get(profileName: string, entry: CredentialEntry) {
      const value = await call(profileName, (module) =>
        module.getPassword(keychainService, accountName(profileName, entry)),
      );
      return value ?? undefined;
    },
    async set(profileName: string, entry: CredentialEntry, value: string) {
      await call(profileName, (module) =>
        module.setPassword(keychainService, accountName(profileName, entry), value),
      );
    },
    async delete(profileName: string, entry: CredentialEntry) {
      return call(profileName, (module) =>
        module.deletePassword(keychainService, accountName(profileName, entry)),
      );
    },
  };
}

/** Imports keytar; the name is a parameter, which also keeps TypeScript from requiring it. */
export async function loadKeytar(moduleName = 'keytar'): Promise<KeytarModule> {
  try {
    const imported = (await import(moduleName)) as { default?: KeytarModule } & KeytarModule;
    return imported.default ?? imported;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw keychainUnavailableError(`the keytar module could not be loaded (${detail}).`, error);
  }
}

// NOTE: a keytar call that times out is not cancelled. It keeps running on libuv's thread pool,
// and the process cannot exit (not even through process.exit) until the keychain responds.
// probeSessionBus catches a bus that never responds, but a daemon that hangs after the handshake
// still holds the process.
async function withTimeout<T>(operation: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        keychainUnavailableError(
          `it did not respond within ${timeoutMs / 1000} s (is the keyring locked?).`,
        ),
      );
    }, timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([operation, timeout]);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw keychainUnavailableError(`${detail}.`, error);
  } finally {
    clearTimeout(timer);
  }
}

function keychainName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service over D-Bus';
}
