import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { ChildProcess } from 'node:child_process';

/** The launcher of the built CLI; run `npm run build` before the tests. */
export const binaryPath = fileURLToPath(new URL('../../bin/emjpm.js', import.meta.url));

export interface CliResult {
  exitCode: number | null;
  /** Signal that ended the process, when it did not exit by itself. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** What the CLI environment needs of a sandbox. */
export interface CliSandbox {
  apiUrl: string;
  appUrl: string;
  editor: { clientId: number; clientSecret: string };
}

export interface CliOptions {
  /** Points EMJPM_API_URL, EMJPM_APP_URL, EMJPM_CLIENT_ID and EMJPM_CLIENT_SECRET at it. */
  sandbox?: CliSandbox;
  /** Extra variables, applied last; `undefined` removes one. */
  env?: Record<string, string | undefined>;
  /** Written to stdin, which is then closed. */
  input?: string;
  /** Home folder to reuse between runs (its `.config` is XDG_CONFIG_HOME); a new one otherwise. */
  home?: string;
  /** The process is killed after this long; default 20 s. */
  timeoutMs?: number;
}

/** Temporary homes created by `runCli`, removed by `removeTempHomes`. */
const createdHomes: string[] = [];

/** Creates an empty home folder for CLI runs that must share their config and credentials. */
export async function createTempHome(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'emjpm-cli-'));
  createdHomes.push(home);
  return home;
}

/** Removes every home created so far; call it in `afterAll`. */
export async function removeTempHomes(): Promise<void> {
  await Promise.all(createdHomes.splice(0).map((home) => rm(home, { recursive: true, force: true })));
}

/**
 * Builds the isolated environment of a CLI run: a temporary HOME and XDG_CONFIG_HOME, the
 * sandbox's URLs and editor credentials, NO_COLOR, and nothing else from the test's environment
 * but PATH, so a developer's proxy or profile cannot leak in.
 */
export function cliEnvironment(home: string, options: CliOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    NO_COLOR: '1',
    EMJPM_CREDENTIAL_STORE: 'file',
  };
  if (options.sandbox) {
    env.EMJPM_API_URL = options.sandbox.apiUrl;
    env.EMJPM_APP_URL = options.sandbox.appUrl;
    env.EMJPM_CLIENT_ID = String(options.sandbox.editor.clientId);
    env.EMJPM_CLIENT_SECRET = options.sandbox.editor.clientSecret;
  }
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Starts the built CLI; returns the child and a promise of its result. */
export async function startCli(
  args: string[],
  options: CliOptions = {},
): Promise<{ child: ChildProcess; result: Promise<CliResult> }> {
  const home = options.home ?? (await createTempHome());
  const child = spawn(process.execPath, [binaryPath, ...args], {
    env: cliEnvironment(home, options),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin?.end(options.input ?? '');

  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, stdout, stderr });
    });
  });
  return { child, result };
}

/** Runs the built CLI to its end with an isolated environment. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return (await startCli(args, options)).result;
}
