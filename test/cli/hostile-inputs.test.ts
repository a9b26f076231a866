import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import { createTempHome, removeTempHomes, runCli } from '../support/cli.js';
import { obtainAccessToken } from '../support/oauth.js';

import type { AddressInfo } from 'node:net';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { CliOptions } from '../support/cli.js';

const proxyPassword = 'pr0xy-pa55word';

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ autoApprove: true });
  token = await obtainAccessToken(sandbox);
});

afterAll(async () => {
  await sandbox.close();
  await removeTempHomes();
});

function run(args: string[], options: CliOptions = {}) {
  return runCli(args, { ...options, sandbox, env: { EMJPM_ACCESS_TOKEN: token, ...options.env } });
}

/** Starts an HTTP server on 127.0.0.1 that sends `body` as JSON with status 200 to any request. */
async function startFakeApi(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('malformed proxy variables', () => {
  const malformed = [
    'garbage',
    `http://user:${proxyPassword}@[::1`,
    `user:${proxyPassword}@proxy.example:3128`,
  ];

  for (const value of malformed) {
    it(`rejects ${value.replace(proxyPassword, 'PASSWORD')} as usage`, async () => {
      const result = await run(['mesures', 'list'], { env: { HTTPS_PROXY: value, HTTP_PROXY: value } });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('Invalid proxy setting');
      expect(result.stderr).not.toContain('Unexpected error');
    });

    it(`hides the password of ${value.replace(proxyPassword, 'PASSWORD')}`, async () => {
      const env = { HTTPS_PROXY: value, HTTP_PROXY: value };
      const list = await run(['--debug', 'mesures', 'list'], { env });
      const json = await run(['--json', 'mesures', 'list'], { env });
      const doctor = await run(['doctor'], { env });
      for (const result of [list, json, doctor]) {
        expect(result.stdout + result.stderr).not.toContain(proxyPassword);
      }
    });
  }

  it('lets doctor report a malformed proxy', async () => {
    const result = await run(['doctor'], { env: { HTTP_PROXY: 'garbage' } });
    expect(result.stdout).toMatch(/fail +proxy/);
    expect(result.stderr).not.toContain('Unexpected error');
  });
});

describe('config folder under a file', () => {
  it('rejects config set with a clear error', async () => {
    const home = await createTempHome();
    await writeFile(join(home, '.config'), 'not a folder');
    const result = await run(['config', 'set', 'env', 'test'], { home });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(join(home, '.config'));
    expect(result.stderr).not.toContain('Unexpected error');
  });

  it('rejects mesures list with a clear error', async () => {
    const home = await createTempHome();
    await writeFile(join(home, '.config'), 'not a folder');
    const result = await run(['mesures', 'list'], { home });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(join(home, '.config'));
    expect(result.stderr).not.toContain('Unexpected error');
  });
});

describe('list responses with malformed items', () => {
  const bodies = {
    'a null mesure': '{"mesures":[null]}',
    'a mesure without an id': '{"mesures":[{"numero_rg":"24/1"}]}',
    'etats that are not a list': '{"mesures":[{"id":1,"etats":"none"}]}',
    'a string antenne': '{"antennes":["x"]}',
  };

  for (const [name, body] of Object.entries(bodies)) {
    it(`rejects ${name} as an API failure`, async () => {
      const api = await startFakeApi(body);
      try {
        const command = name.includes('antenne') ? ['antennes', 'list'] : ['mesures', 'list'];
        const result = await run(command, { env: { EMJPM_API_URL: api.url } });
        expect(result.exitCode).toBe(5);
        expect(result.stderr).toContain('Unexpected response');
      } finally {
        await api.close();
      }
    });
  }
});

describe('mesures list --output csv', () => {
  it('neutralises cells a spreadsheet would run', async () => {
    const formula = '=HYPERLINK("http://127.0.0.1/","x")';
    const set = await run(['mesures', 'update', '1', '--set', `numero_dossier=${formula}`]);
    expect(set.exitCode).toBe(0);
    const result = await run(['mesures', 'list', '--output', 'csv']);
    expect(result.stdout).toContain(`"'=HYPERLINK(""http://127.0.0.1/"",""x"")"`);
    expect(result.stdout).not.toContain(',"=HYPERLINK');
  });

  it('keeps negative numbers as numbers', async () => {
    const header = (await run(['mesures', 'list', '--output', 'csv'])).stdout.split('\r\n')[0];
    expect(header).toContain('longitude');
    const api = await startFakeApi('{"mesures":[{"id":7,"longitude":-1.55,"etats":[]}]}');
    try {
      const result = await run(['mesures', 'list', '--output', 'csv'], { env: { EMJPM_API_URL: api.url } });
      expect(result.stdout).toContain(',-1.55,');
    } finally {
      await api.close();
    }
  });
});

describe('mesures update --set names', () => {
  for (const name of ['constructor', 'toString', 'etats[0].__proto__', 'etat.hasOwnProperty']) {
    it(`rejects ${name} as an unknown field`, async () => {
      const result = await run(['mesures', 'update', '1', '--set', `${name}=1`]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('Unknown field');
    });
  }
});
