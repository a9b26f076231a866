import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { describeSandbox } from '../../src/sandbox/command.js';
import { startTestSandbox } from './helpers.js';

const COMMAND_MODULE = fileURLToPath(new URL('../../dist/sandbox/command.js', import.meta.url));

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'emjpm-sandbox-command-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Runs the built command in a child process; resolves once it printed its banner. */
function runCommand(options: Record<string, unknown>) {
  const script =
    `import { runSandboxCommand } from ${JSON.stringify(COMMAND_MODULE)};\n` +
    `await runSandboxCommand(${JSON.stringify(options)}, (line) => console.log(line));\n`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = (async () => {
    const deadline = Date.now() + 10_000;
    while (!output.includes('Press Ctrl+C to stop.')) {
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`Sandbox command did not start:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  return { child, ready, exited, output: () => output };
}

describe('runSandboxCommand', () => {
  test('built module exists', () => {
    expect(existsSync(COMMAND_MODULE), 'run npm run build first').toBe(true);
  });

  test('prints connection details and stops on SIGTERM', async () => {
    const dataFile = join(directory, 'state.json');
    const run = runCommand({ port: 0, dataFile, redirectUris: ['http://127.0.0.1:9999/cb'] });
    await run.ready;
    const output = run.output();

    const apiUrl = /API base URL:\s+(\S+)/.exec(output)?.[1];
    expect(apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output).toMatch(/Web app URL:\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(output).toMatch(/client_id:\s+1\b/);
    const secret = /client_secret:\s+([0-9a-f]+)/.exec(output)?.[1];
    expect(secret).toMatch(/^[0-9a-f]{40}$/);
    expect(output).toContain('http://127.0.0.1:8765/callback');
    expect(output).toContain('http://127.0.0.1:9999/cb');
    expect(output).toMatch(/jeanne\.martin@example\.org\s+password: \S+/);
    expect(output).toMatch(/marc\.durand@example\.org\s+password: \S+/);

    const response = await request(`${apiUrl}/api/editors/mesures`);
    await response.body.text();
    expect(response.statusCode).toBe(401);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/GET \/api\/editors\/mesures 401 \d+ms/);
    expect(run.output()).toContain('Sandbox stopped');
    const saved = JSON.parse(await readFile(dataFile, 'utf8'));
    expect(saved.editor.secret).toBe(secret);
  });

  test('stops on SIGINT', async () => {
    const run = runCommand({ port: 0 });
    await run.ready;
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Received SIGINT');
  });
});

describe('describeSandbox', () => {
  test('warns about non-loopback host', async () => {
    const sandbox = await startTestSandbox();
    try {
      const wide = describeSandbox(sandbox, { host: '0.0.0.0' }).join('\n');
      expect(wide).toContain('Warning: listening on 0.0.0.0');
      const loopback = describeSandbox(sandbox, {}).join('\n');
      expect(loopback).not.toContain('Warning');
    } finally {
      await sandbox.close();
    }
  });
});
