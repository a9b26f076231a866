import { CommanderError } from 'commander';

import { createAppContext } from './app-context.js';
import { ExitCode } from './errors.js';
import { exitOnInterrupt } from './interrupt.js';
import { createProgram, readGlobalOptions } from './program.js';
import { reportError } from './report-error.js';

import type { Command } from 'commander';

import type { AppStreams } from './app-context.js';
import type { GlobalOptions } from './context.js';

/** commander's codes for help and version output, which are successes. */
const successCodes = new Set(['commander.helpDisplayed', 'commander.version']);

/** Runs the emjpm command line and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const streams: AppStreams = {
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  };
  exitQuietlyWhenStdoutCloses();
  const removeInterruptHandler = exitOnInterrupt(streams.stderr, (note) => {
    const message = note === undefined ? 'Interrupted.' : `Interrupted. ${note}`;
    return fallbackGlobals(argv).json
      ? `${JSON.stringify({ error: { code: 'interrupted', message } })}\n`
      : `\n${message}\n`;
  });
  try {
    return await runCli(argv, streams);
  } finally {
    removeInterruptHandler();
  }
}

/** Parses `argv` (with the node and script paths first), runs the command, reports any error. */
export async function runCli(argv: string[], streams: AppStreams): Promise<number> {
  let globals: GlobalOptions | undefined;
  const app = createAppContext(streams, () => globals ?? fallbackGlobals(argv));
  const program = createProgram(app, { stdout: streams.stdout });
  program.hook('preAction', () => {
    globals = readGlobalOptions(program);
  });

  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError && successCodes.has(error.code)) return ExitCode.ok;
    const options = globals ?? fallbackGlobals(argv);
    return reportError(error, {
      stderr: streams.stderr,
      json: options.json,
      debug: options.debug,
      chalk: app.stderrChalk(),
      commandPath: commandPathOf(program, argv),
    });
  } finally {
    await app.dispose();
  }
}

/** Returns the words of the deepest command that `argv` names, such as `mesures get`. */
function commandPathOf(program: Command, argv: string[]): string {
  const words: string[] = [];
  let command = program;
  for (const arg of argv.slice(2)) {
    if (arg.startsWith('-')) continue;
    const child = command.commands.find((candidate) => candidate.name() === arg || candidate.aliases().includes(arg));
    // A word that names no subcommand is an argument or an option's value.
    if (child === undefined) continue;
    words.push(child.name());
    command = child;
  }
  return words.join(' ');
}

/**
 * Reads the global options straight from `argv`, for errors raised before commander has
 * finished parsing (an unknown option, a missing argument).
 */
function fallbackGlobals(argv: string[]): GlobalOptions {
  const args = argv.slice(2);
  const outputIndex = args.indexOf('--output');
  const inlineOutput = args.find((arg) => arg.startsWith('--output='))?.slice('--output='.length);
  const output = outputIndex === -1 ? inlineOutput : args[outputIndex + 1];
  const json = args.includes('--json') || output === 'json';
  return {
    profile: undefined,
    json,
    output: json ? 'json' : 'table',
    debug: args.includes('--debug'),
    color: !args.includes('--no-color'),
  };
}

/**
 * Exits at once when the reader of stdout goes away, as in `emjpm mesures list | head`: the rest
 * of the output has nowhere to go, and an EPIPE error is not worth a stack trace.
 */
function exitQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
    throw error;
  });
}
