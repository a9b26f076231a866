import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  emjpm,
  endState,
  fixture,
  parseImport,
  remoteMesures,
  useImportTargets,
  writeRequests,
} from './import-support.js';

const { target, folder } = useImportTargets('emjpm-import-');

describe('mesures import formats', () => {
  const formats: [string, string[], number][] = [
    ['mesures-emjpm.csv', [], 300],
    ['mesures-emjpm-windows-1252.csv', [], 300],
    ['mesures-emjpm-tab.txt', [], 300],
    ['mesures-native.csv', [], 300],
    ['mesures.ndjson', [], 300],
    ['map/logiciel-tutelia.csv', ['--map', fixture('map/logiciel-tutelia.map.json')], 6],
  ];
  for (const [name, args, rows] of formats) {
    it(`imports ${name}`, async () => {
      const started = await target();
      const before = (await remoteMesures(started)).length;
      const result = await emjpm(started, ['mesures', 'import', fixture(name), ...args, '--json']);
      const { summary } = parseImport(result);
      expect(result.exitCode).toBe(0);
      expect(summary).toMatchObject({ rowsRead: rows, valid: rows, invalid: 0, created: rows, failed: 0 });
      expect((await remoteMesures(started)).length).toBe(before + rows);
    });
  }

  it('reads Windows-1252 like UTF-8', async () => {
    const utf8 = await target();
    const windows = await target();
    await emjpm(utf8, ['mesures', 'import', fixture('mesures-emjpm.csv')]);
    await emjpm(windows, ['mesures', 'import', fixture('mesures-emjpm-windows-1252.csv')]);
    const [utf8State, windowsState] = await Promise.all([endState(utf8), endState(windows)]);
    expect(windowsState.filter((mesure) => !utf8State.includes(mesure))).toEqual([]);
  });

  it('prints a human summary', async () => {
    const result = await emjpm(await target(), ['mesures', 'import', fixture('mesures-emjpm.csv')]);
    expect(result.stdout).toMatch(/^.*mesures-emjpm\.csv: 300 rows read \(emjpm, utf-8\), 300 valid, 0 invalid\n300 created, 0 updated, 0 unchanged, 0 deleted, 0 rejected by eMJPM\n0 warnings, 3 requests, /);
  });
});

describe('mesures import again', () => {
  it('sends no writes the second time', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('mesures-emjpm.csv')]);
    started.sandbox.stats.reset();
    const result = await emjpm(started, ['mesures', 'import', fixture('mesures-emjpm.csv'), '--json']);
    expect(result.exitCode).toBe(0);
    expect(parseImport(result).summary).toMatchObject({ created: 0, updated: 0, unchanged: 300 });
    expect(writeRequests(started.sandbox)).toBe(0);
  });

  it('sends no writes for NDJSON the second time', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('mesures.ndjson')]);
    started.sandbox.stats.reset();
    await emjpm(started, ['mesures', 'import', fixture('mesures.ndjson')]);
    expect(writeRequests(started.sandbox)).toBe(0);
  });

  it('sends nothing on a dry run', async () => {
    const started = await target();
    const result = await emjpm(started, ['mesures', 'import', fixture('mesures-emjpm.csv'), '--dry-run', '--json']);
    expect(parseImport(result).summary).toMatchObject({ created: 300, dryRun: true });
    expect(writeRequests(started.sandbox)).toBe(0);
  });

  it('updates only the changed rows', async () => {
    const started = await target();
    const original = await readFile(fixture('mesures-emjpm.csv'), 'utf8');
    await emjpm(started, ['mesures', 'import', fixture('mesures-emjpm.csv')]);
    const lines = original.split('\r\n');
    lines[1] = lines[1]!.replace(';SDF;', ';domicile;');
    const edited = join(folder(), 'edited.csv');
    await writeFile(edited, lines.join('\r\n'));
    const result = await emjpm(started, ['mesures', 'import', edited, '--json']);
    expect(parseImport(result).summary).toMatchObject({ created: 0, updated: 1, unchanged: 299 });
  });

  it('keeps the état history on update', async () => {
    const started = await target();
    const original = await readFile(fixture('mesures-emjpm.csv'), 'utf8');
    await emjpm(started, ['mesures', 'import', fixture('mesures-emjpm.csv')]);
    const lines = original.split('\r\n');
    lines[1] = lines[1]!.replace(';SDF;', ';domicile;');
    const edited = join(folder(), 'history.csv');
    await writeFile(edited, lines.join('\r\n'));
    await emjpm(started, ['mesures', 'import', edited]);
    const mesure = (await remoteMesures(started)).find((candidate) => candidate.numero_rg === '02400000');
    expect(mesure?.etats.map((etat) => etat.lieu_vie)).toEqual(['sdf', 'domicile']);
  });
});

interface DamagedCase {
  file: string;
  args?: string[];
  exitCode: number;
  summary: Record<string, number>;
  /** line, column, severity of each issue, in order. */
  issues: [number, string, string][];
}

describe('mesures import damaged files', () => {
  const cases: DamagedCase[] = [
    {
      file: 'siret-scientific.csv',
      exitCode: 4,
      summary: { valid: 2, invalid: 1, created: 2 },
      issues: [[3, 'tribunal_siret', 'error']],
    },
    {
      file: 'postal-code-lost-zero.csv',
      exitCode: 0,
      summary: { valid: 2, created: 2, warnings: 2 },
      issues: [
        [2, 'code_postal', 'warning'],
        [3, 'code_postal', 'warning'],
      ],
    },
    {
      file: 'two-digit-year.csv',
      exitCode: 4,
      summary: { valid: 1, invalid: 1, created: 1 },
      issues: [[2, 'date_nomination', 'error']],
    },
    {
      file: 'two-digit-year.csv',
      args: ['--century', '20'],
      exitCode: 0,
      summary: { valid: 2, created: 2, warnings: 1 },
      issues: [[2, 'date_nomination', 'warning']],
    },
    {
      file: 'spaces.csv',
      exitCode: 0,
      summary: { valid: 2, created: 2, warnings: 3 },
      issues: [
        [2, 'ville', 'warning'],
        [3, 'numero_rg', 'warning'],
        [3, 'residence', 'warning'],
      ],
    },
    {
      file: 'no-type-etablissement.csv',
      exitCode: 4,
      summary: { valid: 1, invalid: 2, created: 1 },
      issues: [
        [2, 'residence', 'error'],
        [4, 'residence', 'error'],
      ],
    },
    {
      file: 'no-type-etablissement.csv',
      args: ['--default-type-etablissement', 'etablissement_personne_agee'],
      exitCode: 0,
      summary: { valid: 3, created: 3 },
      issues: [],
    },
    {
      file: 'invalid-values.csv',
      exitCode: 4,
      summary: { valid: 1, invalid: 2, created: 1 },
      issues: [
        [3, 'type', 'error'],
        [4, 'annee', 'error'],
        [4, 'civilite', 'error'],
        [4, 'residence', 'error'],
      ],
    },
    {
      file: 'duplicate-rg.csv',
      exitCode: 0,
      summary: { rowsRead: 2, valid: 2, created: 1, warnings: 1 },
      issues: [[3, 'numero_rg', 'warning']],
    },
    {
      file: 'trailing-empty.csv',
      exitCode: 0,
      summary: { rowsRead: 2, valid: 2, created: 2 },
      issues: [],
    },
    {
      file: 'headers-accents.csv',
      exitCode: 0,
      summary: { rowsRead: 1, valid: 1, created: 1 },
      issues: [],
    },
  ];

  for (const { file, args = [], exitCode, summary, issues } of cases) {
    it(`handles ${file} ${args.join(' ')}`.trim(), async () => {
      const result = await emjpm(await target(), ['mesures', 'import', fixture(`damaged/${file}`), ...args, '--json']);
      const output = parseImport(result);
      expect(result.exitCode).toBe(exitCode);
      expect(output.summary).toMatchObject(summary);
      const found = output.issues
        .map((issue) => [issue.line, issue.column, issue.severity])
        .sort((a, b) => Number(a[0]) - Number(b[0]) || String(a[1]).localeCompare(String(b[1])));
      expect(found).toEqual(issues);
    });
  }

  it('names the fix for a scientific SIRET', async () => {
    const result = await emjpm(await target(), ['mesures', 'import', fixture('damaged/siret-scientific.csv')]);
    expect(result.stderr).toContain(
      'Error: line 3, column tribunal_siret "1,78001E+13": "1,78001E+13" is a SIRET turned into a number in scientific notation, which lost its last digits: format the column as text in the spreadsheet, type the 14 digits again and save the file',
    );
  });

  it('rejects an Excel workbook', async () => {
    const started = await target();
    const result = await emjpm(started, ['mesures', 'import', fixture('damaged/workbook.xlsx')]);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('is an Excel workbook, not a CSV file.');
    expect(result.stderr).toContain('save it as "CSV UTF-8" with ";" as separator');
    expect(writeRequests(started.sandbox)).toBe(0);
  });

  it('restores the postal code zero', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('damaged/postal-code-lost-zero.csv')]);
    const codes = (await remoteMesures(started)).flatMap((mesure) => mesure.etats.map((etat) => etat.code_postal));
    expect(codes).toContain('01000');
  });

  it('keeps the later duplicate row', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('damaged/duplicate-rg.csv')]);
    const mesure = (await remoteMesures(started)).find((candidate) => candidate.numero_rg === '02100701');
    expect(mesure?.numero_dossier).toBe('G-1bis');
  });

  it('names both duplicate lines', async () => {
    const result = await emjpm(await target(), ['mesures', 'import', fixture('damaged/duplicate-rg.csv'), '--json']);
    expect(parseImport(result).issues[0]?.message).toBe(
      'lines 2 and 3 are the same mesure (same normalised numero RG and tribunal): line 3 is kept, line 2 ignored',
    );
  });
});

describe('mesures import options', () => {
  it('writes the report CSV', async () => {
    const report = join(folder(), 'report.csv');
    await emjpm(await target(), ['mesures', 'import', fixture('damaged/invalid-values.csv'), '--report', report]);
    const lines = (await readFile(report, 'utf8')).split('\r\n');
    expect(lines[0]).toBe('\ufeffline;severity;column;value;message');
    expect(lines[1]).toMatch(/^3;error;type;tutelle renforcée;"?""tutelle renforcée"" is not a type of mesure/);
    expect(lines).toHaveLength(6);
  });

  it('sends nothing with --all-or-nothing', async () => {
    const started = await target();
    const result = await emjpm(started, ['mesures', 'import', fixture('damaged/invalid-values.csv'), '--all-or-nothing']);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('2 row(s) were invalid or rejected by eMJPM. Nothing was sent.');
    expect(writeRequests(started.sandbox)).toBe(0);
  });

  it('rejects loose RGs with --strict-rg', async () => {
    const file = join(folder(), 'strict.csv');
    await writeFile(
      file,
      'date_nomination;type;ville;civilite;annee;numero_rg;residence;tribunal_siret\n' +
        '12/01/2021;tutelle;ABBEVILLE;F;1941;RG210001;domicile;17800111100396\n' +
        '12/01/2021;tutelle;ABBEVILLE;F;1941;21/00002;domicile;17800111100396\n',
    );
    const result = await emjpm(await target(), ['mesures', 'import', file, '--strict-rg', '--json']);
    const output = parseImport(result);
    expect(output.summary).toMatchObject({ valid: 1, invalid: 1, created: 1 });
    expect(output.issues.map((issue) => [issue.line, issue.column])).toEqual([[3, 'numero_rg']]);
  });

  it('warns when the RG loses characters', async () => {
    const file = join(folder(), 'long-rg.csv');
    await writeFile(
      file,
      'date_nomination;type;ville;civilite;annee;numero_rg;residence;tribunal_siret\n' +
        '12/01/2021;tutelle;ABBEVILLE;F;1941;rg-2020/123;domicile;17800111100396\n',
    );
    const result = await emjpm(await target(), ['mesures', 'import', file, '--json']);
    expect(parseImport(result).issues[0]?.message).toMatch(/^numero RG "rg-2020\/123" is stored as "RG202012": eMJPM keeps 8 characters and drops "3"/);
  });

  it('rejects a file without required columns', async () => {
    const file = join(folder(), 'columns.csv');
    await writeFile(file, 'date_nomination;type;ville\n12/01/2021;tutelle;ABBEVILLE\n');
    const result = await emjpm(await target(), ['mesures', 'import', file]);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('lacks the required emjpm columns: civilite, annee_naissance, numero_rg, lieu_vie, tribunal_siret');
  });

  it('rejects a batch size over 1000', async () => {
    const result = await emjpm(await target(), ['mesures', 'import', fixture('mesures-emjpm.csv'), '--batch-size', '1001']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--batch-size must be a whole number from 1 to 1000');
  });

  it('sends batches of the given size', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('mesures-emjpm.csv'), '--batch-size', '100']);
    expect(started.sandbox.stats.editorsRequests['POST /mesures/batch']).toBe(3);
  });
});
