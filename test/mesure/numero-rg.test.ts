import { describe, expect, it } from 'vitest';

import {
  describeNumeroRgNormalisation,
  isStrictNumeroRg,
  normaliseNumeroRg,
} from '../../src/mesure/numero-rg.js';

describe('normaliseNumeroRg', () => {
  const cases: [string, string][] = [
    ['rg-12/345', '0RG12345'],
    ['12345', '00012345'],
    ['rg-2020/123', 'RG202012'],
    ['20/00123', '02000123'],
    ['ABCD1234', 'ABCD1234'],
    ['  a b c ', '00000ABC'],
    ['12.345.678.9', '12345678'],
    ['', '00000000'],
  ];
  for (const [raw, expected] of cases) {
    it(`normalises "${raw}"`, () => {
      expect(normaliseNumeroRg(raw)).toBe(expected);
    });
  }
});

describe('describeNumeroRgNormalisation', () => {
  it('reports dropped characters', () => {
    expect(describeNumeroRgNormalisation('rg-2020/123').truncated).toBe('3');
  });

  it('reports no truncation for short RGs', () => {
    expect(describeNumeroRgNormalisation('rg-12/345').truncated).toBe('');
  });

  it('counts the padding zeros', () => {
    expect(describeNumeroRgNormalisation('12345').padding).toBe(3);
  });
});

describe('isStrictNumeroRg', () => {
  it('accepts 8 uppercase alphanumerics', () => {
    expect(isStrictNumeroRg('RG202012')).toBe(true);
  });

  it('accepts lower case', () => {
    expect(isStrictNumeroRg('rg202012')).toBe(true);
  });

  it('accepts separators between 8 characters', () => {
    expect(isStrictNumeroRg('rg-24/0001')).toBe(true);
  });

  it('rejects seven characters after separators', () => {
    expect(isStrictNumeroRg('20/00123')).toBe(false);
  });

  it('rejects seven characters', () => {
    expect(isStrictNumeroRg('2000123')).toBe(false);
  });

  it('rejects nine characters', () => {
    expect(isStrictNumeroRg('2024/00123')).toBe(false);
  });

  it('rejects only separators', () => {
    expect(isStrictNumeroRg('--/--')).toBe(false);
  });
});
