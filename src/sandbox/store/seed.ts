import { randomBytes } from 'node:crypto';

import { draftMesure } from '../editors/mesure-draft.js';
import { dayOf } from '../editors/dates.js';

import type { ReferenceData } from '../reference-data.js';
import type { Account, SandboxState, StoredMesure } from './types.js';

const EDITOR_ID = 1;
const INDIVIDUAL_OWNER = 'mandataire:101';
const SERVICE_OWNER = 'service:201';

/**
 * Builds a fresh sandbox: one editor, an individual mandataire, a service member whose service
 * has three antennes, a second service without users, and a few mesures per owner including
 * one `en_attente` each. Secrets and passwords are random per state.
 */
export function seedState(reference: ReferenceData, now: number): SandboxState {
  const accounts: Account[] = [
    {
      id: 1,
      login: 'jeanne.martin@example.org',
      password: randomSecret(6),
      kind: 'individuel',
      name: 'Jeanne Martin',
      mandataireId: 101,
      serviceId: null,
      editorLocked: false,
    },
    {
      id: 2,
      login: 'marc.durand@example.org',
      password: randomSecret(6),
      kind: 'service',
      name: 'Marc Durand (ATMP du Rhône)',
      mandataireId: null,
      serviceId: 201,
      editorLocked: false,
    },
  ];
  const state: SandboxState = {
    version: 1,
    editor: { id: EDITOR_ID, name: 'Logiciel de démonstration', secret: randomSecret(20) },
    accounts,
    services: [
      { id: 201, name: 'ATMP du Rhône' },
      { id: 202, name: 'UDAF de la Gironde' },
    ],
    antennes: [
      antenne(301, 201, 'Antenne de Lyon', '12 rue Servient', '69003', 'LYON 03'),
      antenne(302, 201, 'Antenne de Villeurbanne', '4 cours Émile Zola', '69100', 'VILLEURBANNE'),
      antenne(303, 201, 'Antenne de Vienne', '9 quai Riondet', '38200', 'VIENNE'),
      antenne(304, 202, 'Antenne de Bordeaux', '30 rue des Frères Bonie', '33000', 'BORDEAUX'),
    ],
    mesures: [],
    nextMesureId: 1,
    tokens: [],
    codes: [],
  };
  state.mesures = seedMesures(reference, now);
  state.nextMesureId = state.mesures.length + 1;
  return state;
}

function randomSecret(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function antenne(
  id: number,
  serviceId: number,
  nom: string,
  adresse: string,
  codePostal: string,
  ville: string,
) {
  return { id, serviceId, nom, adresse, code_postal: codePostal, ville };
}

interface SeedMesure {
  owner: string;
  pending?: boolean;
  antenneId?: number;
  createdAt: string;
  body: Record<string, unknown>;
}

const PARIS = '17750111101763';
const LYON = '17690111400403';
const BORDEAUX = '17330111000529';
const VIENNE = '17380111900053';

const SEED_MESURES: SeedMesure[] = [
  {
    owner: INDIVIDUAL_OWNER,
    createdAt: '2021-03-15T09:30:00.000Z',
    body: mesureBody('20/01234', PARIS, 'madame', 1948, '2020-03-12', [
      etat('2020-03-12', 'tutelle', 'protection_bien_personne', 'domicile', '75015', 'PARIS 15'),
    ]),
  },
  {
    owner: INDIVIDUAL_OWNER,
    createdAt: '2022-06-02T14:05:00.000Z',
    body: {
      ...mesureBody('21/00087', PARIS, 'monsieur', 1937, '2021-11-08', [
        etat('2021-11-08', 'curatelle_simple', null, 'domicile', '92100', 'BOULOGNE BILLANCOURT'),
        etat(
          '2023-02-01',
          'curatelle_renforcee',
          'protection_bien',
          'etablissement',
          '92100',
          'BOULOGNE BILLANCOURT',
          'etablissement_personne_agee',
        ),
      ]),
      date_premier_mesure: '2019-05-20',
      ressources: [
        { annee: 2023, niveau_ressource: 14200, prestations_sociales: ['APA', 'ALS'] },
        { annee: 2024, niveau_ressource: 14650, prestations_sociales: ['APA'] },
      ],
    },
  },
  {
    owner: INDIVIDUAL_OWNER,
    createdAt: '2019-01-10T08:00:00.000Z',
    body: {
      ...mesureBody('18/04410', BORDEAUX, 'madame', 1931, '2018-09-03', [
        etat('2018-09-03', 'tutelle', 'protection_bien_personne', 'domicile', '33000', 'BORDEAUX'),
      ]),
      date_fin_mesure: '2024-06-30',
      cause_sortie: 'deces',
    },
  },
  {
    owner: INDIVIDUAL_OWNER,
    pending: true,
    createdAt: '2025-01-20T10:12:00.000Z',
    body: mesureBody('25/00312', PARIS, 'monsieur', 1959, '2025-01-17', [
      etat('2025-01-17', 'curatelle_renforcee', null, 'domicile', '75011', 'PARIS 11'),
    ]),
  },
  {
    owner: SERVICE_OWNER,
    antenneId: 301,
    createdAt: '2022-02-11T11:00:00.000Z',
    body: {
      ...mesureBody('22/00555', LYON, 'madame', 1962, '2022-01-24', [
        etat(
          '2022-01-24',
          'curatelle_renforcee',
          'protection_bien_personne',
          'domicile',
          '69003',
          'LYON 03',
        ),
      ]),
      numero_dossier: 'ATMP-2022-0001',
      ressources: [{ annee: 2024, niveau_ressource: 11200, prestations_sociales: ['AAH', 'APL'] }],
    },
  },
  {
    owner: SERVICE_OWNER,
    antenneId: 302,
    createdAt: '2023-04-03T16:20:00.000Z',
    body: {
      ...mesureBody('23/01999', LYON, 'monsieur', 1970, '2023-03-20', [
        etat('2023-03-20', 'mesure_accompagnement_judiciaire', null, 'sdf', null, null),
      ]),
      numero_dossier: 'ATMP-2023-0042',
    },
  },
  {
    owner: SERVICE_OWNER,
    createdAt: '2020-10-05T09:45:00.000Z',
    body: {
      ...mesureBody('20/03141', VIENNE, 'madame', 1940, '2020-09-28', [
        etat(
          '2020-09-28',
          'tutelle',
          'protection_personne',
          'etablissement',
          '38200',
          'VIENNE',
          'etablissement_hospitalier',
        ),
      ]),
      numero_dossier: 'ATMP-2020-0310',
      date_fin_mesure: '2023-12-31',
      cause_sortie: 'mainlevee',
    },
  },
  {
    owner: SERVICE_OWNER,
    pending: true,
    createdAt: '2025-02-03T13:30:00.000Z',
    body: mesureBody('25/00040', LYON, 'monsieur', 1988, '2025-01-30', [
      etat('2025-01-30', 'sauvegarde_justice', null, 'domicile', '69100', 'VILLEURBANNE'),
    ]),
  },
];

function mesureBody(
  numeroRg: string,
  tribunalSiret: string,
  civilite: string,
  anneeNaissance: number,
  dateNomination: string,
  etats: Record<string, unknown>[],
): Record<string, unknown> {
  return {
    numero_rg: numeroRg,
    tribunal_siret: tribunalSiret,
    civilite,
    annee_naissance: anneeNaissance,
    date_nomination: dateNomination,
    etats,
    ressources: [],
  };
}

function etat(
  date: string,
  natureMesure: string,
  champMesure: string | null,
  lieuVie: string,
  codePostal: string | null,
  ville: string | null,
  typeEtablissement: string | null = null,
): Record<string, unknown> {
  return {
    date_changement_etat: date,
    nature_mesure: natureMesure,
    champ_mesure: champMesure,
    lieu_vie: lieuVie,
    type_etablissement: typeEtablissement,
    code_postal: codePostal,
    ville,
    pays: 'FR',
  };
}

function seedMesures(reference: ReferenceData, now: number): StoredMesure[] {
  return SEED_MESURES.map((seed, index) => {
    const court = reference.findCourt(String(seed.body.tribunal_siret));
    if (!court) {
      throw new Error(`Seed mesure ${index + 1} names an unknown court.`);
    }
    const draft = draftMesure(seed.body, court, reference, dayOf(now));
    return {
      ...draft,
      id: index + 1,
      owner: seed.owner,
      status: seed.pending ? 'en_attente' : draft.status,
      antenne_id: seed.antenneId ?? null,
      editor_id: EDITOR_ID,
      created_at: seed.createdAt,
    };
  });
}
