import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { editors, mesureBody, startTestSandbox } from './helpers.js';

let directory: string;
let dataFile: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'emjpm-sandbox-'));
  dataFile = join(directory, 'state.json');
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('data file', () => {
  test('is written at first start', async () => {
    const sandbox = await startTestSandbox({ dataFile });
    try {
      const saved = JSON.parse(await readFile(dataFile, 'utf8'));
      expect(saved.version).toBe(1);
      expect(saved.editor.secret).toBe(sandbox.editor.clientSecret);
    } finally {
      await sandbox.close();
    }
  });

  test('keeps mesures, credentials and tokens across restarts', async () => {
    const first = await startTestSandbox({ dataFile });
    const pair = first.issueTokens(first.users[0]!.login);
    const created = await editors(first, pair.access_token, 'POST', '/mesures', {
      body: mesureBody({ numero_rg: 'KEEP0001' }),
    });
    await first.close();

    const second = await startTestSandbox({ dataFile });
    try {
      expect(second.editor.clientSecret).toBe(first.editor.clientSecret);
      expect(second.users).toEqual(first.users);
      const read = await editors(second, pair.access_token, 'GET', `/mesures/${created.json().id}`);
      expect(read.status).toBe(200);
      expect(read.json()).toEqual(created.json());
    } finally {
      await second.close();
    }
  });

  test('new ids continue after restart', async () => {
    const first = await startTestSandbox({ dataFile });
    const firstToken = first.issueTokens(first.users[0]!.login).access_token;
    const a = await editors(first, firstToken, 'POST', '/mesures', {
      body: mesureBody({ numero_rg: 'IDS00001' }),
    });
    await first.close();
    const second = await startTestSandbox({ dataFile });
    try {
      const secondToken = second.issueTokens(second.users[0]!.login).access_token;
      const b = await editors(second, secondToken, 'POST', '/mesures', {
        body: mesureBody({ numero_rg: 'IDS00002' }),
      });
      expect(b.json().id).toBeGreaterThan(a.json().id);
    } finally {
      await second.close();
    }
  });

  test('saves writes before close', async () => {
    const sandbox = await startTestSandbox({ dataFile });
    try {
      const bearer = sandbox.issueTokens(sandbox.users[0]!.login).access_token;
      await editors(sandbox, bearer, 'DELETE', '/mesures');
      await new Promise((resolve) => setTimeout(resolve, 600));
      const saved = JSON.parse(await readFile(dataFile, 'utf8'));
      const owners = saved.mesures.map((mesure: { owner: string }) => mesure.owner);
      expect(owners.every((owner: string) => owner.startsWith('service:'))).toBe(true);
    } finally {
      await sandbox.close();
    }
  });

  test('leaves no temporary files', async () => {
    const sandbox = await startTestSandbox({ dataFile });
    const bearer = sandbox.issueTokens(sandbox.users[0]!.login).access_token;
    for (let index = 0; index < 5; index += 1) {
      await editors(sandbox, bearer, 'POST', '/mesures', {
        body: mesureBody({ numero_rg: `TMP0000${index}` }),
      });
    }
    await sandbox.close();
    expect(await readdir(directory)).toEqual(['state.json']);
  });

  test('rejects a foreign file', async () => {
    await writeFile(dataFile, JSON.stringify({ hello: 'world' }));
    await expect(startTestSandbox({ dataFile })).rejects.toThrow(/not a version 1 sandbox state/);
  });

  test('without data file state is fresh', async () => {
    const first = await startTestSandbox();
    const second = await startTestSandbox();
    try {
      expect(second.editor.clientSecret).not.toBe(first.editor.clientSecret);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('startup', () => {
  test('starts well under a second', async () => {
    const started = performance.now();
    const sandbox = await startTestSandbox();
    const elapsedMs = performance.now() - started;
    await sandbox.close();
    expect(elapsedMs).toBeLessThan(1000);
  });
});

describe('port conflicts', () => {
  test('busy port names the fix', async () => {
    const first = await startTestSandbox();
    try {
      const port = Number(new URL(first.apiUrl).port);
      await expect(startTestSandbox({ port })).rejects.toThrow(
        /port is already in use\. Choose another port, or 0 for a free one\./,
      );
    } finally {
      await first.close();
    }
  });
});
