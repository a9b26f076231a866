import { spawn } from 'node:child_process';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loginOptions, readStoredEntry, startLoginSandbox } from '../auth/cli-login.js';
import { approveInBrowser } from '../auth/fixtures.js';
import { binaryPath, cliEnvironment, createTempHome, removeTempHomes } from '../support/cli.js';

import type { Sandbox } from '../../src/sandbox/index.js';

describe('emjpm login in a terminal', () => {
  let sandbox: Sandbox;
  let port: number;

  beforeAll(async () => {
    ({ sandbox, port } = await startLoginSandbox());
  });

  afterAll(async () => {
    await sandbox.close();
    await removeTempHomes();
  });

  it('prompts for the secret and saves it', async () => {
    const home = await createTempHome();
    const env = cliEnvironment(
      home,
      loginOptions(sandbox, home, port, { EMJPM_CLIENT_SECRET: undefined }),
    );
    // `script` gives the CLI a pseudo-terminal, so it sees an interactive session.
    const child = spawn(
      'script',
      ['-qfec', `${process.execPath} ${binaryPath} login --no-browser`, '/dev/null'],
      {
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let screen = '';
    const waitFor = (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve) => {
        const check = () => {
          const match = pattern.exec(screen);
          if (match) {
            child.stdout.off('data', check);
            resolve(match);
          }
        };
        child.stdout.on('data', check);
        check();
      });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
    });
    const closed = new Promise((resolve) => child.on('close', resolve));

    await waitFor(/Client secret/);
    child.stdin.write(`${sandbox.editor.clientSecret}\r`);
    const [url] = await waitFor(/http:\/\/\S+\/application\/authorization\S+/);
    await approveInBrowser(url);

    expect(await closed).toBe(0);
    expect(screen).not.toContain(sandbox.editor.clientSecret);
    expect(await readStoredEntry(home, 'default:client-secret')).toBe(sandbox.editor.clientSecret);
  });
});
