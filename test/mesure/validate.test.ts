import { describe, expect, it } from 'vitest';

import { countryCodeCount } from '../../src/mesure/countries.js';
import { validateMesure } from '../../src/mesure/validate.js';
import type { MesurePayload } from '../../src/mesure/types.js';

const tribunaux = [{ siret: '17800111100396' }];

function validMesure(): MesurePayload {
  return {
    numero_rg: '20/00123',
    numero_dossier: 'D-1',
    annee_naissance: 1948,
    civilite: 'madame',
    date_nomination: '2020-03-02',
    date_premier_mesure: '2019-01-15',
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
        champ_mesure: null,
        lieu_vie: 'domicile',
        type_etablissement: null,
        code_postal: '80100',
        ville: 'ABBEVILLE',
        pays: 'FR',
      },
    ],
    ressources: [],
  };
}

function messagesFor(payload: unknown) {
  return validateMesure(payload, { tribunaux }).map((issue) => `${issue.param}: ${issue.msg}`);
}

describe('validateMesure', () => {
  it('accepts a complete mesure', () => {
    expect(validateMesure(validMesure(), { tribunaux })).toEqual([]);
  });

  it('rejects an unknown court', () => {
    expect(messagesFor({ ...validMesure(), tribunal_siret: '12345678901234' })).toEqual([
      'tribunal_siret: siret is not valid',
    ]);
  });

  it('reports every error of an empty body', () => {
    const params = validateMesure({}, { tribunaux }).map((issue) => issue.param);
    expect(params).toEqual([
      'tribunal_siret',
      'numero_rg',
      'annee_naissance',
      'civilite',
      'date_nomination',
      'etats',
      'ressources',
    ]);
  });

  it('puts the court error first', () => {
    expect(validateMesure({}, { tribunaux })[0]?.msg).toBe('siret is not valid');
  });

  it('rejects a dd/mm/yyyy date', () => {
    expect(messagesFor({ ...validMesure(), date_nomination: '02/03/2020' })).toEqual([
      'date_nomination: Invalid value',
    ]);
  });

  it('rejects a date-time', () => {
    expect(messagesFor({ ...validMesure(), date_fin_mesure: '2020-03-02T00:00:00Z' })).toEqual([
      'date_fin_mesure: Invalid value',
    ]);
  });

  it('rejects a date that does not exist', () => {
    expect(messagesFor({ ...validMesure(), date_premier_mesure: '2019-02-30' })).toEqual([
      'date_premier_mesure: Invalid value',
    ]);
  });

  it('rejects nomination before premier mesure', () => {
    expect(messagesFor({ ...validMesure(), date_premier_mesure: '2021-01-01' })).toEqual([
      'date_nomination: date_nomination must be after or equivalent to date_premier_mesure',
    ]);
  });

  it('compares nomination with the last état as sent', () => {
    const payload = validMesure();
    const later = { ...payload.etats[0]!, date_changement_etat: '2022-01-01' };
    const earlier = { ...payload.etats[0]!, date_changement_etat: '2020-01-01' };
    expect(messagesFor({ ...payload, etats: [later, earlier] })).toEqual([
      'date_nomination: date_nomination must be before or equivalent to date_changement_etat',
    ]);
  });

  it('accepts nomination on the last état date', () => {
    const payload = validMesure();
    const later = { ...payload.etats[0]!, date_changement_etat: '2022-01-01' };
    expect(messagesFor({ ...payload, etats: [payload.etats[0], later] })).toEqual([]);
  });

  it('requires type_etablissement in an etablissement', () => {
    const payload = validMesure();
    const etat = { ...payload.etats[0]!, lieu_vie: 'etablissement' };
    const issues = validateMesure({ ...payload, etats: [etat] }, { tribunaux });
    expect(issues.map((issue) => [issue.param, issue.msg, issue.value])).toEqual([
      ['etats[0]', 'type_etablissement is required', etat],
    ]);
  });

  it('requires type_etablissement with conservation du domicile', () => {
    const payload = validMesure();
    const etat = { ...payload.etats[0]!, lieu_vie: 'etablissement_conservation_domicile' };
    expect(messagesFor({ ...payload, etats: [etat] })).toEqual([
      'etats[0]: type_etablissement is required',
    ]);
  });

  it('rejects an unknown type_etablissement', () => {
    const payload = validMesure();
    const etat = { ...payload.etats[0]!, type_etablissement: 'ehpad' };
    expect(messagesFor({ ...payload, etats: [etat] })).toEqual([
      'etats[0]: type_etablissement is not valid',
    ]);
  });

  it('rejects a lower-case country', () => {
    const payload = validMesure();
    expect(messagesFor({ ...payload, etats: [{ ...payload.etats[0]!, pays: 'fr' }] })).toEqual([
      'etats[0].pays: Invalid value',
    ]);
  });

  it('rejects a three-letter country', () => {
    const payload = validMesure();
    expect(messagesFor({ ...payload, etats: [{ ...payload.etats[0]!, pays: 'FRA' }] })).toEqual([
      'etats[0].pays: Invalid value',
    ]);
  });

  it('knows 249 country codes', () => {
    expect(countryCodeCount).toBe(249);
  });

  it('rejects each bad enumeration value', () => {
    const payload = validMesure();
    const etat = {
      ...payload.etats[0]!,
      nature_mesure: 'tutelle_renforcee',
      champ_mesure: 'biens',
      lieu_vie: 'rue',
    };
    expect(
      messagesFor({
        ...payload,
        civilite: 'F',
        cause_sortie: 'fin',
        resultat_revision: 'x',
        etats: [etat],
      }),
    ).toEqual([
      'civilite: Invalid value',
      'cause_sortie: Invalid value',
      'resultat_revision: Invalid value',
      'etats[0].nature_mesure: Invalid value',
      'etats[0].champ_mesure: Invalid value',
      'etats[0].lieu_vie: Invalid value',
    ]);
  });

  it('rejects empty etats', () => {
    expect(messagesFor({ ...validMesure(), etats: [] })).toEqual(['etats: Invalid value']);
  });

  it('rejects missing ressources', () => {
    const { ressources: _ressources, ...payload } = validMesure();
    expect(messagesFor(payload)).toEqual(['ressources: Invalid value']);
  });

  it('rejects an unknown prestation sociale', () => {
    const ressources = [
      { annee: 2023, niveau_ressource: 1200, prestations_sociales: ['AAH', 'CAF'] },
    ];
    expect(messagesFor({ ...validMesure(), ressources })).toEqual([
      'ressources[0].prestations_sociales[1]: Invalid value',
    ]);
  });

  it('accepts niveau_ressource as returned', () => {
    const ressources = [{ annee: 2023, niveau_ressource: '1200', prestations_sociales: ['APL'] }];
    expect(messagesFor({ ...validMesure(), ressources })).toEqual([]);
  });

  it('accepts a birth year as digits', () => {
    expect(messagesFor({ ...validMesure(), annee_naissance: '1948' })).toEqual([]);
  });

  it('rejects an antenne of another service', () => {
    const issues = validateMesure(
      { ...validMesure(), antenne_id: 9 },
      { tribunaux, antenneIds: [1, 2] },
    );
    expect(issues.map((issue) => issue.msg)).toEqual([
      'antenne_id does not match with your service.',
    ]);
  });

  it('skips the court check without a court list', () => {
    expect(validateMesure({ ...validMesure(), tribunal_siret: '12345678901234' })).toEqual([]);
  });
});
