import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const demo = fileURLToPath(new URL('../../scripts/demo.js', import.meta.url));

describe('demo script', () => {
  it('logs in, imports and lists', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [demo], {
      env: { PATH: process.env.PATH },
      timeout: 120_000,
    });
    expect(stderr).toContain('Logged in to eMJPM');
    expect(stdout).toContain('300 created, 0 updated, 0 unchanged, 0 deleted, 0 rejected by eMJPM');
    expect(stdout).toContain('0 created, 0 updated, 300 unchanged, 0 deleted, 0 rejected by eMJPM');
    expect(stdout).toMatch(/en_cours: \d+, eteinte: \d+, en_attente: \d+/);
  }, 150_000);
});
