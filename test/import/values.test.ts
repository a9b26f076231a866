import { describe, expect, it } from 'vitest';

import { lieuVieLabels, typeEtablissementLabels } from '../../src/mesure/enums.js';
import {
  lieuVieAliases,
  mesureTypeOf,
  typeEtablissementAliases,
} from '../../src/import/emjpm-types.js';
import { frenchPostalCodeSet } from '../../src/import/postal-codes.js';
import {
  parseCivilite,
  parseCountry,
  parseEnum,
  parseNumeroRg,
  parsePostalCode,
  parseSiret,
  parseYear,
} from '../../src/import/values.js';

describe('mesureTypeOf', () => {
  const table: [string, string, string | null][] = [
    ['curatelle', 'curatelle_simple', null],
    ['Curatelle simple', 'curatelle_simple', null],
    ['curatelle simple à la personne', 'curatelle_simple', 'protection_personne'],
    ['curatelle simple aux biens', 'curatelle_simple', 'protection_bien'],
    ['curatelle simple aux biens et à la personne', 'curatelle_simple', 'protection_bien_personne'],
    ['Curatelle renforcée', 'curatelle_renforcee', null],
    ['CURATELLE RENFORCEE A LA PERSONNE', 'curatelle_renforcee', 'protection_personne'],
    ['curatelle renforcée aux biens', 'curatelle_renforcee', 'protection_bien'],
    [
      'curatelle renforcée aux biens et à la personne',
      'curatelle_renforcee',
      'protection_bien_personne',
    ],
    ['tutelle', 'tutelle', null],
    ['tutelle à la personne', 'tutelle', 'protection_personne'],
    ['tutelle aux biens', 'tutelle', 'protection_bien'],
    ['Tutelle aux biens et à la personne', 'tutelle', 'protection_bien_personne'],
    ['MAJ', 'mesure_accompagnement_judiciaire', null],
    ['mandat de protection future', 'mandat_protection_future', null],
    ['mesure ad hoc', 'mesure_ad_hoc', null],
    ['sauvegarde de justice', 'sauvegarde_justice', null],
    ['Sauvegarde de justice avec mandat spécial', 'sauvegarde_justice', null],
    ['subrogé curateur', 'subroge_curateur', null],
    ['Subrogé tuteur', 'subroge_tuteur', null],
    ['  tutelle   aux  biens ', 'tutelle', 'protection_bien'],
  ];
  for (const [label, nature, champ] of table) {
    it(`maps "${label}"`, () => {
      expect(mesureTypeOf(label)).toEqual({ nature_mesure: nature, champ_mesure: champ });
    });
  }

  it('rejects an unknown type', () => {
    expect(mesureTypeOf('tutelle renforcée')).toBeUndefined();
  });

  const variants: [string, string, string | null][] = [
    ['Subrogé-tuteur', 'subroge_tuteur', null],
    ['curatelle_renforcee', 'curatelle_renforcee', null],
    ['mesure_accompagnement_judiciaire', 'mesure_accompagnement_judiciaire', null],
    ['tutelle à la personne et aux biens', 'tutelle', 'protection_bien_personne'],
    ['curatelle renforcee aux biens', 'curatelle_renforcee', 'protection_bien'],
  ];
  for (const [label, nature, champ] of variants) {
    it(`maps the variant "${label}"`, () => {
      expect(mesureTypeOf(label)).toEqual({ nature_mesure: nature, champ_mesure: champ });
    });
  }
});

describe('residence', () => {
  const table: [string, string][] = [
    ['domicile', 'domicile'],
    ['A domicile', 'domicile'],
    ['à domicile', 'domicile'],
    ['en établissement', 'etablissement'],
    ['EN ETABLISSEMENT', 'etablissement'],
    ['en établissement avec conservation du domicile', 'etablissement_conservation_domicile'],
    ['SDF', 'sdf'],
    ['sdf', 'sdf'],
    ['Sans domicile stable', 'sdf'],
  ];
  for (const [text, value] of table) {
    it(`maps "${text}"`, () => {
      expect(parseEnum(text, lieuVieLabels, lieuVieAliases)).toEqual({ value });
    });
  }
});

describe('parseEnum', () => {
  it('accepts the API value', () => {
    expect(parseEnum('etablissement_personne_agee', typeEtablissementLabels)).toEqual({
      value: 'etablissement_personne_agee',
    });
  });

  it('accepts the French label', () => {
    expect(parseEnum('établissement pour personnes âgées', typeEtablissementLabels)).toEqual({
      value: 'etablissement_personne_agee',
    });
  });

  it('accepts an alias', () => {
    expect(parseEnum('EHPAD', typeEtablissementLabels, typeEtablissementAliases)).toEqual({
      value: 'etablissement_personne_agee',
    });
  });

  it('accepts an acronym', () => {
    expect(parseEnum('MAS', typeEtablissementLabels, typeEtablissementAliases)).toEqual({
      value: 'etablissement_handicapes',
    });
  });

  it('lists the values on error', () => {
    expect(parseEnum('foyer', typeEtablissementLabels).error).toMatch(
      /^"foyer" is not one of autre_etablissement, /,
    );
  });
});

describe('parseSiret', () => {
  const known = new Set(['17800111100396', '01234567890123']);

  it('accepts 14 digits', () => {
    expect(parseSiret('17800111100396', known)).toEqual({
      value: '17800111100396',
      warning: undefined,
    });
  });

  it('rejects scientific notation', () => {
    expect(parseSiret('1,77501E+13', known).error).toMatch(
      /scientific notation.*format the column as text/,
    );
  });

  it('rejects dotted scientific notation', () => {
    expect(parseSiret('1.78001E+13', known).error).toMatch(/scientific notation/);
  });

  it('removes spaces with a warning', () => {
    expect(parseSiret('178 001 111 00396', known)).toEqual({
      value: '17800111100396',
      warning: 'spaces removed from SIRET "178 001 111 00396"',
    });
  });

  it('removes dashes with a warning', () => {
    expect(parseSiret('178-001-111-00396', known)).toEqual({
      value: '17800111100396',
      warning: 'separators removed from SIRET "178-001-111-00396": read as 17800111100396',
    });
  });

  it('restores a lost leading zero of a known court', () => {
    expect(parseSiret('1234567890123', known)).toMatchObject({ value: '01234567890123' });
  });

  it('rejects 13 digits of no known court', () => {
    expect(parseSiret('7800111100396', known).error).toMatch(/must be 14 digits, not 13/);
  });

  it('reads scientific notation that kept every digit', () => {
    expect(parseSiret('1,7800111100396E+13', known)).toEqual({
      value: '17800111100396',
      warning: 'SIRET "1,7800111100396E+13" written in scientific notation: read as 17800111100396',
    });
  });

  it('reads short scientific notation of a known court', () => {
    const courts = new Set(['17800111100000']);
    expect(parseSiret('1,78001111E+13', courts)).toMatchObject({ value: '17800111100000' });
  });

  it('rejects short scientific notation of no known court', () => {
    expect(parseSiret('1,78001111E+13', known).error).toMatch(/lost its last digits/);
  });

  it('drops a decimal zero', () => {
    expect(parseSiret('17800111100396.0', known)).toEqual({
      value: '17800111100396',
      warning: 'SIRET "17800111100396.0" written as a decimal number: read as 17800111100396',
    });
  });

  it('rejects other decimals', () => {
    expect(parseSiret('17800111100396.5', known).error).toMatch(/must be 14 digits/);
  });
});

describe('parsePostalCode', () => {
  const codes = frenchPostalCodeSet();

  it('accepts five digits', () => {
    expect(parsePostalCode('80100', codes)).toEqual({ value: { code: '80100' } });
  });

  it('restores a lost leading zero', () => {
    expect(parsePostalCode('1000', codes)).toEqual({
      value: { code: '01000' },
      warning: 'postal code "1000" lost its leading zero: read as 01000',
    });
  });

  it('keeps an unknown four-digit code as Belgian', () => {
    expect(parsePostalCode('1001', codes)).toMatchObject({ value: { code: '1001', pays: 'BE' } });
  });

  it('rejects three digits', () => {
    expect(parsePostalCode('100', codes).error).toMatch(/5 digits/);
  });

  it('removes inner spaces', () => {
    expect(parsePostalCode('01 000', codes)).toEqual({
      value: { code: '01000' },
      warning: 'postal code "01 000" read as 01000',
    });
  });

  it('drops a decimal zero', () => {
    expect(parsePostalCode('80100.0', codes)).toMatchObject({ value: { code: '80100' } });
  });

  it('repairs a decimal four-digit code', () => {
    expect(parsePostalCode('1000.0', codes)).toMatchObject({ value: { code: '01000' } });
  });

  it('names a Corsican INSEE code', () => {
    expect(parsePostalCode('2A004', codes).error).toMatch(/INSEE code of a commune of Corsica/);
  });

  it('loads the postal-code table', () => {
    expect(codes.size).toBe(6329);
  });
});

describe('parseCivilite', () => {
  const table: [string, string][] = [
    ['F', 'madame'],
    ['f', 'madame'],
    ['H', 'monsieur'],
    ['Mme', 'madame'],
    ['M.', 'monsieur'],
    ['madame', 'madame'],
    ['Monsieur', 'monsieur'],
    ['Mlle', 'madame'],
    ['Mme.', 'madame'],
    ['Mr.', 'monsieur'],
    ['MASCULIN', 'monsieur'],
    ['Féminin', 'madame'],
  ];
  for (const [text, value] of table) {
    it(`maps "${text}"`, () => {
      expect(parseCivilite(text)).toEqual({ value });
    });
  }

  it('rejects other text', () => {
    expect(parseCivilite('X').error).toMatch(/F or H/);
  });
});

describe('parseYear', () => {
  it('accepts four digits', () => {
    expect(parseYear('1948')).toEqual({ value: 1948 });
  });

  it('rejects two digits', () => {
    expect(parseYear('48').error).toMatch(/two-digit year/);
  });

  it('reads two digits with a century', () => {
    expect(parseYear('48', 19)).toMatchObject({ value: 1948 });
  });

  const repaired: [string, number][] = [
    ['1948.0', 1948],
    ['1948,0', 1948],
    ['1 948', 1948],
    ['02/03/1948', 1948],
    ['1948-03-02', 1948],
  ];
  for (const [text, value] of repaired) {
    it(`reads "${text}" with a warning`, () => {
      const parsed = parseYear(text);
      expect(parsed).toMatchObject({ value });
      expect(parsed).toMatchObject({ warning: expect.stringContaining('1948') });
    });
  }

  it('warns about a future year', () => {
    expect(parseYear('2031', undefined, new Date(2025, 0, 1))).toEqual({
      value: 2031,
      warning: 'birth year 2031 is in the future: check it',
    });
  });

  it('warns about a very old year', () => {
    expect(parseYear('1890', undefined, new Date(2025, 0, 1))).toMatchObject({
      warning: 'birth year 1890 is more than 120 years ago: check it',
    });
  });

  it('rejects a decimal year', () => {
    expect(parseYear('1948.5').error).toMatch(/not a year/);
  });
});

describe('parseNumeroRg', () => {
  it('keeps text as it is', () => {
    expect(parseNumeroRg('21/00701')).toEqual({ value: '21/00701' });
  });

  it('drops a decimal zero', () => {
    expect(parseNumeroRg('2100701.0')).toEqual({
      value: '2100701',
      warning: 'numero RG "2100701.0" written as a decimal number: read as 2100701',
    });
  });

  it('keeps other decimals', () => {
    expect(parseNumeroRg('21.00')).toEqual({ value: '21.00' });
  });

  it('reads exact scientific notation', () => {
    expect(parseNumeroRg('2,100701E+6')).toMatchObject({ value: '2100701' });
  });

  it('rejects lossy scientific notation', () => {
    expect(parseNumeroRg('2,1E+11').error).toMatch(/scientific notation, which lost digits/);
  });
});

describe('parseCountry', () => {
  it('upper-cases a code', () => {
    expect(parseCountry('be')).toEqual({ value: 'BE' });
  });

  it('reads France', () => {
    expect(parseCountry('France')).toEqual({ value: 'FR' });
  });

  it('rejects a three-letter code', () => {
    expect(parseCountry('FRA').error).toMatch(/alpha-2/);
  });
});
