import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openOutputFile } from '../../src/import/export.js';
import { formatSummary, writeIssueReport } from '../../src/import/report.js';
import type { RowIssue } from '../../src/import/issues.js';
import type { ImportSummary } from '../../src/import/report.js';

const summary: ImportSummary = {
  file: 'mesures.csv',
  format: 'emjpm',
  encoding: 'utf-8',
  dryRun: false,
  rowsRead: 1,
  valid: 1,
  invalid: 0,
  created: 1,
  updated: 0,
  unchanged: 0,
  deleted: 0,
  failed: 0,
  warnings: 1,
  requests: 1,
  durationMs: 100,
};

describe('formatSummary', () => {
  it('writes one row in the singular', () => {
    expect(formatSummary(summary)[0]).toBe(
      'mesures.csv: 1 row read (emjpm, utf-8), 1 valid, 0 invalid',
    );
  });

  it('writes one warning and request in the singular', () => {
    expect(formatSummary(summary)[2]).toBe('1 warning, 1 request, 0.1 s');
  });

  it('writes other counts in the plural', () => {
    const many = { ...summary, rowsRead: 2, warnings: 0, requests: 3 };
    expect(formatSummary(many)[0]).toMatch(/: 2 rows read /);
    expect(formatSummary(many)[2]).toBe('0 warnings, 3 requests, 0.1 s');
  });
});

describe('writeIssueReport', () => {
  let folder = '';

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'emjpm-report-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function reportValues(values: string[]): Promise<string[]> {
    const file = join(folder, `report-${values.length}.csv`);
    const issues: RowIssue[] = values.map((value, index) => ({
      line: index + 2,
      column: 'ville',
      value,
      message: 'invalid',
      severity: 'error',
    }));
    await writeIssueReport(await openOutputFile(file), issues);
    const rows = parse(await readFile(file, 'utf8'), { bom: true, delimiter: ';' }) as string[][];
    return rows.slice(1).map((row) => row[3]!);
  }

  it('quotes cells that start a formula', async () => {
    const values = ['=HYPERLINK("http://example.org")', '+33 1', '-2', '@SUM(A1)'];
    expect(await reportValues(values)).toEqual(values.map((value) => `'${value}`));
  });

  it('keeps other cells as they are', async () => {
    const values = ['PARIS', 'a=b', '01000'];
    expect(await reportValues(values)).toEqual(values);
  });
});
