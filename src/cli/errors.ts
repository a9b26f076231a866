/** Process exit codes, documented in `emjpm --help` and the README. */
export const ExitCode = {
  ok: 0,
  error: 1,
  usage: 2,
  authentication: 3,
  invalidInput: 4,
  api: 5,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error the user can fix. The top-level handler prints `message`, then `hint` (the next step),
 * and exits with `exitCode`. Anything that is not a `UserError` is a bug in emjpm.
 */
export class UserError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;
  /** A short machine-readable name for `--json` error output, such as `login_required`. */
  readonly code: string;

  constructor(
    message: string,
    options: { exitCode?: ExitCodeValue; hint?: string; code?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? ExitCode.error;
    this.hint = options.hint;
    this.code = options.code ?? 'error';
  }
}

/** Thrown for a wrong option, argument or command combination. */
export class UsageError extends UserError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.usage, hint, code: 'usage' });
  }
}

/** Thrown when no valid token is available and the user must run `emjpm login`. */
export class AuthenticationError extends UserError {
  constructor(message: string, hint = 'Run `emjpm login` to sign in again.', cause?: unknown) {
    super(message, { exitCode: ExitCode.authentication, hint, code: 'authentication_required', cause });
  }
}

/** Thrown for input the user supplied (a file, a field value) that fails validation. */
export class InvalidInputError extends UserError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.invalidInput, hint, code: 'invalid_input' });
  }
}

/** Thrown when the user interrupts a command (Ctrl-C) or refuses a confirmation prompt. */
export class InterruptedError extends UserError {
  constructor(message = 'Interrupted.') {
    super(message, { exitCode: ExitCode.interrupted, code: 'interrupted' });
  }
}
