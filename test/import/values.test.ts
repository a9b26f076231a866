import { describe, expect, it } from 'vitest';

import { lieuVieLabels, typeEtablissementLabels } from '../../src/mesure/enums.js';
import { lieuVieAliases, mesureTypeOf, typeEtablissementAliases } from '../../src/import/emjpm-types.js';
import { frenchPostalCodeSet } from '../../src/import/postal-codes.js';
import { parseCivilite, parseCountry, parseEnum, parsePostalCode, parseSiret, parseYear } from '../../src/import/values.js';

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
    ['curatelle renforcée aux biens et à la personne', 'curatelle_renforcee', 'protection_bien_personne'],
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

  it('lists the values on error', () => {
    expect(parseEnum('foyer', typeEtablissementLabels).error).toMatch(/^"foyer" is not one of autre_etablissement, /);
  });
});

describe('parseSiret', () => {
  const known = new Set(['17800111100396', '01234567890123']);

  it('accepts 14 digits', () => {
    expect(parseSiret('17800111100396', known)).toEqual({ value: '17800111100396', warning: undefined });
  });

  it('rejects scientific notation', () => {
    expect(parseSiret('1,77501E+13', known).error).toMatch(/scientific notation.*format the column as text/);
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

  it('restores a lost leading zero of a known court', () => {
    expect(parseSiret('1234567890123', known)).toMatchObject({ value: '01234567890123' });
  });

  it('rejects 13 digits of no known court', () => {
    expect(parseSiret('7800111100396', known).error).toMatch(/must be 14 digits, not 13/);
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
