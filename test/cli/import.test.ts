import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parse } from 'csv-parse/sync';
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
      expect(summary).toMatchObject({
        rowsRead: rows,
        valid: rows,
        invalid: 0,
        created: rows,
        failed: 0,
      });
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
    expect(result.stdout).toMatch(
      /^.*mesures-emjpm\.csv: 300 rows read \(emjpm, utf-8\), 300 valid, 0 invalid\n300 created, 0 updated, 0 unchanged, 0 deleted, 0 rejected by eMJPM\n0 warnings, 3 requests, /,
    );
  });
});

describe('mesures import again', () => {
  it('sends no writes the second time', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('mesures-emjpm.csv')]);
    started.sandbox.stats.reset();
    const result = await emjpm(started, [
      'mesures',
      'import',
      fixture('mesures-emjpm.csv'),
      '--json',
    ]);
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
    const result = await emjpm(started, [
      'mesures',
      'import',
      fixture('mesures-emjpm.csv'),
      '--dry-run',
      '--json',
    ]);
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
    const mesure = (await remoteMesures(started)).find(
      (candidate) => candidate.numero_rg === '02400000',
    );
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
    {
      file: 'column-aliases.csv',
      exitCode: 0,
      summary: { rowsRead: 1, valid: 1, created: 1, warnings: 1 },
      issues: [[2, 'Date de naissance', 'warning']],
    },
    {
      file: 'unicode-text.txt',
      exitCode: 0,
      summary: { rowsRead: 2, valid: 2, created: 2 },
      issues: [],
    },
    {
      file: 'title-row.csv',
      exitCode: 0,
      summary: { rowsRead: 2, valid: 2, created: 2 },
      issues: [],
    },
    {
      file: 'unclosed-quote.csv',
      exitCode: 4,
      summary: { rowsRead: 3, valid: 2, invalid: 1, created: 2 },
      issues: [[3, 'ville', 'error']],
    },
    {
      file: 'stray-quote.csv',
      exitCode: 4,
      summary: { rowsRead: 5, valid: 4, invalid: 1, created: 4 },
      issues: [[3, 'ville', 'error']],
    },
    {
      file: 'repeated-header.csv',
      exitCode: 4,
      summary: { rowsRead: 2, valid: 1, invalid: 1, created: 1, warnings: 1 },
      issues: [
        [1, 'numero_rg (column 7)', 'warning'],
        [3, 'numero_rg (column 7)', 'error'],
      ],
    },
    {
      file: 'shifted-cells.csv',
      exitCode: 4,
      summary: { rowsRead: 3, valid: 1, invalid: 2, created: 1 },
      issues: [
        [3, '', 'error'],
        [3, 'annee', 'error'],
        [3, 'civilite', 'error'],
        [3, 'civilite', 'warning'],
        [3, 'residence', 'error'],
        [3, 'tribunal_siret', 'error'],
        [4, '', 'error'],
      ],
    },
    {
      file: 'rg-truncation.csv',
      exitCode: 4,
      summary: { rowsRead: 2, valid: 1, invalid: 1, created: 1, warnings: 2 },
      issues: [
        [2, 'numero_rg', 'warning'],
        [3, 'numero_rg', 'error'],
        [3, 'numero_rg', 'warning'],
      ],
    },
    {
      file: 'spreadsheet-numbers.csv',
      exitCode: 4,
      summary: { rowsRead: 3, valid: 2, invalid: 1, created: 2, warnings: 9 },
      issues: [
        [2, 'annee', 'warning'],
        [2, 'code_postal', 'warning'],
        [2, 'tribunal_siret', 'warning'],
        [3, 'annee', 'warning'],
        [3, 'code_postal', 'warning'],
        [3, 'tribunal_siret', 'warning'],
        [4, 'annee', 'warning'],
        [4, 'code_postal', 'error'],
        [4, 'date_nomination', 'warning'],
        [4, 'tribunal_siret', 'warning'],
      ],
    },
  ];

  for (const { file, args = [], exitCode, summary, issues } of cases) {
    it(`handles ${file} ${args.join(' ')}`.trim(), async () => {
      const result = await emjpm(await target(), [
        'mesures',
        'import',
        fixture(`damaged/${file}`),
        ...args,
        '--json',
      ]);
      const output = parseImport(result);
      expect(result.exitCode).toBe(exitCode);
      expect(output.summary).toMatchObject(summary);
      const found = output.issues
        .map((issue) => [issue.line, issue.column, issue.severity])
        .sort(
          (a, b) =>
            Number(a[0]) - Number(b[0]) ||
            String(a[1]).localeCompare(String(b[1])) ||
            String(a[2]).localeCompare(String(b[2])),
        );
      expect(found).toEqual(issues);
    });
  }

  it('names the fix for a scientific SIRET', async () => {
    const result = await emjpm(await target(), [
      'mesures',
      'import',
      fixture('damaged/siret-scientific.csv'),
    ]);
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
    const codes = (await remoteMesures(started)).flatMap((mesure) =>
      mesure.etats.map((etat) => etat.code_postal),
    );
    expect(codes).toContain('01000');
  });

  it('keeps the later duplicate row', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('damaged/duplicate-rg.csv')]);
    const mesure = (await remoteMesures(started)).find(
      (candidate) => candidate.numero_rg === '02100701',
    );
    expect(mesure?.numero_dossier).toBe('G-1bis');
  });

  it('names both duplicate lines', async () => {
    const result = await emjpm(await target(), [
      'mesures',
      'import',
      fixture('damaged/duplicate-rg.csv'),
      '--json',
    ]);
    expect(parseImport(result).issues[0]?.message).toBe(
      'lines 2 and 3 are the same mesure (same normalised numero RG and tribunal): line 3 is kept, line 2 ignored',
    );
  });
});

describe('mesures import hostile files', () => {
  it('decodes UTF-16 text exports', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('damaged/unicode-text.txt')]);
    const mesures = (await remoteMesures(started)).filter((mesure) =>
      /^0\d{2}010/.test(mesure.numero_rg),
    );
    const etats = mesures.map((mesure) => mesure.etats[0]);
    expect(etats.map((etat) => etat?.ville).sort()).toEqual(['ABBEVILLE', 'PÉRONNE']);
    expect(etats.map((etat) => etat?.nature_mesure).sort()).toEqual([
      'curatelle_renforcee',
      'tutelle',
    ]);
  });

  it('keeps a quoted delimiter after a title', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('damaged/title-row.csv')]);
    const villes = (await remoteMesures(started)).map((mesure) => mesure.etats[0]?.ville);
    expect(villes).toContain('PERONNE; SOMME');
  });

  it('names the line of an unclosed quote', async () => {
    const result = await emjpm(await target(), [
      'mesures',
      'import',
      fixture('damaged/unclosed-quote.csv'),
    ]);
    expect(result.stderr).toContain(
      'Error: line 3, column ville "\"ABBEVILLE;F;1941;21/01202;M-2;domicile;17800111100396;": a quote (") opens the cell in column ville and is never closed',
    );
  });

  it('applies the rows a stray quote joined', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('damaged/stray-quote.csv')]);
    const rgs = (await remoteMesures(started))
      .map((mesure) => mesure.numero_rg)
      .filter((rg) => /^0\d{2}013/.test(rg))
      .sort();
    expect(rgs).toEqual(['02101301', '02201303', '02201304', '02201305']);
  });

  it('imports a JSON array export', async () => {
    const source = await target();
    await emjpm(source, ['mesures', 'import', fixture('mesures.ndjson')]);
    const exported = await emjpm(source, ['mesures', 'export', '--output', 'json']);
    const file = join(folder(), 'export.json');
    await writeFile(file, exported.stdout);
    const copy = await target();
    const seeded = (await remoteMesures(copy)).length;
    const result = await emjpm(copy, ['mesures', 'import', file, '--json']);
    expect(result.exitCode).toBe(0);
    expect(parseImport(result).summary).toMatchObject({
      format: 'json',
      rowsRead: seeded + 300,
      created: 300,
      unchanged: seeded,
    });
    expect(await endState(copy)).toEqual(await endState(source));
  });

  it('imports the CSV of mesures list', async () => {
    const source = await target();
    await emjpm(source, ['mesures', 'import', fixture('mesures.ndjson')]);
    const listed = await emjpm(source, ['mesures', 'list', '--output', 'csv']);
    const file = join(folder(), 'list.csv');
    await writeFile(file, listed.stdout);
    const copy = await target();
    const seeded = (await remoteMesures(copy)).length;
    const result = await emjpm(copy, ['mesures', 'import', file, '--json']);
    expect(result.exitCode).toBe(0);
    expect(parseImport(result).summary).toMatchObject({
      format: 'native',
      rowsRead: seeded + 300,
      created: 300,
      unchanged: seeded,
    });
  });

  it('names the broken element of a JSON array', async () => {
    const file = join(folder(), 'broken.json');
    const lines = (await readFile(fixture('mesures.ndjson'), 'utf8')).split('\n').slice(0, 2);
    await writeFile(file, `[\n${lines[0]},\n{"numero_rg": "x",,},\n${lines[1]}\n]\n`);
    const result = await emjpm(await target(), ['mesures', 'import', file, '--json']);
    const output = parseImport(result);
    expect(result.exitCode).toBe(4);
    expect(output.summary).toMatchObject({ rowsRead: 3, valid: 2, invalid: 1, created: 2 });
    expect(output.issues.map((issue) => issue.line)).toEqual([3]);
  });

  const unreadable: [string, (path: string) => Promise<void>, string][] = [
    [
      'an empty file',
      (path) => writeFile(path, ''),
      'is empty: it has no header line and no mesures.',
    ],
    ['blank lines', (path) => writeFile(path, '\r\n  \r\n'), 'contains only blank lines'],
    [
      'binary data',
      (path) => writeFile(path, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x41, 0x00, 0x42])),
      'is not a text file',
    ],
    ['a PDF', (path) => writeFile(path, '%PDF-1.7\n'), 'is a PDF document, not a CSV file.'],
  ];
  for (const [name, write, message] of unreadable) {
    it(`rejects ${name}`, async () => {
      const file = join(folder(), `unreadable-${name.replace(/\W+/g, '-')}.csv`);
      await write(file);
      const result = await emjpm(await target(), ['mesures', 'import', file]);
      expect(result.exitCode).toBe(4);
      expect(result.stderr).toContain(message);
    });
  }

  it('rejects a missing file', async () => {
    const result = await emjpm(await target(), ['mesures', 'import', join(folder(), 'absent.csv')]);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('File not found:');
  });

  it('rejects a folder', async () => {
    const result = await emjpm(await target(), ['mesures', 'import', folder()]);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('is a folder, not a file.');
  });

  it('skips a repeated header line', async () => {
    const file = join(folder(), 'concatenated.csv');
    const header = 'date_nomination;type;ville;civilite;annee;numero_rg;residence;tribunal_siret';
    await writeFile(
      file,
      `${header}\n12/01/2021;tutelle;ABBEVILLE;F;1941;21/01901;domicile;17800111100396\n` +
        `${header}\n12/01/2021;tutelle;ABBEVILLE;F;1941;21/01902;domicile;17800111100396\n`,
    );
    const result = await emjpm(await target(), ['mesures', 'import', file, '--json']);
    const output = parseImport(result);
    expect(result.exitCode).toBe(0);
    expect(output.summary).toMatchObject({ rowsRead: 2, created: 2, warnings: 1 });
    expect(output.issues[0]).toMatchObject({ line: 3, severity: 'warning' });
  });

  it('warns about a header without rows', async () => {
    const file = join(folder(), 'header-only.csv');
    await writeFile(
      file,
      'date_nomination;type;ville;civilite;annee;numero_rg;residence;tribunal_siret',
    );
    const result = await emjpm(await target(), ['mesures', 'import', file]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('has a header but no rows of mesures.');
  });

  it('warns about an unknown column', async () => {
    const file = join(folder(), 'unknown-column.csv');
    await writeFile(
      file,
      'date_nomination;type;ville;civilite;annee;numero_rg;residence;tribunal_siret;Solde\n' +
        '12/01/2021;tutelle;ABBEVILLE;F;1941;21/01801;domicile;17800111100396;1234,56\n',
    );
    const result = await emjpm(await target(), ['mesures', 'import', file, '--json']);
    const output = parseImport(result);
    expect(result.exitCode).toBe(0);
    expect(output.summary).toMatchObject({ created: 1, warnings: 1 });
    expect(output.issues[0]).toMatchObject({ line: 1, column: 'Solde', severity: 'warning' });
  });
});

describe('mesures import options', () => {
  it('writes the report CSV', async () => {
    const report = join(folder(), 'report.csv');
    await emjpm(await target(), [
      'mesures',
      'import',
      fixture('damaged/invalid-values.csv'),
      '--report',
      report,
    ]);
    const lines = (await readFile(report, 'utf8')).split('\r\n');
    expect(lines[0]).toBe('\ufeffline;severity;column;value;message');
    expect(lines[1]).toMatch(
      /^3;error;type;tutelle renforcée;"?""tutelle renforcée"" is not a type of mesure/,
    );
    expect(lines).toHaveLength(6);
  });

  it('writes one report line per issue', async () => {
    const report = join(folder(), 'stray-report.csv');
    const result = await emjpm(await target(), [
      'mesures',
      'import',
      fixture('damaged/stray-quote.csv'),
      '--report',
      report,
      '--json',
    ]);
    const text = await readFile(report, 'utf8');
    const records = parse(text, { bom: true, delimiter: ';' }) as string[][];
    const lines = text.split('\r\n').filter((line) => line !== '');
    expect(records).toHaveLength(parseImport(result).issues.length + 1);
    expect(lines).toHaveLength(records.length);
    expect(records.every((record) => record.length === 5)).toBe(true);
    expect(records[1]?.[3]).toMatch(
      /^"ABBEVILLE;F;1941;21\/01302;N-2;domicile;17800111100396;\\n03\/05\/2022/,
    );
  });

  it('rejects a report path in a missing folder', async () => {
    const started = await target();
    const report = join(folder(), 'missing', 'report.csv');
    const result = await emjpm(started, [
      'mesures',
      'import',
      fixture('mesures-emjpm.csv'),
      '--report',
      report,
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`Failed to open ${report} for writing`);
    expect(writeRequests(started.sandbox)).toBe(0);
  });

  it('rejects a report over the input', async () => {
    const file = join(folder(), 'input.csv');
    await writeFile(file, await readFile(fixture('damaged/spaces.csv')));
    const result = await emjpm(await target(), ['mesures', 'import', file, '--report', file]);
    expect(result.exitCode).toBe(2);
    expect(await readFile(file, 'utf8')).toBe(
      await readFile(fixture('damaged/spaces.csv'), 'utf8'),
    );
  });

  it('sends nothing with --all-or-nothing', async () => {
    const started = await target();
    const result = await emjpm(started, [
      'mesures',
      'import',
      fixture('damaged/invalid-values.csv'),
      '--all-or-nothing',
    ]);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain(
      '2 rows were invalid or rejected by eMJPM. Nothing was sent.',
    );
    expect(writeRequests(started.sandbox)).toBe(0);
  });

  it('reports every error of a row', async () => {
    const file = join(folder(), 'two-errors.csv');
    await writeFile(
      file,
      'date_nomination;type;ville;civilite;annee;numero_rg;residence;tribunal_siret\n' +
        '12/01/2021;tutel;ABBEVILLE;F;1941;RG210001;domicile;17800111100300\n',
    );
    const result = await emjpm(await target(), ['mesures', 'import', file, '--json']);
    const output = parseImport(result);
    expect(output.summary).toMatchObject({ valid: 0, invalid: 1 });
    expect(output.issues.map((issue) => issue.column)).toEqual(['type', 'tribunal_siret']);
  });

  it('rejects loose RGs with --strict-rg', async () => {
    const file = join(folder(), 'strict.csv');
    await writeFile(
      file,
      'date_nomination;type;ville;civilite;annee;numero_rg;residence;tribunal_siret\n' +
        '12/01/2021;tutelle;ABBEVILLE;F;1941;RG210001;domicile;17800111100396\n' +
        '12/01/2021;tutelle;ABBEVILLE;F;1941;21/00002;domicile;17800111100396\n' +
        '12/01/2021;tutelle;ABBEVILLE;F;1941;rg-21/0003;domicile;17800111100396\n',
    );
    const result = await emjpm(await target(), [
      'mesures',
      'import',
      file,
      '--strict-rg',
      '--json',
    ]);
    const output = parseImport(result);
    expect(output.summary).toMatchObject({ valid: 2, invalid: 1, created: 2 });
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
    expect(parseImport(result).issues[0]?.message).toMatch(
      /^numero RG "rg-2020\/123" is stored as "RG202012": eMJPM keeps 8 characters and drops "3"/,
    );
  });

  it('rejects a file without required columns', async () => {
    const file = join(folder(), 'columns.csv');
    await writeFile(file, 'date_nomination;type;ville\n12/01/2021;tutelle;ABBEVILLE\n');
    const result = await emjpm(await target(), ['mesures', 'import', file]);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain(
      'lacks the required emjpm columns: civilite, annee, numero_rg, residence, tribunal_siret',
    );
  });

  it('rejects a batch size over 1000', async () => {
    const result = await emjpm(await target(), [
      'mesures',
      'import',
      fixture('mesures-emjpm.csv'),
      '--batch-size',
      '1001',
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--batch-size must be a whole number from 1 to 1000');
  });

  it('sends batches of the given size', async () => {
    const started = await target();
    await emjpm(started, [
      'mesures',
      'import',
      fixture('mesures-emjpm.csv'),
      '--batch-size',
      '100',
    ]);
    expect(started.sandbox.stats.editorsRequests['POST /mesures/batch']).toBe(3);
  });
});
