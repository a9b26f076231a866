import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { IssueLog } from '../../src/import/issues.js';
import { emjpmMapping } from '../../src/import/mapping.js';
import { loadMappingFile, parseMapping } from '../../src/import/mapping-file.js';
import { mapCsvRow } from '../../src/import/mapping.js';
import { frenchPostalCodeSet } from '../../src/import/postal-codes.js';
import { toCreatePayload } from '../../src/import/payload.js';
import type { MapContext } from '../../src/import/mapping.js';
import type { CsvRow } from '../../src/import/read.js';

const headers = [
  'date_nomination',
  'type',
  'code_postal',
  'ville',
  'civilite',
  'annee',
  'numero_rg',
  'numero_dossier',
  'residence',
  'tribunal_siret',
  'tribunal_cabinet',
  'antenne',
];
const context: MapContext = {
  frenchPostalCodes: frenchPostalCodeSet(),
  knownSirets: new Set(['17800111100396']),
};

function row(values: Record<string, string>, line = 2): CsvRow {
  const base: Record<string, string> = {
    date_nomination: '02/03/2020',
    type: 'curatelle renforcée aux biens',
    code_postal: '80100',
    ville: 'ABBEVILLE',
    civilite: 'F',
    annee: '1948',
    numero_rg: '20/00123',
    numero_dossier: '',
    residence: 'A domicile',
    tribunal_siret: '17800111100396',
    tribunal_cabinet: '',
    antenne: '',
  };
  return { kind: 'csv', line, values: new Map(Object.entries({ ...base, ...values })) };
}

function map(values: Record<string, string>, extra: Partial<MapContext> = {}) {
  const log = new IssueLog();
  const mapped = mapCsvRow(row(values), emjpmMapping(headers), { ...context, ...extra }, log);
  return { mapped, log };
}

describe('emjpm mapping', () => {
  it('builds the create payload of a template row', () => {
    const { mapped, log } = map({});
    expect(log.issues).toEqual([]);
    expect(toCreatePayload(mapped)).toEqual({
      numero_rg: '20/00123',
      numero_dossier: null,
      annee_naissance: 1948,
      civilite: 'madame',
      date_nomination: '2020-03-02',
      date_premier_mesure: null,
      date_protection_en_cours: null,
      date_fin_mesure: null,
      cause_sortie: null,
      resultat_revision: null,
      antenne_id: null,
      tribunal_siret: '17800111100396',
      etats: [
        {
          date_changement_etat: '2020-03-02',
          nature_mesure: 'curatelle_renforcee',
          champ_mesure: 'protection_bien',
          lieu_vie: 'domicile',
          type_etablissement: null,
          code_postal: '80100',
          ville: 'ABBEVILLE',
          pays: 'FR',
        },
      ],
      ressources: [],
    });
  });

  it('rejects an establishment without type', () => {
    const { log } = map({ residence: 'en établissement' });
    expect(log.issues.map((issue) => [issue.column, issue.severity])).toEqual([
      ['residence', 'error'],
    ]);
    expect(log.issues[0]?.message).toMatch(
      /requires a type_etablissement.*--default-type-etablissement/,
    );
  });

  it('names the residence cell of an establishment', () => {
    const { log } = map({ residence: 'en établissement' });
    expect(log.issues[0]?.message).toMatch(/^residence "en établissement" requires a type_etablissement/);
  });

  it('lists the template residence labels', () => {
    const { log } = map({ residence: 'maison' });
    expect(log.issues.map((issue) => issue.message)).toEqual([
      '"maison" is not a valid residence: write domicile, en établissement, en établissement avec conservation du domicile or SDF',
    ]);
  });

  it('lists the template civilite labels', () => {
    const { log } = map({ civilite: 'X' });
    expect(log.issues.map((issue) => issue.message)).toEqual([
      '"X" is not a valid civilite: write F or H',
    ]);
  });

  it('takes the default type_etablissement', () => {
    const { mapped, log } = map(
      { residence: 'en établissement' },
      { defaultTypeEtablissement: 'EHPAD' },
    );
    expect(log.errorCount).toBe(0);
    expect(mapped.etat.type_etablissement).toBe('etablissement_personne_agee');
  });

  it('warns about surrounding and non-breaking spaces', () => {
    const { mapped, log } = map({ ville: ' ABBEVILLE ', numero_rg: '20/\u00a000123' });
    expect(mapped.etat.ville).toBe('ABBEVILLE');
    expect(mapped.mesure.numero_rg).toBe('20/ 00123');
    expect(log.issues.map((issue) => issue.message)).toEqual([
      'non-breaking space in numero_rg replaced by a plain space',
      'spaces around ville removed',
    ]);
  });

  it('repairs a postal code without its zero', () => {
    const { mapped, log } = map({ code_postal: '1000', ville: 'BOURG EN BRESSE' });
    expect(mapped.etat.code_postal).toBe('01000');
    expect(log.warningCount).toBe(1);
  });

  it('names line, column and value of an error', () => {
    const { log } = map({ tribunal_siret: '1,78001E+13' });
    expect(log.issues).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'tribunal_siret',
        value: '1,78001E+13',
        severity: 'error',
      }),
    ]);
  });

  it('requires the ville', () => {
    const { log } = map({ ville: '' });
    expect(log.issues.map((issue) => issue.message)).toEqual(['ville is empty: it is required']);
  });

  it('keeps the antenne name for resolution', () => {
    const { mapped } = map({ antenne: 'Antenne Nord' });
    expect(mapped.antenneName).toBe('Antenne Nord');
  });

  it('removes the text apostrophe before digits', () => {
    const { mapped, log } = map({ code_postal: "'80100" });
    expect(mapped.etat.code_postal).toBe('80100');
    expect(log.issues.map((issue) => issue.message)).toEqual([
      'apostrophe before code_postal removed: read as 80100',
    ]);
  });

  it('removes the text formula around digits', () => {
    const { mapped, log } = map({ code_postal: '="01000"', ville: 'BOURG EN BRESSE' });
    expect(mapped.etat.code_postal).toBe('01000');
    expect(log.issues.map((issue) => issue.message)).toEqual([
      'formula ="…" around code_postal removed: read as 01000',
    ]);
  });

  it('reads NULL as an empty cell', () => {
    const { mapped, log } = map({ numero_dossier: 'NULL', code_postal: '\\N' });
    expect(log.issues).toEqual([]);
    expect(mapped.mesure.numero_dossier).toBeNull();
    expect(mapped.etat.code_postal).toBeNull();
  });

  it('keeps an apostrophe before letters', () => {
    const { mapped } = map({ ville: "'S GRAVENHAGE" });
    expect(mapped.etat.ville).toBe("'S GRAVENHAGE");
  });
});

describe('column aliases', () => {
  it('reads the names business programs use', () => {
    const mapping = emjpmMapping([
      'type_mesure',
      'sexe',
      'cp',
      'commune',
      'date_naissance',
      'siret_tribunal',
      'cabinet',
    ]);
    expect(mapping.columns).toEqual({
      type: 'type_mesure',
      civilite: 'sexe',
      code_postal: 'cp',
      ville: 'commune',
      annee_naissance: 'date_naissance',
      tribunal_siret: 'siret_tribunal',
      tribunal_cabinet: 'cabinet',
    });
  });
});

describe('repeated columns', () => {
  const repeated = [...headers, 'numero_rg#2', 'date_ouverture'];
  const labels = new Map([
    ['numero_rg', 'numero_rg (column 7)'],
    ['numero_rg#2', 'N° RG (column 13)'],
  ]);

  function mapRepeated(values: Record<string, string>) {
    const log = new IssueLog();
    const mapping = emjpmMapping(repeated);
    const mapped = mapCsvRow(row(values), mapping, { ...context, columnLabels: labels }, log);
    return { mapping, mapped, log };
  }

  it('lists the later columns as alternatives', () => {
    expect(mapRepeated({}).mapping.alternatives).toEqual({
      numero_rg: ['numero_rg#2'],
      date_nomination: ['date_ouverture'],
    });
  });

  it('takes the filled column', () => {
    const { mapped, log } = mapRepeated({ numero_rg: '', 'numero_rg#2': '20/00999' });
    expect(log.errorCount).toBe(0);
    expect(mapped.mesure.numero_rg).toBe('20/00999');
  });

  it('accepts equal cells', () => {
    const { log } = mapRepeated({ 'numero_rg#2': '20/00123', date_ouverture: '02/03/2020' });
    expect(log.issues).toEqual([]);
  });

  it('rejects different cells', () => {
    const { log } = mapRepeated({ 'numero_rg#2': 'D-12' });
    expect(log.issues).toEqual([
      expect.objectContaining({ column: 'numero_rg', value: '20/00123 | D-12', severity: 'error' }),
    ]);
    expect(log.issues[0]?.message).toMatch(
      /^the columns "numero_rg \(column 7\)" and "N° RG \(column 13\)" both give numero_rg but differ/,
    );
  });
});

describe('parseMapping', () => {
  it('normalises columns and value keys', () => {
    const mapping = parseMapping(
      {
        columns: { numero_rg: 'N° RG', civilite: 'Sexe' },
        values: { civilite: { Femme: 'F' } },
        dateFormat: 'dd/MM/yyyy',
      },
      'map.json',
    );
    expect(mapping.columns).toEqual({ numero_rg: 'numero_rg', civilite: 'sexe' });
    expect(mapping.values.civilite).toEqual({ femme: 'F' });
  });

  it('accepts the template aliases', () => {
    expect(
      parseMapping({ columns: { annee: 'Naissance', residence: 'Lieu' } }, 'map.json').columns,
    ).toEqual({
      annee_naissance: 'naissance',
      lieu_vie: 'lieu',
    });
  });

  it('rejects an unknown field', () => {
    expect(() => parseMapping({ columns: { nom: 'Nom' } }, 'map.json')).toThrow(
      'In map.json, columns.nom is not a field emjpm knows.',
    );
  });

  it('rejects a mapping without columns', () => {
    expect(() => parseMapping({ defaults: {} }, 'map.json')).toThrow(
      /must be a JSON object with a "columns" object/,
    );
  });
});

describe('loadMappingFile', () => {
  let folder = '';
  const content = '{"columns": {"numero_rg": "N° RG", "annee": "Né(e) en"}}';

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'emjpm-map-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const encodings: [string, Buffer][] = [
    ['UTF-8 with BOM', Buffer.from(`\ufeff${content}`)],
    ['Windows-1252', iconv.encode(content, 'win1252')],
  ];
  for (const [name, bytes] of encodings) {
    it(`reads ${name}`, async () => {
      const path = join(folder, `${name.replace(/\W+/g, '-')}.json`);
      await writeFile(path, bytes);
      const mapping = await loadMappingFile(path);
      expect(mapping.columns).toEqual({ numero_rg: 'numero_rg', annee_naissance: 'ne_e_en' });
      expect(mapping.columnNames?.annee_naissance).toBe('Né(e) en');
    });
  }
});
