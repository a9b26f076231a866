import { Option } from 'commander';

import { UsageError } from '../errors.js';
import { withExample } from '../help.js';
import { handleInterruptsInCommand } from '../interrupt.js';

import type { Command } from 'commander';

import type { AppContext } from '../context.js';

/** Options of `emjpm sandbox` as commander parses them. */
interface SandboxCommandOptions {
  port: string;
  host: string;
  autoApprove?: boolean | string;
  rateLimit?: string;
  data?: string;
  redirectUri?: string[];
  failRate?: string;
  resetRate?: string;
  latency?: string;
}

/** Registers `sandbox`, which runs a local eMJPM server; its code loads only when it runs. */
export function registerSandboxCommand(program: Command, app: AppContext): void {
  const sandbox = program
    .command('sandbox')
    .description('run a local eMJPM API and consent page with test accounts, for trying emjpm safely')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(
      new Option(
        '--auto-approve [login]',
        'approve every authorization at once, as the first test user or as LOGIN, without the consent page',
      ),
    )
    .option('--rate-limit <n>', 'requests per minute per client IP before the sandbox responds 429 (default 360, 0 turns the limit off)')
    .option('--data <file>', 'keep the sandbox data in this JSON file across restarts')
    .option('--redirect-uri <uri...>', 'redirect URIs registered for the test editor (repeatable)')
    .option('--fail-rate <f>', 'fraction of API requests that get a 500, from 0 to 1')
    .option('--reset-rate <f>', 'fraction of API requests whose connection is reset, from 0 to 1')
    .option('--latency <ms>', 'delay before every response, in milliseconds')
    .action(async (options: SandboxCommandOptions) => {
      const sandboxOptions = {
        port: integer(options.port, '--port', 0),
        host: options.host,
        autoApprove: options.autoApprove,
        rateLimit: options.rateLimit === undefined ? undefined : integer(options.rateLimit, '--rate-limit', 0),
        dataFile: options.data,
        redirectUris: options.redirectUri,
        faults: {
          failRate: fraction(options.failRate, '--fail-rate'),
          resetRate: fraction(options.resetRate, '--reset-rate'),
          latencyMs: options.latency === undefined ? undefined : integer(options.latency, '--latency', 0),
        },
      };
      const { runSandboxCommand } = await import('../../sandbox/command.js');
      // The sandbox stops on Ctrl-C by closing its server and saving its data file.
      handleInterruptsInCommand();
      await runSandboxCommand(sandboxOptions, (line) => app.stdout.write(`${line}\n`));
    });
  withExample(
    sandbox,
    'emjpm sandbox --port 4000 --auto-approve',
    'EMJPM_API_URL=http://127.0.0.1:4000 emjpm mesures list',
  );
}

function integer(text: string, option: string, min: number): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) {
    throw new UsageError(`Invalid ${option} "${text}": expected an integer of at least ${min}.`);
  }
  return Number(text);
}

function fraction(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`Invalid ${option} "${text}": expected a number from 0 to 1.`);
  }
  return value;
}
