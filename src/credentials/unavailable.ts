import { UserError } from '../cli/errors.js';

/** Thrown when the system keychain cannot be used; the hint names both ways out. */
export function keychainUnavailableError(reason: string, cause?: unknown): UserError {
  return new UserError(`The system keychain is not available: ${reason}`, {
    hint:
      'Either start a keychain with an empty password that creates its default collection ' +
      "(for example `dbus-run-session -- sh` then `printf '\\n' | gnome-keyring-daemon " +
      '--unlock --components=secrets`), ' +
      'or keep credentials in a file readable only by you: `emjpm login --insecure-storage` ' +
      'or EMJPM_CREDENTIAL_STORE=file.',
    code: 'keychain_unavailable',
    cause,
  });
}
