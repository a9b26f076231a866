import { describe, expect, it } from 'vitest';

import { renderCsv } from '../../src/output/csv.js';
import { renderMesure, renderMesureList } from '../../src/output/mesure-view.js';
import { renderTribunaux } from '../../src/output/reference-view.js';
import { renderRecord, renderTable } from '../../src/output/table.js';

import type { MesureWithStatus } from '../../src/api/types.js';

const mesure: MesureWithStatus = {
  id: 12,
  status: 'en_cours',
  numero_rg: '0RG12345',
  numero_dossier: 'D-1',
  annee_naissance: 1948,
  civilite: 'madame',
  date_nomination: '2024-01-10',
  date_premier_mesure: null,
  date_protection_en_cours: null,
  date_fin_mesure: null,
  cause_sortie: null,
  resultat_revision: null,
  antenne_id: null,
  tribunal_siret: '17750111100013',
  latitude: 48.85,
  longitude: 2.35,
  editor_id: 1,
  created_at: '2024-01-11T09:00:00.000Z',
  etats: [
    {
      date_changement_etat: '2024-01-10',
      nature_mesure: 'curatelle_simple',
      champ_mesure: null,
      lieu_vie: 'domicile',
      type_etablissement: null,
      code_postal: '75001',
      ville: 'Paris',
      pays: 'FR',
    },
    {
      date_changement_etat: '2024-06-01',
      nature_mesure: 'tutelle',
      champ_mesure: 'protection_bien',
      lieu_vie: 'etablissement',
      type_etablissement: 'etablissement_personne_agee',
      code_postal: '69001',
      ville: 'Lyon',
      pays: 'FR',
    },
  ],
  ressources: [{ annee: 2024, niveau_ressource: '12000', prestations_sociales: ['AAH', 'APL'] }],
};

describe('renderTable', () => {
  it('aligns columns under their headers', () => {
    const text = renderTable(['ID', 'Nom'], [['1', 'Évry'], ['100', 'Lyon']]);
    expect(text).toBe('ID   Nom\n1    Évry\n100  Lyon\n');
  });

  it('truncates the widest column to fit the width', () => {
    const text = renderTable(['ID', 'Nom'], [['1', 'Tribunal judiciaire de Paris']], { maxWidth: 20 });
    expect(text.split('\n')[1]).toBe('1   Tribunal judici…');
  });

  it('keeps every line within the width', () => {
    const text = renderTable(['A', 'B', 'C'], [['x'.repeat(50), 'y'.repeat(40), 'z'.repeat(30)]], { maxWidth: 60 });
    for (const line of text.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('puts multi-line cells on one line', () => {
    expect(renderTable(['A'], [['one\ntwo']])).toBe('A\none two\n');
  });
});

describe('renderRecord', () => {
  it('aligns labels', () => {
    expect(renderRecord([['ID', '1'], ['N° RG', 'X']])).toBe('ID     1\nN° RG  X\n');
  });
});

describe('renderCsv', () => {
  it('writes a header row and CRLF line ends', () => {
    expect(renderCsv(['a', 'b'], [['1', '2']])).toBe('a,b\r\n1,2\r\n');
  });

  it('quotes fields with commas, quotes and line breaks', () => {
    expect(renderCsv(['a'], [['x,y'], ['say "hi"'], ['two\nlines']])).toBe('a\r\n"x,y"\r\n"say ""hi"""\r\n"two\nlines"\r\n');
  });

  it('prefixes formula cells with an apostrophe', () => {
    const cells = ['=1+1', '+33 1', '-x', '@SUM(A1)', '\tx'];
    const rows = renderCsv(['a'], cells.map((cell) => [cell])).split('\r\n').slice(1, -1);
    expect(rows).toEqual(["'=1+1", "'+33 1", "'-x", "'@SUM(A1)", "'\tx"]);
  });

  it('quotes a neutralised carriage return', () => {
    expect(renderCsv(['a'], [['\rx']])).toBe(`a\r\n"'\rx"\r\n`);
  });

  it('keeps signed numbers as they are', () => {
    expect(renderCsv(['a', 'b'], [['-1.55', '+2']])).toBe('a,b\r\n-1.55,+2\r\n');
  });
});

describe('renderMesureList', () => {
  it('shows French labels of the latest état in tables', () => {
    const text = renderMesureList([mesure], 'table');
    expect(text).toContain('Tutelle');
    expect(text).toContain('En établissement');
  });

  it('shows French headers and dates in tables', () => {
    const text = renderMesureList([mesure], 'table');
    expect(text).toContain('N° RG');
    expect(text).toContain('10/01/2024');
  });

  it('shows the status label', () => {
    expect(renderMesureList([mesure], 'table')).toContain('En cours');
  });

  it('writes API values in CSV', () => {
    const [header, row] = renderMesureList([mesure], 'csv').split('\r\n');
    expect(header?.split(',').slice(0, 3)).toEqual(['id', 'status', 'numero_rg']);
    expect(row).toContain('etablissement_personne_agee');
  });

  it('writes a JSON array of whole mesures', () => {
    expect(JSON.parse(renderMesureList([mesure], 'json'))).toEqual([mesure]);
  });

  it('writes one JSON object per line in NDJSON', () => {
    const lines = renderMesureList([mesure, { ...mesure, id: 13 }], 'ndjson').trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { id: number }).id)).toEqual([12, 13]);
  });

  it('leaves out the status column when no status is known', () => {
    const { status: _status, ...withoutStatus } = mesure;
    expect(renderMesureList([withoutStatus], 'table')).not.toContain('Statut');
  });
});

describe('renderMesureList on a narrow terminal', () => {
  const longLabels: MesureWithStatus = {
    ...mesure,
    id: 1234,
    numero_dossier: 'DOSSIER-2024-0042',
    date_fin_mesure: '2030-12-31',
    etats: [
      {
        ...mesure.etats[1]!,
        nature_mesure: 'mesure_accompagnement_judiciaire',
        lieu_vie: 'etablissement_conservation_domicile',
        ville: 'Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson',
      },
    ],
  };
  const wholeValues = ['1234', '0RG12345', '10/01/2024', '17750111100013'];

  for (const width of [80, 100]) {
    it(`fits ${width} columns`, () => {
      const lines = renderMesureList([longLabels], 'table', { maxWidth: width }).trimEnd().split('\n');
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    });

    it(`keeps ids, RG, dates and SIRET whole at ${width} columns`, () => {
      const text = renderMesureList([longLabels], 'table', { maxWidth: width });
      for (const value of wholeValues.slice(0, 3)) expect(text).toContain(value);
    });

    it(`names the hidden columns at ${width} columns`, () => {
      const hidden: string[][] = [];
      const text = renderMesureList([longLabels], 'table', { maxWidth: width, onHiddenColumns: (headers) => hidden.push(headers) });
      expect(hidden).toHaveLength(1);
      for (const header of hidden[0] ?? []) expect(text.split('\n')[0]).not.toContain(header);
    });
  }

  it('keeps the id, status and numero RG at 80 columns', () => {
    const header = renderMesureList([longLabels], 'table', { maxWidth: 80 }).split('\n')[0];
    expect(header).toMatch(/^ID +Statut +N° RG /);
  });

  it('shows the SIRET whole at 100 columns', () => {
    expect(renderMesureList([longLabels], 'table', { maxWidth: 100 })).toContain('17750111100013');
  });

  it('treats a width of 0 as no limit', () => {
    expect(renderMesureList([longLabels], 'table', { maxWidth: 0 })).toBe(renderMesureList([longLabels], 'table'));
  });

  it('shows every value whole at width 0', () => {
    const text = renderMesureList([longLabels], 'table', { maxWidth: 0 });
    for (const value of [...wholeValues, 'Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson']) expect(text).toContain(value);
  });

  it('shows a record whole at width 0', () => {
    expect(renderMesure(longLabels, 'table', { maxWidth: 0 })).toContain('DOSSIER-2024-0042');
  });
});

describe('renderMesure', () => {
  it('lists every état in the table view', () => {
    const text = renderMesure(mesure, 'table');
    expect(text).toContain('Curatelle simple');
    expect(text).toContain('Tutelle');
  });

  it('lists the ressources in the table view', () => {
    expect(renderMesure(mesure, 'table')).toContain('AAH APL');
  });

  it('writes the whole object in JSON', () => {
    expect(JSON.parse(renderMesure(mesure, 'json'))).toEqual(mesure);
  });
});

describe('renderTribunaux', () => {
  const tribunal = {
    siret: '17750111100013',
    nom: 'Tribunal judiciaire de Paris',
    adresse: 'Parvis du tribunal',
    code_postal: '75017',
    ville: 'Paris',
    latitude: 48.89,
    longitude: 2.31,
  };

  it('adds coordinates in CSV', () => {
    expect(renderTribunaux([tribunal], 'csv').split('\r\n')[0]).toBe('siret,nom,code_postal,ville,adresse,latitude,longitude');
  });

  it('leaves coordinates out of tables', () => {
    expect(renderTribunaux([tribunal], 'table')).not.toContain('Latitude');
  });
});
