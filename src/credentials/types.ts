import type { CredentialStoreKind } from '../config/types.js';

/**
 * The separate secrets kept per profile. They are stored apart because Windows Credential
 * Manager limits one entry to about 2.5 kB. `write-check` is a throwaway entry that
 * `checkStoreWritable` saves and deletes at once.
 */
export type CredentialEntry = 'access-token' | 'refresh-token' | 'client-secret' | 'write-check';

/** A place that keeps secrets per profile and entry: the system keychain or a private file. */
export interface CredentialStore {
  readonly kind: CredentialStoreKind;
  /** Human description for `auth status` and `doctor`, such as `system keychain (Secret Service)`. */
  describe(): string;
  get(profileName: string, entry: CredentialEntry): Promise<string | undefined>;
  set(profileName: string, entry: CredentialEntry, value: string): Promise<void>;
  /** Removes the entry; returns whether something was removed. */
  delete(profileName: string, entry: CredentialEntry): Promise<boolean>;
}

/** Account name of an entry: one per profile and entry, under the service `emjpm`. */
export function accountName(profileName: string, entry: CredentialEntry): string {
  return `${profileName}:${entry}`;
}
