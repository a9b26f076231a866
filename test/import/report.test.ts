import { describe, expect, it } from 'vitest';

import { formatSummary } from '../../src/import/report.js';
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
