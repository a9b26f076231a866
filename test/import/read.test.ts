import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openSource } from '../../src/import/read.js';
import { detectDelimiter, detectEncoding } from '../../src/import/sniff.js';
import type { CsvRow, SourceRow } from '../../src/import/read.js';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'emjpm-read-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function writeInput(name: string, content: string | Buffer): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, content);
  return path;
}

async function collect(rows: AsyncIterable<SourceRow>): Promise<SourceRow[]> {
  const all: SourceRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

const header =
  'date_nomination;type;code_postal;ville;civilite;annee;numero_rg;residence;tribunal_siret';

describe('detectDelimiter', () => {
  it('picks semicolons', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
  });

  it('picks tabs', () => {
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
  });

  it('picks commas', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
  });

  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('"a,b,c";d;e')).toBe(';');
  });

  it('picks pipes', () => {
    expect(detectDelimiter('a|b|c')).toBe('|');
  });

  it('prefers semicolons on a tie', () => {
    expect(detectDelimiter('a;b,c')).toBe(';');
  });
});

describe('detectEncoding', () => {
  it('reads UTF-8 accents as UTF-8', async () => {
    const path = await writeInput('utf8.csv', 'ville\nPéronne\n');
    expect(await detectEncoding(path)).toBe('utf-8');
  });

  it('reads Windows-1252 accents as Windows-1252', async () => {
    const path = await writeInput('cp1252.csv', iconv.encode('ville\nPéronne\n', 'win1252'));
    expect(await detectEncoding(path)).toBe('windows-1252');
  });

  it('reads pure ASCII as UTF-8', async () => {
    const path = await writeInput('ascii.csv', 'ville\nPARIS\n');
    expect(await detectEncoding(path)).toBe('utf-8');
  });

  it('finds Windows-1252 past the first chunk', async () => {
    const ascii = 'a\n'.repeat(70_000);
    const path = await writeInput(
      'late.csv',
      Buffer.concat([Buffer.from(ascii), iconv.encode('é\n', 'win1252')]),
    );
    expect(await detectEncoding(path)).toBe('windows-1252');
  });
});

describe('openSource', () => {
  it('reads a UTF-8 file with BOM and CRLF', async () => {
    const path = await writeInput(
      'bom.csv',
      `\ufeff${header}\r\n02/03/2020;tutelle;80200;Péronne;F;1948;20/1;domicile;17800111100354\r\n`,
    );
    const source = await openSource(path);
    const rows = (await collect(source.rows)) as CsvRow[];
    expect(source.encoding).toBe('utf-8');
    expect(source.headers[0]).toBe('date_nomination');
    expect(rows[0]?.values.get('ville')).toBe('Péronne');
    expect(rows[0]?.values.get('tribunal_siret')).toBe('17800111100354');
  });

  it('decodes Windows-1252', async () => {
    const path = await writeInput(
      'cp.csv',
      iconv.encode(
        `${header}\r\n02/03/2020;curatelle renforcée;80200;Péronne;F;1948;20/1;domicile;1\r\n`,
        'win1252',
      ),
    );
    const source = await openSource(path);
    const rows = (await collect(source.rows)) as CsvRow[];
    expect(source.encoding).toBe('windows-1252');
    expect(rows[0]?.values.get('type')).toBe('curatelle renforcée');
    expect(rows[0]?.values.get('ville')).toBe('Péronne');
  });

  it('decodes UTF-8 lines of a Windows-1252 file', async () => {
    const content = Buffer.concat([
      Buffer.from(`${header}\n02/03/2020;curatelle renforcée;;Péronne;F;1948;1;domicile;2\n`),
      iconv.encode('02/03/2020;curatelle renforcée;;Évreux;F;1948;2;domicile;2\n', 'win1252'),
    ]);
    const path = await writeInput('mixed.csv', content);
    const source = await openSource(path);
    const rows = (await collect(source.rows)) as CsvRow[];
    expect(source.encoding).toBe('windows-1252');
    expect(rows.map((row) => row.values.get('ville'))).toEqual(['Péronne', 'Évreux']);
  });

  it('reads classic Mac line ends', async () => {
    const path = await writeInput(
      'mac.csv',
      `${header}\r02/03/2020;tutelle;;A;F;1948;1;domicile;2\r02/03/2020;tutelle;;B;F;1948;2;domicile;2\r`,
    );
    const rows = (await collect((await openSource(path)).rows)) as CsvRow[];
    expect(rows.map((row) => [row.line, row.values.get('ville')])).toEqual([
      [2, 'A'],
      [3, 'B'],
    ]);
  });

  it('reads a last row without line end', async () => {
    const path = await writeInput(
      'no-end.csv',
      `${header}\n02/03/2020;tutelle;;A;F;1948;1;domicile;2`,
    );
    const rows = (await collect((await openSource(path)).rows)) as CsvRow[];
    expect(rows.map((row) => row.values.get('tribunal_siret'))).toEqual(['2']);
  });

  it('reads tab-separated files', async () => {
    const path = await writeInput(
      'tab.txt',
      `${header.replace(/;/g, '\t')}\n02/03/2020\ttutelle\t\tAmiens\tH\t1950\t1\tSDF\t2\n`,
    );
    const source = await openSource(path);
    const rows = (await collect(source.rows)) as CsvRow[];
    expect(source.delimiter).toBe('\t');
    expect(rows[0]?.values.get('residence')).toBe('SDF');
  });

  it('numbers rows after a multi-line cell', async () => {
    const path = await writeInput(
      'multiline.csv',
      `${header};numero_dossier\r\n02/03/2020;tutelle;;A;F;1948;1;domicile;2;"dossier\r\nsur deux lignes"\r\n02/03/2020;tutelle;;B;F;1948;2;domicile;2;x\r\n`,
    );
    const rows = (await collect((await openSource(path)).rows)) as CsvRow[];
    expect(rows.map((row) => row.line)).toEqual([2, 4]);
    expect(rows[0]?.values.get('numero_dossier')).toBe('dossier\nsur deux lignes');
  });

  it('skips trailing empty rows and columns', async () => {
    const path = await writeInput(
      'trailing.csv',
      `${header};;\n02/03/2020;tutelle;;A;F;1948;1;domicile;2;;\n;;;;;;;;;;\n\n\n`,
    );
    const source = await openSource(path);
    const rows = (await collect(source.rows)) as CsvRow[];
    expect(source.headers).toHaveLength(9);
    expect(rows).toHaveLength(1);
  });

  it('normalises header case, accents and spaces', async () => {
    const path = await writeInput(
      'headers.csv',
      ' Date_Nomination ;TYPE;Code Postal;Ville;Civilité;Année;Numéro_RG;Résidence;Tribunal_SIRET\n',
    );
    const source = await openSource(path);
    expect(source.headers).toEqual([
      'date_nomination',
      'type',
      'code_postal',
      'ville',
      'civilite',
      'annee',
      'numero_rg',
      'residence',
      'tribunal_siret',
    ]);
  });

  it('detects the eMJPM format', async () => {
    const path = await writeInput('emjpm.csv', `${header}\n`);
    expect((await openSource(path)).format).toBe('emjpm');
  });

  it('detects the eMJPM format from other names', async () => {
    const path = await writeInput(
      'aliases.csv',
      'Date de nomination;Type de mesure;Lieu de vie;N° RG\n',
    );
    expect((await openSource(path)).format).toBe('emjpm');
  });

  it('detects the native format', async () => {
    const path = await writeInput(
      'native.csv',
      'numero_rg;tribunal_siret;date_nomination;nature_mesure;lieu_vie\n',
    );
    expect((await openSource(path)).format).toBe('native');
  });

  it('rejects an unknown header', async () => {
    const path = await writeInput('unknown.csv', 'nom;prenom\nA;B\n');
    await expect(openSource(path)).rejects.toThrow(/Cannot tell the format/);
  });

  it('rejects an Excel workbook', async () => {
    const path = await writeInput(
      'book.xlsx',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
    );
    await expect(openSource(path)).rejects.toThrow('is an Excel workbook, not a CSV file');
  });

  it('rejects a ZIP named .csv', async () => {
    const path = await writeInput(
      'book.csv',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
    );
    await expect(openSource(path)).rejects.toMatchObject({
      exitCode: 4,
      hint: expect.stringMatching(/CSV UTF-8/),
    });
  });

  it('reads NDJSON with line numbers', async () => {
    const path = await writeInput(
      'lines.ndjson',
      '{"numero_rg":"1"}\n\n{"numero_rg":"2"}\nnot json\n',
    );
    const source = await openSource(path);
    const rows = await collect(source.rows);
    expect(source.format).toBe('ndjson');
    expect(rows.map((row) => row.line)).toEqual([1, 3, 4]);
    expect(rows[2]?.kind).toBe('json');
    expect((rows[2] as { value: unknown }).value).toBeInstanceOf(SyntaxError);
  });

  it('reads CSV content named .json with --format', async () => {
    const path = await writeInput('named.json', `${header}\n`);
    expect((await openSource(path, { format: 'emjpm' })).format).toBe('emjpm');
  });

  it('detects NDJSON by content', async () => {
    const path = await writeInput('lines.txt', '{"numero_rg":"1"}\n');
    expect((await openSource(path)).format).toBe('ndjson');
  });

  const utf16: [string, Buffer][] = [
    [
      'UTF-16 LE with BOM',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        iconv.encode(`${header}\r\n02/03/2020;tutelle;;Péronne;F;1948;1;domicile;2\r\n`, 'utf16le'),
      ]),
    ],
    [
      'UTF-16 BE with BOM',
      Buffer.concat([
        Buffer.from([0xfe, 0xff]),
        iconv.encode(`${header}\n02/03/2020;tutelle;;Péronne;F;1948;1;domicile;2\n`, 'utf16be'),
      ]),
    ],
    [
      'UTF-16 LE without BOM',
      iconv.encode(`${header}\n02/03/2020;tutelle;;Péronne;F;1948;1;domicile;2\n`, 'utf16le'),
    ],
  ];
  for (const [name, content] of utf16) {
    it(`decodes ${name}`, async () => {
      const path = await writeInput(`${name.replace(/\W+/g, '-')}.csv`, content);
      const source = await openSource(path);
      const rows = (await collect(source.rows)) as CsvRow[];
      expect(source.headers[0]).toBe('date_nomination');
      expect(rows[0]?.values.get('ville')).toBe('Péronne');
    });
  }

  it('skips title lines before the header', async () => {
    const path = await writeInput(
      'title.csv',
      `Mesures au 01/02/2024\n\n${header.replace(/;/g, ',')}\n02/03/2020,tutelle,,"A; B",F,1948,1,domicile,2\n`,
    );
    const source = await openSource(path);
    const rows = (await collect(source.rows)) as CsvRow[];
    expect(source.headerLine).toBe(3);
    expect(source.delimiter).toBe(',');
    expect(rows.map((row) => [row.line, row.values.get('ville')])).toEqual([[4, 'A; B']]);
  });

  it('reads on after an unclosed quote', async () => {
    const path = await writeInput(
      'unclosed.csv',
      `${header}\n02/03/2020;tutelle;;A;F;1948;1;domicile;2\n\n02/03/2020;tutelle;;"B;F;1948;2;domicile;2\n02/03/2020;tutelle;;C;F;1948;3;domicile;2\n`,
    );
    const rows = (await collect((await openSource(path)).rows)) as CsvRow[];
    expect(rows.map((row) => [row.line, row.values.get('ville'), row.readError?.column])).toEqual([
      [2, 'A', undefined],
      [4, undefined, 'ville'],
      [5, 'C', undefined],
    ]);
  });

  it('reads on after a quote that joins lines', async () => {
    const path = await writeInput(
      'joined.csv',
      `${header}\n02/03/2020;tutelle;;"A;F;1948;1;domicile;2\n02/03/2020;tutelle;;B;F;1948;2;domicile;2\n02/03/2020;tutelle;;C"x;F;1948;3;domicile;2\n`,
    );
    const rows = (await collect((await openSource(path)).rows)) as CsvRow[];
    expect(rows.map((row) => [row.line, row.values.get('ville')])).toEqual([
      [2, undefined],
      [3, 'B'],
      [4, 'C"x'],
    ]);
    expect(rows[0]?.readError?.message).toMatch(/joins lines 2 to 4 into one cell/);
  });

  it('keeps a quoted address on two lines', async () => {
    const path = await writeInput(
      'address.csv',
      `${header}\n02/03/2020;tutelle;;"Rue A;\nBât. B";F;1948;1;domicile;2\n`,
    );
    const rows = (await collect((await openSource(path)).rows)) as CsvRow[];
    expect(rows[0]?.values.get('ville')).toBe('Rue A;\nBât. B');
  });

  it('rejects cells beyond the header', async () => {
    const path = await writeInput(
      'extra.csv',
      `${header}\n02/03/2020;tutelle;;A;F;1948;1;domicile;2;;note\n`,
    );
    const rows = (await collect((await openSource(path)).rows)) as CsvRow[];
    expect(rows[0]?.readError).toMatchObject({ value: 'note' });
  });

  it('marks empty cells beyond the header', async () => {
    const path = await writeInput(
      'surplus.csv',
      `${header}\n02/03/2020;tutelle;;A;F;1948;1;domicile;2;\n`,
    );
    const rows = (await collect((await openSource(path)).rows)) as CsvRow[];
    expect(rows[0]?.surplusCells).toEqual({ cells: 10, columns: 9 });
  });

  it('marks a line that repeats the header', async () => {
    const path = await writeInput(
      'twice.csv',
      `${header}\n02/03/2020;tutelle;;A;F;1948;1;domicile;2\n${header.toUpperCase()};\n`,
    );
    const rows = (await collect((await openSource(path)).rows)) as CsvRow[];
    expect(rows.map((row) => [row.line, row.repeatsHeader])).toEqual([
      [2, undefined],
      [3, true],
    ]);
  });

  it('reads a JSON array', async () => {
    const path = await writeInput(
      'array.json',
      '[\n  {"numero_rg": "1"},\n  {"numero_rg": "2"}\n]\n',
    );
    const source = await openSource(path);
    const rows = await collect(source.rows);
    expect(source.format).toBe('json');
    expect(rows.map((row) => row.line)).toEqual([2, 3]);
  });

  const rejected: [string, string | Buffer, RegExp][] = [
    ['empty.csv', '', /is empty/],
    ['blank.csv', '\n \n', /contains only blank lines/],
    [
      'binary.csv',
      Buffer.from([0x41, 0x00, 0x00, 0x00, 0x42, 0x43, 0x00, 0x00]),
      /not a text file/,
    ],
    ['document.csv', '%PDF-1.4\n', /is a PDF document/],
    ['cells.csv', ';;;\n;;;\n', /has no column names: line 1/],
    [
      'page.xls',
      '\n<html><table><tr><td>numero_rg</td></tr></table></html>',
      /is an HTML or XML document/,
    ],
    ['quote.csv', 'date_nomination;"type\n', /header .* has a quote/],
  ];
  for (const [name, content, message] of rejected) {
    it(`rejects ${name}`, async () => {
      const path = await writeInput(name, content);
      await expect(openSource(path)).rejects.toThrow(message);
    });
  }

  it('rejects a missing file', async () => {
    await expect(openSource(join(folder, 'absent.csv'))).rejects.toThrow(/^File not found: /);
  });

  it('rejects a folder', async () => {
    await expect(openSource(folder)).rejects.toThrow(/is a folder, not a file/);
  });

  it('streams a large file across chunks', async () => {
    const lines = [header];
    for (let index = 0; index < 20_000; index += 1)
      lines.push(`02/03/2020;tutelle;;Évreux;F;1948;${index};domicile;2`);
    const path = await writeInput('large.csv', `${lines.join('\r\n')}\r\n`);
    const rows = (await collect((await openSource(path)).rows)) as CsvRow[];
    expect(rows).toHaveLength(20_000);
    expect(rows[19_999]?.line).toBe(20_001);
    expect(rows.every((row) => row.values.get('ville') === 'Évreux')).toBe(true);
  });
});
