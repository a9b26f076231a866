import { setTimeout as delay } from 'node:timers/promises';

import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import { removeTempHomes, startCli } from '../support/cli.js';
import { obtainAccessToken } from '../support/oauth.js';

import type { Sandbox } from '../../src/sandbox/index.js';

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

async function ownMesureIds(): Promise<number[]> {
  const response = await request(`${sandbox.apiUrl}/api/editors/mesures`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.body.json()) as { mesures: { id: number }[] };
  return body.mesures.map((mesure) => mesure.id);
}

/** Waits until `read()` contains `text`, at most 10 s. */
async function waitForText(read: () => string, text: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!read().includes(text)) {
    if (Date.now() > deadline) throw new Error(`"${text}" did not appear within 10 s: ${read()}`);
    await delay(20);
  }
}

describe('Ctrl-C during mesures purge', () => {
  it('names the mesures already deleted', async () => {
    const before = await ownMesureIds();
    sandbox.faults.set({ latencyMs: 400 });
    let stderr = '';
    const { child, result } = await startCli(['mesures', 'purge', '--yes'], {
      sandbox,
      env: { EMJPM_ACCESS_TOKEN: token },
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await waitForText(() => stderr, 'Your mesures by status');
    // One DELETE takes the 400 ms latency, so after 600 ms the first is done and the second runs.
    await delay(600);
    child.kill('SIGINT');
    const { exitCode, stderr: output } = await result;
    sandbox.faults.clear();

    expect(exitCode).toBe(130);
    const match = /Interrupted\. (\d+) mesures? of (\d+) deleted(?: \(ids ([\d, ]+)\))?/.exec(output);
    expect(match).not.toBeNull();
    const reportedIds = (match?.[3] ?? '').split(', ').filter(Boolean).map(Number);
    expect(reportedIds.length).toBeGreaterThan(0);
    const after = await ownMesureIds();
    for (const id of reportedIds) {
      expect(before).toContain(id);
      expect(after).not.toContain(id);
    }
    expect(output).toContain('Run `emjpm mesures purge` again to delete the rest.');
  });
});
