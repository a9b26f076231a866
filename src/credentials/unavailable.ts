import { UserError } from '../cli/errors.js';

/** Thrown when the system keychain cannot be used; the hint names both ways out. */
export class KeychainUnavailableError extends UserError {
  /** The failure, as a clause that ends the message. */
  readonly reason: string;

  constructor(reason: string, cause?: unknown, profileName = 'default') {
    const profile = profileName === 'default' ? '' : ` --profile ${profileName}`;
    super(`The system keychain is not available: ${reason}`, {
      hint:
        'Either start a keychain with an empty password that creates its default collection ' +
        "(for example `dbus-run-session -- sh` then `printf '\\n' | gnome-keyring-daemon " +
        '--unlock --components=secrets`), or keep credentials in a file readable only by you: ' +
        `\`emjpm${profile} login --insecure-storage\` or EMJPM_CREDENTIAL_STORE=file.`,
      code: 'keychain_unavailable',
      cause,
    });
    this.reason = reason;
  }

  /** Returns the same error with the hint's login command for `profileName`. */
  forProfile(profileName: string): KeychainUnavailableError {
    return new KeychainUnavailableError(this.reason, this.cause, profileName);
  }
}

export function keychainUnavailableError(
  reason: string,
  cause?: unknown,
  profileName?: string,
): KeychainUnavailableError {
  return new KeychainUnavailableError(reason, cause, profileName);
}
