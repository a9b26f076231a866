import { describe, expect, it } from 'vitest';

import { parseDate } from '../../src/import/dates.js';

describe('parseDate', () => {
  const valid: [string, string][] = [
    ['02/03/2020', '2020-03-02'],
    ['2/3/2020', '2020-03-02'],
    ['02-03-2020', '2020-03-02'],
    ['02.03.2020', '2020-03-02'],
    ['2020-03-02', '2020-03-02'],
    ['02/03/2020 00:00:00', '2020-03-02'],
    ['2020-03-02T00:00:00', '2020-03-02'],
    ['29/02/2024', '2024-02-29'],
    ['02/03/2020 00:00', '2020-03-02'],
    ['2020-03-02T00:00:00.000Z', '2020-03-02'],
    ['2020/03/02', '2020-03-02'],
    ['2 mars 2020', '2020-03-02'],
    ['1er février 2020', '2020-02-01'],
    ['02-févr.-2020', '2020-02-02'],
    ['2-Mar-2020', '2020-03-02'],
    ['02 DÉCEMBRE 2020', '2020-12-02'],
  ];
  for (const [text, expected] of valid) {
    it(`reads "${text}"`, () => {
      expect(parseDate(text)).toEqual({ value: expected, warning: undefined });
    });
  }

  it('rejects a two-digit year', () => {
    expect(parseDate('28/11/10').error).toMatch(/two-digit year.*--century 20/);
  });

  it('expands a two-digit year with a century', () => {
    expect(parseDate('28/11/10', { century: 20 })).toEqual({
      value: '2010-11-28',
      warning: 'two-digit year in "28/11/10" read as 2010 (--century 20)',
    });
  });

  it('drops a time with a warning', () => {
    expect(parseDate('02/03/2020 14:30')).toEqual({
      value: '2020-03-02',
      warning: 'time of "02/03/2020 14:30" dropped: read as 2020-03-02',
    });
  });

  it('reads a month name with a two-digit year', () => {
    expect(parseDate('12-janv.-21', { century: 20 })).toMatchObject({ value: '2021-01-12' });
  });

  it('rejects an unknown month name', () => {
    expect(parseDate('2 brumaire 2020').error).toMatch(/not a date/);
  });

  it('rejects a mixed separator', () => {
    expect(parseDate('2020-03/02').error).toMatch(/not a date/);
  });

  it('rejects a day that does not exist', () => {
    expect(parseDate('29/02/2023').error).toBe(
      '"29/02/2023" is not a calendar date: check the day and the month',
    );
  });

  it('reads a spreadsheet serial number', () => {
    expect(parseDate('43831')).toMatchObject({ value: '2020-01-01' });
  });

  it('warns about a serial number', () => {
    expect(parseDate('43892.5')).toMatchObject({
      value: '2020-03-02',
      warning: expect.stringMatching(
        /^"43892.5" is a spreadsheet serial number, read as 2020-03-02/,
      ),
    });
  });

  it('rejects month-first text', () => {
    expect(parseDate('March 2, 2020').error).toBe(
      '"March 2, 2020" is not a date: write it as dd/mm/yyyy',
    );
  });

  it('follows an explicit format', () => {
    expect(parseDate('03/02/2020', { format: 'MM/dd/yyyy' })).toEqual({
      value: '2020-03-02',
      warning: undefined,
    });
  });

  it('follows a format without separators', () => {
    expect(parseDate('20200302', { format: 'yyyyMMdd' })).toEqual({
      value: '2020-03-02',
      warning: undefined,
    });
  });

  it('rejects text outside the explicit format', () => {
    expect(parseDate('2020-03-02', { format: 'dd/MM/yyyy' }).error).toBe(
      '"2020-03-02" is not a date: write it as dd/MM/yyyy',
    );
  });
});
