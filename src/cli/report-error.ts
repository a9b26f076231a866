import { CommanderError } from 'commander';

import { ApiError } from '../api/types.js';
import { ExitCode, InterruptedError, UserError } from './errors.js';

import type { ChalkInstance } from 'chalk';

export interface ErrorReportOptions {
  stderr: NodeJS.WritableStream;
  json: boolean;
  debug: boolean;
  chalk: ChalkInstance;
  /** Words of the command that failed, such as `mesures get`, for the `--help` hint. */
  commandPath?: string;
}

/**
 * Prints an error on stderr and returns the exit code: a `UserError`'s own code, 2 for
 * command-line mistakes, 130 for interruptions, and 1 with "unexpected error" for anything
 * else, which is a bug in emjpm. Under `--json` the error is one JSON object.
 */
export function reportError(error: unknown, options: ErrorReportOptions): number {
  const known = toUserError(error, options.commandPath);
  if (known !== undefined) {
    writeUserError(known, options);
    if (options.debug && known.cause instanceof Error && known.cause.stack) {
      options.stderr.write(options.chalk.dim(`Caused by: ${known.cause.stack}\n`));
    }
    return known.exitCode;
  }

  const message = error instanceof Error ? error.message : String(error);
  const traceAt = options.json ? 'that follows' : 'above';
  const hint = options.debug
    ? `This is a bug in emjpm: please report it with the trace ${traceAt}.`
    : 'This is a bug in emjpm: run the command again with --debug and report the trace.';
  if (options.json) {
    writeJson(options.stderr, { code: 'unexpected_error', message: `Unexpected error: ${message}`, hint });
  } else {
    options.stderr.write(`${options.chalk.red('Unexpected error:')} ${message}\n`);
  }
  if (options.debug && error instanceof Error && error.stack) {
    options.stderr.write(`${error.stack}\n`);
  }
  if (!options.json) options.stderr.write(`${hint}\n`);
  return ExitCode.error;
}

/** Converts commander's and inquirer's errors into the matching `UserError`. */
function toUserError(error: unknown, commandPath: string | undefined): UserError | undefined {
  if (error instanceof UserError) return error;
  if (error instanceof CommanderError) {
    const message = error.message.replace(/^error: /, '');
    return new UserError(capitalize(message), {
      exitCode: ExitCode.usage,
      code: 'usage',
      hint: `Run \`${['emjpm', commandPath].filter(Boolean).join(' ')} --help\` to see its options and an example.`,
    });
  }
  // @inquirer/prompts rejects with ExitPromptError when the user presses Ctrl-C in a prompt.
  if (error instanceof Error && error.name === 'ExitPromptError') return new InterruptedError();
  return undefined;
}

function writeUserError(error: UserError, options: ErrorReportOptions): void {
  if (options.json) {
    const body: Record<string, unknown> = { code: error.code, message: error.message };
    if (error.hint !== undefined) body.hint = jsonHint(error, error.hint);
    if (error instanceof ApiError) {
      body.status = error.status;
      if (error.fieldErrors.length > 0) body.fieldErrors = error.fieldErrors;
    }
    writeJson(options.stderr, body);
    return;
  }
  options.stderr.write(`${options.chalk.red('Error:')} ${error.message}\n`);
  if (error.hint !== undefined) options.stderr.write(`${options.chalk.dim(error.hint)}\n`);
}

/**
 * Rewrites a hint that points at details "listed above", which is true of text on a terminal.
 * Under `--json` those details are in the error's `fieldErrors` for an API rejection, and in the
 * JSON result on stdout otherwise (as for the rows of an import).
 */
function jsonHint(error: UserError, hint: string): string {
  const place =
    error instanceof ApiError && error.fieldErrors.length > 0 ? 'listed in fieldErrors' : 'listed in the JSON result on stdout';
  return hint.replace(/listed above/g, place);
}

function writeJson(stream: NodeJS.WritableStream, error: Record<string, unknown>): void {
  stream.write(`${JSON.stringify({ error })}\n`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
