import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { editors, mesureBody, startTestSandbox } from './helpers.js';

const PERSISTENCE_MODULE = fileURLToPath(
  new URL('../../dist/sandbox/store/persistence.js', import.meta.url),
);

let directory: string;
let dataFile: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'emjpm-sandbox-damage-'));
  dataFile = join(directory, 'state.json');
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Starts a sandbox on the data file once, so that the file contains a valid fresh state. */
async function writeFreshState(): Promise<Record<string, any>> {
  const sandbox = await startTestSandbox({ dataFile });
  await sandbox.close();
  return JSON.parse(await readFile(dataFile, 'utf8'));
}

describe('damaged data file', () => {
  test('half-written file names the fix', async () => {
    const text = JSON.stringify(await writeFreshState());
    await writeFile(dataFile, text.slice(0, Math.floor(text.length / 2)));
    const started = startTestSandbox({ dataFile });
    await expect(started).rejects.toThrow(`Sandbox data file ${dataFile} is not valid JSON`);
    await expect(started).rejects.toThrow('Move it away to start fresh.');
  });

  test('empty file is not valid JSON', async () => {
    await writeFile(dataFile, '');
    await expect(startTestSandbox({ dataFile })).rejects.toThrow(/is not valid JSON/);
  });

  test('missing mesure field is named', async () => {
    const state = await writeFreshState();
    delete state.mesures[2].etats;
    await writeFile(dataFile, JSON.stringify(state));
    await expect(startTestSandbox({ dataFile })).rejects.toThrow(
      'state.mesures[2].etats is not an array',
    );
  });

  test('wrong token type is named', async () => {
    const state = await writeFreshState();
    state.tokens = [{ accessToken: 42 }];
    await writeFile(dataFile, JSON.stringify(state));
    await expect(startTestSandbox({ dataFile })).rejects.toThrow(
      'state.tokens[0].accessToken is not a string',
    );
  });

  test('repeated mesure id is rejected', async () => {
    const state = await writeFreshState();
    state.mesures[1].id = state.mesures[0].id;
    await writeFile(dataFile, JSON.stringify(state));
    await expect(startTestSandbox({ dataFile })).rejects.toThrow(
      'state.mesures[1] repeats the id of state.mesures[0]',
    );
  });

  test('repeated case key is rejected', async () => {
    const state = await writeFreshState();
    state.mesures.push({ ...state.mesures[0], id: 999 });
    await writeFile(dataFile, JSON.stringify(state));
    await expect(startTestSandbox({ dataFile })).rejects.toThrow(/repeats the court and numero_rg/);
  });

  test('low next id is raised past existing ids', async () => {
    const state = await writeFreshState();
    state.nextMesureId = 1;
    await writeFile(dataFile, JSON.stringify(state));
    const sandbox = await startTestSandbox({ dataFile });
    try {
      const token = sandbox.issueTokens(sandbox.users[0]!.login).access_token;
      const created = await editors(sandbox, token, 'POST', '/mesures', {
        body: mesureBody({ numero_rg: 'NEXTID01' }),
      });
      const maxSeededId = Math.max(...state.mesures.map((mesure: { id: number }) => mesure.id));
      expect(created.json().id).toBe(maxSeededId + 1);
      expect((await editors(sandbox, token, 'GET', '/mesures/1')).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  test('unwritable path fails the start', async () => {
    const missing = join(directory, 'no-such-directory', 'state.json');
    await expect(startTestSandbox({ dataFile: missing })).rejects.toThrow(
      `Cannot write the sandbox data file ${missing}`,
    );
  });

  test('stale temporary file is removed', async () => {
    await writeFreshState();
    // A process id above the kernel's maximum cannot be running.
    const stale = `${dataFile}.99999999.0123abcd.tmp`;
    await writeFile(stale, '{"half":');
    const sandbox = await startTestSandbox({ dataFile });
    await sandbox.close();
    expect(await readdir(directory)).toEqual(['state.json']);
  });
});

/**
 * Runs a child that saves a large state in a loop for at most 10 s, and kills it with SIGKILL
 * `killAfterMs` after it starts saving.
 */
async function killDuringSaves(killAfterMs: number): Promise<void> {
  const script = `
    import { readFileSync } from 'node:fs';
    import { writeStateFile } from ${JSON.stringify(PERSISTENCE_MODULE)};
    const dataFile = ${JSON.stringify(dataFile)};
    const state = JSON.parse(readFileSync(dataFile, 'utf8'));
    const template = state.mesures[0];
    state.mesures = Array.from({ length: 20000 }, (_, index) => ({
      ...template,
      id: index + 1,
      numero_rg: String(index).padStart(8, '0'),
    }));
    state.nextMesureId = 20001;
    process.stdout.write('saving\\n');
    const deadline = Date.now() + 10000;
    for (let round = 0; round < 1000 && Date.now() < deadline; round += 1) {
      state.nextMesureId += 1;
      await writeStateFile(dataFile, state);
    }
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  child.kill('SIGKILL');
  await exited;
}

describe('kill during save', () => {
  test('file stays loadable after SIGKILL', async () => {
    await writeFreshState();
    for (const killAfterMs of [5, 40, 90, 160, 250, 400, 600]) {
      await killDuringSaves(killAfterMs);
      const saved = JSON.parse(await readFile(dataFile, 'utf8'));
      expect(saved.version, `killed after ${killAfterMs} ms`).toBe(1);
      const sandbox = await startTestSandbox({ dataFile });
      await sandbox.close();
    }
    expect(await readdir(directory)).toEqual(['state.json']);
  }, 60_000);
});
