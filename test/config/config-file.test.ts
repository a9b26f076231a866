import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { UserError } from '../../src/cli/errors.js';
import { readConfigFile, writeConfigFile } from '../../src/config/config-file.js';

describe('config file', () => {
  let folder: string;
  let path: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'emjpm-config-'));
    path = join(folder, 'emjpm', 'config.json');
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads a missing file as empty', async () => {
    expect(await readConfigFile(path)).toEqual({ version: 1, profiles: {} });
  });

  it('round-trips profiles', async () => {
    const config = {
      version: 1 as const,
      profiles: { default: { env: 'test' as const, clientId: 4, port: 9000 } },
    };
    await writeConfigFile(path, config);
    expect(await readConfigFile(path)).toEqual(config);
  });

  it('writes with mode 0600', async () => {
    await writeConfigFile(path, { version: 1, profiles: {} });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('leaves no temporary file behind', async () => {
    await writeConfigFile(path, { version: 1, profiles: {} });
    expect(await readdir(join(folder, 'emjpm'))).toEqual(['config.json']);
  });

  it('names the path of a corrupt file', async () => {
    await writeConfigFile(path, { version: 1, profiles: {} });
    await writeFile(path, '{"version": 1,');
    const error = await readConfigFile(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(path);
    expect((error as UserError).hint).toContain('emjpm config set');
  });

  it('rejects an unknown key', async () => {
    await writeConfigFile(path, { version: 1, profiles: {} });
    await writeFile(path, JSON.stringify({ version: 1, profiles: { default: { colour: 'red' } } }));
    await expect(readConfigFile(path)).rejects.toThrow('unknown key "colour"');
  });

  it('rejects a bad value', async () => {
    await writeConfigFile(path, { version: 1, profiles: {} });
    await writeFile(path, JSON.stringify({ version: 1, profiles: { default: { port: 'x' } } }));
    await expect(readConfigFile(path)).rejects.toThrow('Invalid port "x"');
  });
});
