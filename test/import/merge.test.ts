import { describe, expect, it } from 'vitest';

import { applyCurrentEtat, mergeRowIntoMesure } from '../../src/import/merge.js';
import { changedFields, payloadFromMesure, sameMesure } from '../../src/import/payload.js';
import type { Etat, Mesure } from '../../src/mesure/types.js';

const first: Etat = {
  date_changement_etat: '2019-05-01',
  nature_mesure: 'curatelle_simple',
  champ_mesure: null,
  lieu_vie: 'domicile',
  type_etablissement: null,
  code_postal: '80100',
  ville: 'ABBEVILLE',
  pays: 'FR',
};
const second: Etat = {
  ...first,
  date_changement_etat: '2021-01-10',
  nature_mesure: 'curatelle_renforcee',
};

const remote: Mesure = {
  id: 7,
  editor_id: 1,
  created_at: '2021-01-10T10:00:00.000Z',
  latitude: 50.1,
  longitude: 1.8,
  numero_rg: '02000123',
  numero_dossier: 'D7',
  annee_naissance: 1948,
  civilite: 'madame',
  date_nomination: '2019-05-01',
  date_premier_mesure: null,
  date_protection_en_cours: null,
  date_fin_mesure: null,
  cause_sortie: null,
  resultat_revision: null,
  antenne_id: null,
  tribunal_siret: '17800111100396',
  etats: [second, first],
  ressources: [{ annee: 2023, niveau_ressource: '1200', prestations_sociales: ['AAH'] }],
};

describe('applyCurrentEtat', () => {
  it('keeps history when the state is the same', () => {
    expect(
      applyCurrentEtat(
        [first, second],
        { nature_mesure: 'curatelle_renforcee', lieu_vie: 'domicile' },
        '2024-06-01',
      ),
    ).toEqual([first, second]);
  });

  it('adds an état dated today', () => {
    const etats = applyCurrentEtat(
      [first, second],
      { lieu_vie: 'sdf', code_postal: null },
      '2024-06-01',
    );
    expect(etats).toEqual([
      first,
      second,
      { ...second, lieu_vie: 'sdf', code_postal: null, date_changement_etat: '2024-06-01' },
    ]);
  });

  it('dates the état from the row', () => {
    const etats = applyCurrentEtat(
      [first, second],
      { nature_mesure: 'tutelle', date_changement_etat: '2022-02-02' },
      '2024-06-01',
    );
    expect(etats.map((etat) => etat.date_changement_etat)).toEqual([
      '2019-05-01',
      '2021-01-10',
      '2022-02-02',
    ]);
  });

  it('replaces an état of the same date', () => {
    const etats = applyCurrentEtat(
      [first, second],
      { nature_mesure: 'tutelle', date_changement_etat: '2021-01-10' },
      '2024-06-01',
    );
    expect(etats).toEqual([first, { ...second, nature_mesure: 'tutelle' }]);
  });
});

describe('mergeRowIntoMesure', () => {
  it('keeps what the row does not carry', () => {
    const merged = mergeRowIntoMesure(
      remote,
      { line: 2, mesure: { numero_rg: '20/00123', civilite: 'madame' }, etat: {}, columns: {} },
      '2024-06-01',
    );
    expect(sameMesure(merged, payloadFromMesure(remote))).toBe(true);
  });

  it('keeps remote ressources', () => {
    const merged = mergeRowIntoMesure(
      remote,
      { line: 2, mesure: { annee_naissance: 1949 }, etat: {}, columns: {} },
      '2024-06-01',
    );
    expect(merged.ressources).toEqual([
      { annee: 2023, niveau_ressource: 1200, prestations_sociales: ['AAH'] },
    ]);
  });

  it('names the changed fields', () => {
    const merged = mergeRowIntoMesure(
      remote,
      { line: 2, mesure: { annee_naissance: 1949 }, etat: { lieu_vie: 'sdf' }, columns: {} },
      '2024-06-01',
    );
    expect(changedFields(payloadFromMesure(remote), merged)).toEqual(['annee_naissance', 'etats']);
  });

  it('replaces history from NDJSON', () => {
    const merged = mergeRowIntoMesure(
      remote,
      { line: 2, mesure: {}, etat: {}, etats: [first], ressources: [], columns: {} },
      '2024-06-01',
    );
    expect(changedFields(payloadFromMesure(remote), merged)).toEqual(['etats', 'ressources']);
  });
});
