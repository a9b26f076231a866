import { describe, expect, it } from 'vitest';

import { applyAssignments } from '../../src/actions/assignments.js';
import { searchTribunaux } from '../../src/actions/search-tribunaux.js';
import { payloadFromMesure } from '../../src/api/payloads.js';
import { UsageError } from '../../src/cli/errors.js';

import type { Mesure } from '../../src/mesure/types.js';

const tribunaux = [
  { siret: '17910111100010', nom: "Tribunal judiciaire d'Évry-Courcouronnes", adresse: null, code_postal: '91000', ville: 'Évry', latitude: null, longitude: null },
  { siret: '17420111100017', nom: 'Tribunal judiciaire de Saint-Étienne', adresse: null, code_postal: '42000', ville: 'Saint-Étienne', latitude: null, longitude: null },
];

const mesure: Mesure = {
  id: 5,
  editor_id: 1,
  created_at: '2024-01-01T00:00:00Z',
  latitude: 1,
  longitude: 2,
  numero_rg: '00012345',
  numero_dossier: null,
  annee_naissance: 1950,
  civilite: 'monsieur',
  date_nomination: '2024-01-10',
  date_premier_mesure: null,
  date_protection_en_cours: null,
  date_fin_mesure: null,
  cause_sortie: null,
  resultat_revision: null,
  antenne_id: null,
  tribunal_siret: '17910111100010',
  etats: [
    { date_changement_etat: '2024-01-10', nature_mesure: 'tutelle', champ_mesure: null, lieu_vie: 'domicile', type_etablissement: null, code_postal: null, ville: null, pays: 'FR' },
    { date_changement_etat: '2024-05-10', nature_mesure: 'tutelle', champ_mesure: null, lieu_vie: 'domicile', type_etablissement: null, code_postal: null, ville: null, pays: 'FR' },
  ],
  ressources: [{ annee: 2024, niveau_ressource: '1500', prestations_sociales: [] }],
};

describe('searchTribunaux', () => {
  it('ignores accents and case', () => {
    expect(searchTribunaux(tribunaux, 'EVRY').map((tribunal) => tribunal.siret)).toEqual(['17910111100010']);
  });

  it('matches postal codes', () => {
    expect(searchTribunaux(tribunaux, '42000')).toHaveLength(1);
  });

  it('matches every word', () => {
    expect(searchTribunaux(tribunaux, 'saint etienne')).toHaveLength(1);
  });

  it('matches SIRET digits', () => {
    expect(searchTribunaux(tribunaux, '1742011')).toHaveLength(1);
  });

  it('keeps everything without a search', () => {
    expect(searchTribunaux(tribunaux, undefined)).toHaveLength(2);
  });
});

describe('payloadFromMesure', () => {
  it('strips the fields the server adds', () => {
    const payload = payloadFromMesure(mesure);
    for (const field of ['id', 'editor_id', 'created_at', 'latitude', 'longitude']) expect(payload).not.toHaveProperty(field);
  });

  it('sends niveau_ressource back as a number', () => {
    expect(payloadFromMesure(mesure).ressources[0]?.niveau_ressource).toBe(1500);
  });
});

describe('applyAssignments', () => {
  const payload = payloadFromMesure(mesure);

  it('sets a mesure field', () => {
    expect(applyAssignments(payload, ['date_fin_mesure=2025-06-30']).date_fin_mesure).toBe('2025-06-30');
  });

  it('reads a date written dd/mm/yyyy', () => {
    expect(applyAssignments(payload, ['date_fin_mesure=30/06/2025']).date_fin_mesure).toBe('2025-06-30');
  });

  it('keeps a day that does not exist for validation', () => {
    expect(applyAssignments(payload, ['date_fin_mesure=31/02/2025']).date_fin_mesure).toBe('31/02/2025');
  });

  it('reads a French label ignoring case and accents', () => {
    const changed = applyAssignments(payload, ['etat.lieu_vie=en ETABLISSEMENT']);
    expect(changed.etats.at(-1)?.lieu_vie).toBe('etablissement');
  });

  it('reads a label with a typed apostrophe', () => {
    const changed = applyAssignments(payload, ["cause_sortie=Dessaisissement au profit d'un autre MJPM"]);
    expect(changed.cause_sortie).toBe('dessaisissement_autre_mjpm');
  });

  it('keeps an API value as it is', () => {
    expect(applyAssignments(payload, ['civilite=monsieur']).civilite).toBe('monsieur');
  });

  it('clears a field with null', () => {
    expect(applyAssignments({ ...payload, numero_dossier: 'X' }, ['numero_dossier=null']).numero_dossier).toBeNull();
  });

  it('reads integers for numeric fields', () => {
    expect(applyAssignments(payload, ['antenne_id=4']).antenne_id).toBe(4);
  });

  it('changes the latest état with etat.FIELD', () => {
    const changed = applyAssignments(payload, ['etat.lieu_vie=sdf']);
    expect(changed.etats.map((etat) => etat.lieu_vie)).toEqual(['domicile', 'sdf']);
  });

  it('changes a numbered état with etats[N].FIELD', () => {
    const changed = applyAssignments(payload, ['etats[0].ville=Lyon']);
    expect(changed.etats[0]?.ville).toBe('Lyon');
  });

  it('keeps the value after the first equals sign', () => {
    expect(applyAssignments(payload, ['numero_dossier=a=b']).numero_dossier).toBe('a=b');
  });

  it('leaves the input unchanged', () => {
    applyAssignments(payload, ['civilite=madame']);
    expect(payload.civilite).toBe('monsieur');
  });

  it('rejects an unknown field', () => {
    expect(() => applyAssignments(payload, ['colour=red'])).toThrow(UsageError);
  });

  it('rejects a missing equals sign', () => {
    expect(() => applyAssignments(payload, ['civilite'])).toThrow(/field=value/);
  });

  it('rejects an état number out of range', () => {
    expect(() => applyAssignments(payload, ['etats[5].ville=Lyon'])).toThrow(/2 état/);
  });
});
