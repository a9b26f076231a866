import { randomBytes } from 'node:crypto';

import { UserError } from '../cli/errors.js';
import { keychainUnavailableError } from './unavailable.js';

import type { CredentialStore } from './types.js';

/**
 * Saves and deletes a throwaway `write-check` entry of the profile, and throws when either step
 * fails. A GNOME keyring started without a password on stdin has no default collection, so it
 * reads as empty but rejects every save: only a write shows that the store can keep tokens.
 */
export async function checkStoreWritable(
  store: CredentialStore,
  profileName: string,
): Promise<void> {
  try {
    await store.set(profileName, 'write-check', randomBytes(8).toString('hex'));
    await store.delete(profileName, 'write-check');
  } catch (error) {
    throw writeCheckError(store, profileName, error);
  }
}

function writeCheckError(store: CredentialStore, profileName: string, error: unknown): unknown {
  const detail = causeMessage(error);
  if (store.kind === 'keychain') {
    return keychainUnavailableError(`it cannot save entries (${detail}).`, error, profileName);
  }
  if (error instanceof UserError) return error;
  return new UserError(`Cannot save credentials in the ${store.describe()}: ${detail}.`, {
    hint: 'Check that the folder and the file belong to you and are writable.',
    code: 'credential_store_unwritable',
    cause: error,
  });
}

/** Returns the message of the underlying failure, past the wrapper the keychain store adds. */
function causeMessage(error: unknown): string {
  const cause = error instanceof UserError && error.cause !== undefined ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.replace(/\.$/, '');
}
