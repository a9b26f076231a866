import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { nativeColumns } from '../../src/import/native-columns.js';
import {
  emjpm,
  fixture,
  parseImport,
  remoteMesures,
  serviceLogin,
  useImportTargets,
  writeRequests,
} from './import-support.js';

const { target, folder } = useImportTargets('emjpm-export-');

describe('mesures export', () => {
  it('writes the native CSV header', async () => {
    const result = await emjpm(await target(), ['mesures', 'export']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\r\n')[0]).toBe(`\ufeff${nativeColumns.join(';')}`);
  });

  it('writes one line per mesure', async () => {
    const started = await target();
    const result = await emjpm(started, ['mesures', 'export']);
    const lines = result.stdout.split('\r\n').filter((line) => line !== '');
    expect(lines).toHaveLength((await remoteMesures(started)).length + 1);
  });

  it('filters by status', async () => {
    const started = await target();
    const result = await emjpm(started, [
      'mesures',
      'export',
      '--status',
      'en_attente',
      '--output',
      'json',
    ]);
    const exported = JSON.parse(result.stdout) as { id: number; status: string }[];
    expect(exported.map((mesure) => mesure.id)).toEqual(
      (await remoteMesures(started, 'en_attente')).map((mesure) => mesure.id),
    );
    expect(exported.every((mesure) => mesure.status === 'en_attente')).toBe(true);
  });

  it('rejects an unknown status', async () => {
    const result = await emjpm(await target(), ['mesures', 'export', '--status', 'closed']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--status: unknown status closed.');
  });

  it('writes NDJSON to a file', async () => {
    const started = await target();
    const file = join(folder(), 'mesures.ndjson');
    const result = await emjpm(started, [
      'mesures',
      'export',
      '--output',
      'ndjson',
      '--file',
      file,
    ]);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(result.stdout).toBe('');
    expect(lines.map((line) => (JSON.parse(line) as { id: number }).id).sort()).toEqual(
      (await remoteMesures(started)).map((mesure) => mesure.id).sort(),
    );
  });
});

describe('export and import round trip', () => {
  const formats: [string, string][] = [
    ['csv', 'export.csv'],
    ['ndjson', 'export.ndjson'],
  ];
  for (const [format, name] of formats) {
    it(`changes nothing through ${format}`, async () => {
      const started = await target();
      await emjpm(started, ['mesures', 'import', fixture('mesures.ndjson')]);
      const file = join(folder(), `individual-${name}`);
      await emjpm(started, ['mesures', 'export', '--output', format, '--file', file]);
      started.sandbox.stats.reset();
      const result = await emjpm(started, ['mesures', 'import', file, '--json']);
      const total = (await remoteMesures(started)).length;
      expect(result.exitCode).toBe(0);
      expect(parseImport(result).summary).toMatchObject({
        rowsRead: total,
        unchanged: total,
        created: 0,
        updated: 0,
      });
      expect(writeRequests(started.sandbox)).toBe(0);
    });

    it(`keeps antennes through ${format}`, async () => {
      const started = await target(serviceLogin);
      const file = join(folder(), `service-${name}`);
      await emjpm(started, ['mesures', 'export', '--output', format, '--file', file]);
      started.sandbox.stats.reset();
      const result = await emjpm(started, ['mesures', 'import', file, '--json']);
      expect(parseImport(result).summary).toMatchObject({ created: 0, updated: 0 });
      expect(writeRequests(started.sandbox)).toBe(0);
    });
  }

  it('applies an edited export', async () => {
    const started = await target();
    const file = join(folder(), 'edited.csv');
    await emjpm(started, ['mesures', 'export', '--file', file]);
    const lines = (await readFile(file, 'utf8')).split('\r\n');
    const header = lines[0]!.replace('\ufeff', '').split(';');
    const cells = lines[1]!.split(';');
    const rg = cells[header.indexOf('numero_rg')];
    cells[header.indexOf('numero_dossier')] = 'EDITED-1';
    lines[1] = cells.join(';');
    await writeFile(file, lines.join('\r\n'));
    const result = await emjpm(started, ['mesures', 'import', file, '--json']);
    expect(parseImport(result).summary).toMatchObject({ updated: 1, created: 0 });
    const edited = (await remoteMesures(started)).find((mesure) => mesure.numero_rg === rg);
    expect(edited?.numero_dossier).toBe('EDITED-1');
  });
});
