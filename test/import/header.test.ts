import { describe, expect, it } from 'vitest';

import { builtInColumnNames, locateHeader, readHeader } from '../../src/import/header.js';
import { normaliseHeader } from '../../src/import/text.js';

describe('normaliseHeader', () => {
  const table: [string, string][] = [
    [' Date_Nomination ', 'date_nomination'],
    ['Date de nomination', 'date_nomination'],
    ['Numéro RG', 'numero_rg'],
    ['N° RG', 'numero_rg'],
    ['No dossier', 'numero_dossier'],
    ['Num. dossier', 'numero_dossier'],
    ['Année de naissance', 'annee_naissance'],
    ["Type d'établissement", 'type_etablissement'],
    ['\ufeffTRIBUNAL-SIRET', 'tribunal_siret'],
    ['Né(e) en', 'ne_e_en'],
  ];
  for (const [header, expected] of table) {
    it(`normalises "${header}"`, () => {
      expect(normaliseHeader(header)).toBe(expected);
    });
  }

  it('keeps a leading linking word', () => {
    expect(normaliseHeader('De')).toBe('de');
  });
});

describe('locateHeader', () => {
  const header = 'date_nomination,type,ville,civilite,annee,numero_rg,residence,tribunal_siret';

  it('takes the first line', () => {
    expect(locateHeader([header, '1,2,3'], builtInColumnNames)).toEqual({
      index: 0,
      delimiter: ',',
    });
  });

  it('skips a title and blank lines', () => {
    const lines = ['Mesures au 01/02/2024; cabinet Dupont', '', ';;;', header];
    expect(locateHeader(lines, builtInColumnNames)).toEqual({ index: 3, delimiter: ',' });
  });

  it('needs two known names', () => {
    const lines = ['Type de fichier', header];
    expect(locateHeader(lines, builtInColumnNames)).toEqual({ index: 1, delimiter: ',' });
  });

  it('finds the columns of a mapping', () => {
    const lines = ['Logiciel Tutelia', 'N° RG;Sexe;Commune'];
    expect(locateHeader(lines, new Set(['numero_rg', 'sexe']))).toEqual({
      index: 1,
      delimiter: ';',
    });
  });

  it('falls back to the first non-blank line', () => {
    expect(locateHeader(['', 'nom;prenom', 'a;b'], builtInColumnNames)).toEqual({
      index: 1,
      delimiter: ';',
    });
  });

  it('returns nothing for blank lines', () => {
    expect(locateHeader(['', '  '], builtInColumnNames)).toBeUndefined();
  });
});

describe('readHeader', () => {
  it('gives repeated names distinct keys', () => {
    const header = readHeader(['numero_rg', 'Numéro RG', 'ville', '', 'NUMERO_RG']);
    expect(header.keys).toEqual(['numero_rg', 'numero_rg#2', 'ville', '', 'numero_rg#3']);
  });

  it('labels repeated names with their column', () => {
    const header = readHeader(['numero_rg', 'Numéro RG', 'Ville']);
    expect([...header.labels]).toEqual([
      ['numero_rg', 'numero_rg (column 1)'],
      ['numero_rg#2', 'Numéro RG (column 2)'],
      ['ville', 'Ville'],
    ]);
  });

  it('lists the repeated names', () => {
    const header = readHeader(['numero_rg', 'ville', 'Numéro RG']);
    expect([...header.repeated]).toEqual([['numero_rg', [1, 3]]]);
  });
});
