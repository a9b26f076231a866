import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';

import { Chalk } from 'chalk';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { errorFromResponse } from '../../src/api/errors.js';
import { createAppContext } from '../../src/cli/app-context.js';
import { UserError } from '../../src/cli/errors.js';
import { supportedOutputs } from '../../src/cli/output-support.js';
import { createProgram } from '../../src/cli/program.js';
import { reportError } from '../../src/cli/report-error.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { removeTempHomes, runCli, startCli } from '../support/cli.js';
import { obtainAccessToken } from '../support/oauth.js';

import type { Command } from 'commander';

import type { Sandbox } from '../../src/sandbox/index.js';
import type { CliOptions } from '../support/cli.js';

/** How far behind real time the sandbox clock runs, so its rate-limit window ends 2 s after start. */
const sandboxClockLagMs = 58_000;

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
  // The sandbox's rate-limit window starts with the server and lasts a minute of its clock.
  // X-RateLimit-Reset is sent in that clock, so with the clock 58 s late the client expects the
  // window to restart 2 s after start instead of 60.
  sandbox = await startSandbox({ autoApprove: true, now: () => Date.now() - sandboxClockLagMs });
  token = await obtainAccessToken(sandbox);
});

afterAll(async () => {
  await sandbox.close();
  await removeTempHomes();
});

beforeEach(() => {
  sandbox.faults.clear();
});

function run(args: string[], options: CliOptions = {}) {
  return runCli(args, { ...options, sandbox, env: { EMJPM_ACCESS_TOKEN: token, ...options.env } });
}

/** Lists the subcommand names of a `--help` output. */
function subcommands(help: string): string[] {
  const section = help.split(/\nCommands:\n/)[1]?.split(/\n\n/)[0] ?? '';
  return section
    .split('\n')
    .map((line) => /^ {2}(\S+)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'help');
}

describe('emjpm --help', () => {
  it('lists the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.exitCode).toBe(0);
    for (const line of ['0    success', '2    usage', '3    authentication needed', '4    invalid input', '5    API or network failure after retries', '130  interrupted']) {
      expect(result.stdout).toContain(line);
    }
  });

  it('gives every command an example', async () => {
    const missing: string[] = [];
    const pending: string[][] = [[]];
    while (pending.length > 0) {
      const path = pending.shift() ?? [];
      const help = (await runCli([...path, '--help'])).stdout;
      if (!help.includes('\nExample:\n')) missing.push(path.join(' ') || '(root)');
      for (const name of subcommands(help)) pending.push([...path, name]);
    }
    expect(missing).toEqual([]);
  });

  it('starts quickly', async () => {
    const started = performance.now();
    await runCli(['--help']);
    // NOTE: a generous bound for slow CI machines; heavy modules load only when a command needs them.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('prints the package version', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect((await runCli(['--version'])).stdout.trim()).toBe(manifest.version);
  });
});

describe('usage errors', () => {
  it('exit with code 2', async () => {
    const result = await runCli(['mesures', 'list', '--bogus']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("Unknown option '--bogus'");
  });

  it('name the command in the --help hint', async () => {
    const result = await runCli(['mesures', 'list', '--bogus']);
    expect(result.stderr).toContain('Run `emjpm mesures list --help`');
  });

  it('are JSON under --json, with nothing on stdout', async () => {
    const result = await runCli(['--json', 'mesures', 'frobnicate']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect((JSON.parse(result.stderr) as { error: { code: string } }).error.code).toBe('usage');
  });

  it('include a missing argument', async () => {
    const result = await runCli(['mesures', 'get']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/missing required argument 'id'/i);
  });

  it('include an invalid environment setting', async () => {
    const result = await run(['mesures', 'list'], { env: { EMJPM_TIMEOUT_MS: 'soon' } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('EMJPM_TIMEOUT_MS');
  });
});

describe('authentication', () => {
  it('exits 3 when nobody is logged in', async () => {
    const result = await runCli(['mesures', 'list'], { sandbox });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('emjpm login');
  });

  it('exits 3 when the server rejects the token', async () => {
    const result = await run(['mesures', 'list'], { env: { EMJPM_ACCESS_TOKEN: '0'.repeat(40) } });
    expect(result.exitCode).toBe(3);
  });

  it('prints authentication errors as JSON under --json', async () => {
    const result = await run(['mesures', 'list', '--json'], { env: { EMJPM_ACCESS_TOKEN: '0'.repeat(40) } });
    expect((JSON.parse(result.stderr.trim().split('\n').at(-1) ?? '') as { error: { code: string } }).error.code).toBe(
      'authentication_required',
    );
  });
});

describe('server failures', () => {
  it('recover from injected 500 answers', async () => {
    sandbox.faults.failNext(2, 500);
    const result = await run(['antennes', 'list', '--json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it('exit 5 with the French message when 500 persists', async () => {
    sandbox.faults.failNext(4, 500);
    const result = await run(['antennes', 'list']);
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toContain('Une erreur est survenue, veuillez réessayer plus tard');
  });

  it('recover from a 429 once the window restarts', async () => {
    sandbox.faults.failNext(1, 429);
    const result = await run(['antennes', 'list', '--json']);
    expect(result.exitCode).toBe(0);
  });

  it('exit 5 naming the rate limit when 429 persists', async () => {
    sandbox.faults.failNext(4, 429);
    const result = await run(['antennes', 'list'], { env: { EMJPM_RETRY_MAX_DELAY_MS: '1' } });
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toContain('rate limit of 360 requests per minute');
  });

  it('recover from a reset connection', async () => {
    sandbox.faults.resetNext(1);
    const result = await run(['antennes', 'list', '--json']);
    expect(result.exitCode).toBe(0);
  });

});

describe('--debug', () => {
  it('traces requests on stderr', async () => {
    const result = await run(['--debug', 'mesures', 'list', '--status', 'en_cours']);
    expect(result.stderr).toContain(`→ GET ${sandbox.apiUrl}/api/editors/mesures?status=en_cours`);
    expect(result.stderr).toMatch(/← 200 GET .* \d+ ms/);
  });

  it('never prints the token', async () => {
    const result = await run(['--debug', 'mesures', 'list', '--json']);
    expect(result.stderr).toContain('"authorization":"[redacted]"');
    expect(result.stderr).not.toContain(token);
    expect(result.stdout).not.toContain(token);
  });

  it('traces every failed attempt', async () => {
    sandbox.faults.failNext(4, 500);
    const result = await run(['--debug', 'antennes', 'list']);
    expect(result.stderr.match(/← 500 GET /g)).toHaveLength(4);
  });
});

describe('requests without a response', () => {
  // A separate sandbox, because delayed requests are still handled after the client gave up and
  // would take the failures that other tests inject.
  let slowSandbox: Sandbox;
  let slowToken: string;

  beforeAll(async () => {
    slowSandbox = await startSandbox({ autoApprove: true });
    slowToken = await obtainAccessToken(slowSandbox);
    slowSandbox.faults.set({ latencyMs: 10_000 });
  });

  afterAll(async () => {
    await slowSandbox.close();
  });

  it('exit 5 after the timeout', async () => {
    const result = await runCli(['antennes', 'list'], {
      sandbox: slowSandbox,
      env: { EMJPM_ACCESS_TOKEN: slowToken, EMJPM_TIMEOUT_MS: '200' },
    });
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toContain('No response from');
  });

  it('exit 130 on Ctrl-C', async () => {
    const { child, result } = await startCli(['antennes', 'list'], {
      sandbox: slowSandbox,
      env: { EMJPM_ACCESS_TOKEN: slowToken },
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    child.kill('SIGINT');
    const outcome = await result;
    expect(outcome.exitCode).toBe(130);
    expect(outcome.stderr).toContain('Interrupted.');
  });
});

describe('--output support', () => {
  /** Lists the paths of the commands that run an action, such as `mesures get`. */
  function leafCommands(command: Command, path: string[] = []): string[] {
    if (command.commands.length === 0) return [path.join(' ')];
    return command.commands.flatMap((child) => leafCommands(child, [...path, child.name()]));
  }

  it('declares the formats of every command', () => {
    const streams = { env: {}, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
    const app = createAppContext(streams, () => ({ profile: undefined, json: false, output: 'table', debug: false, color: false }));
    const program = createProgram(app, { stdout: process.stdout });
    const undeclared = leafCommands(program).filter((path) => supportedOutputs[path] === undefined);
    expect(undeclared).toEqual([]);
  });

  it('rejects CSV for auth status', async () => {
    const result = await runCli(['auth', 'status', '--output', 'csv']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('it supports --output table, json');
  });

  it('rejects NDJSON for config list', async () => {
    const result = await runCli(['config', 'list', '--output', 'ndjson']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
  });

  it('rejects CSV for doctor', async () => {
    expect((await runCli(['doctor', '--output', 'csv'])).exitCode).toBe(2);
  });

  it('reports the rejection as JSON under --json', async () => {
    const result = await runCli(['sandbox', '--json']);
    const error = (JSON.parse(result.stderr) as { error: { code: string } }).error;
    expect(result.exitCode).toBe(2);
    expect(error.code).toBe('usage');
  });

  it('keeps CSV for mesures list', async () => {
    const result = await run(['mesures', 'list', '--output', 'csv']);
    expect(result.exitCode).toBe(0);
  });
});

describe('JSON error hints', () => {
  /** Reports `error` under --json and returns the hint of the JSON error. */
  function jsonHintOf(error: unknown, debug = false): string {
    const stderr = new PassThrough();
    reportError(error, { stderr, json: true, debug, chalk: new Chalk({ level: 0 }) });
    const firstLine = String(stderr.read()).split('\n')[0] ?? '';
    return (JSON.parse(firstLine) as { error: { hint: string } }).error.hint;
  }

  it('points a 422 hint at fieldErrors', () => {
    const error = errorFromResponse({
      status: 422,
      method: 'POST',
      path: '/api/editors/mesures',
      body: JSON.stringify({ errors: [{ msg: 'Invalid value', param: 'civilite', value: 'x' }] }),
      headers: {},
      now: Date.now(),
    });
    const hint = jsonHintOf(error);
    expect(hint).not.toContain('above');
    expect(hint).toContain('listed in fieldErrors');
  });

  it('points an import hint at stdout', () => {
    const error = new UserError('2 rows were invalid.', { hint: 'Fix the rows listed above and import the file again.' });
    expect(jsonHintOf(error)).toBe('Fix the rows listed in the JSON result on stdout and import the file again.');
  });

  it('points a bug report at the trace that follows', () => {
    expect(jsonHintOf(new Error('boom'), true)).not.toContain('above');
  });
});
