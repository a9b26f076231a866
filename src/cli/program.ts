import { readFileSync } from 'node:fs';

import { Command, Option } from 'commander';

import { registerAntennesCommands } from './commands/antennes.js';
import { registerAuthCommands } from './commands/auth.js';
import { registerImportCommands } from './commands/import.js';
import { registerMesuresCommands } from './commands/mesures.js';
import { registerSandboxCommand } from './commands/sandbox.js';
import { registerTribunauxCommands } from './commands/tribunaux.js';
import { addMissingExamples } from './help.js';
import { checkOutputSupported } from './output-support.js';

import type { AppContext, GlobalOptions, OutputFormat } from './context.js';

export const outputFormats: OutputFormat[] = ['table', 'json', 'ndjson', 'csv'];

const exitCodesHelp = `
Exit codes:
  0    success
  1    error, such as a --file that cannot be read or written
  2    usage: an unknown command or option, a malformed argument such as
       \`mesures get abc\`, or a confirmation needed without a terminal
  3    authentication needed: run \`emjpm login\`
  4    invalid input: file content or a --set value that fails validation,
       a 422 from the server, or a mesure id that does not exist
  5    API or network failure after retries
  130  interrupted

Example:
  $ emjpm login
  $ emjpm mesures list --status en_cours
  $ emjpm mesures list --json | jq '.[].numero_rg'
`;

/** Options of the root command, as commander stores them. */
interface RootOptions {
  profile?: string;
  json?: boolean;
  output: OutputFormat;
  debug?: boolean;
  color: boolean;
}

/**
 * Builds the commander program with its global options and every command. Errors are thrown
 * rather than printed (`exitOverride`), so that one handler prints them and picks the exit code.
 */
export function createProgram(app: AppContext, io: { stdout: NodeJS.WritableStream }): Command {
  const program = new Command('emjpm')
    .description("Keep an MJPM's mesures in sync with eMJPM, from a shell or from cron.")
    .version(readVersion(), '--version', 'print the version of emjpm')
    .option('--profile <name>', 'use this profile (default: EMJPM_PROFILE, then "default")')
    .option('--json', 'print results as JSON on stdout, and errors as JSON on stderr (same as --output json)')
    .addOption(
      new Option('--output <format>', 'format of results on stdout').choices(outputFormats).default('table'),
    )
    .option('--debug', 'trace requests and errors on stderr (tokens and secrets are redacted)')
    .option('--no-color', 'turn off colours (also off when NO_COLOR is set or output is not a terminal)')
    .helpOption('-h, --help', 'show help for a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => app.stderr.write(text),
      // The top-level handler prints usage errors itself, as text or JSON.
      outputError: () => undefined,
    })
    .addHelpText('after', exitCodesHelp);

  registerAuthCommands(program, app);
  const mesures = registerMesuresCommands(program, app);
  registerImportCommands(mesures, app);
  registerAntennesCommands(program, app);
  registerTribunauxCommands(program, app);
  registerSandboxCommand(program, app);
  addMissingExamples(program);
  program.hook('preAction', (_root, actionCommand) => {
    checkOutputSupported(actionCommand, readGlobalOptions(program).output);
  });
  return program;
}

/** Reads the global options after parsing; `--json` wins over `--output`. */
export function readGlobalOptions(program: Command): GlobalOptions {
  const options = program.opts<RootOptions>();
  const json = options.json === true || options.output === 'json';
  return {
    profile: options.profile,
    json,
    output: json ? 'json' : options.output,
    debug: options.debug === true,
    color: options.color,
  };
}

function readVersion(): string {
  const packageFile = new URL('../../package.json', import.meta.url);
  const manifest = JSON.parse(readFileSync(packageFile, 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}

export { withExample } from './help.js';
