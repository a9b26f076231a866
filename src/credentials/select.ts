import { credentialsFilePath } from '../config/paths.js';
import { createFileStore } from './file-store.js';
import { createKeychainStore } from './keychain-store.js';

import type { CredentialStoreKind, ResolvedProfile } from '../config/types.js';
import type { OutputSink } from '../output/sink.js';
import type { CredentialStore } from './types.js';

/**
 * Returns the store kind of a profile: the one chosen at login or by EMJPM_CREDENTIAL_STORE, else
 * the keychain.
 */
export function credentialStoreKind(profile: ResolvedProfile): CredentialStoreKind {
  return profile.credentialStore ?? 'keychain';
}

export function openCredentialStore(
  kind: CredentialStoreKind,
  options: { env: NodeJS.ProcessEnv; sink: OutputSink },
): CredentialStore {
  if (kind === 'file') return createFileStore(credentialsFilePath(options.env), options.sink);
  return createKeychainStore();
}
