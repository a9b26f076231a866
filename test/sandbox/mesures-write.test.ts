import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { BORDEAUX, editors, etat, LYON, mesureBody, PARIS, startWithTokens } from './helpers.js';

import type { Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
let individualToken: string;
let serviceToken: string;
let serialNumber = 0;

beforeAll(async () => {
  ({ sandbox, individualToken, serviceToken } = await startWithTokens());
});

afterAll(async () => {
  await sandbox.close();
});

/** Returns a numero_rg no other test uses, so tests do not upsert into each other's mesures. */
function freshRg(): string {
  serialNumber += 1;
  return `T${String(serialNumber).padStart(7, '0')}`;
}

function post(body: unknown, token = individualToken) {
  return editors(sandbox, token, 'POST', '/mesures', { body });
}

function put(id: number, body: unknown, token = individualToken) {
  return editors(sandbox, token, 'PUT', `/mesures/${id}`, { body });
}

async function listIds(token: string, query = ''): Promise<number[]> {
  const response = await editors(sandbox, token, 'GET', `/mesures${query}`);
  return response.json().mesures.map((mesure: { id: number }) => mesure.id);
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function shiftDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('POST /mesures', () => {
  test('creates mesure with 201', async () => {
    const response = await post(mesureBody({ numero_rg: freshRg() }));
    expect(response.status).toBe(201);
    expect(typeof response.json().id).toBe('number');
    expect(response.json().editor_id).toBe(sandbox.editor.clientId);
    expect(Number.isNaN(Date.parse(response.json().created_at))).toBe(false);
  });

  test('normalises numero_rg', async () => {
    const cases: [string, string][] = [
      ['rg-12/345', '0RG12345'],
      ['12345', '00012345'],
      ['rg-2020/123', 'RG202012'],
      ['ab 1', '00000AB1'],
    ];
    for (const [sent, stored] of cases) {
      const response = await post(mesureBody({ numero_rg: sent, tribunal_siret: LYON }));
      expect(response.json().numero_rg, sent).toBe(stored);
    }
  });

  test('upserts on normalised RG and court', async () => {
    const first = await post(mesureBody({ numero_rg: 'up-77/001', annee_naissance: 1940 }));
    const countBefore = (await listIds(individualToken)).length;
    const second = await post(mesureBody({ numero_rg: 'UP 77 001', annee_naissance: 1941 }));
    expect(second.status).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(second.json().annee_naissance).toBe(1941);
    expect(second.json().created_at).toBe(first.json().created_at);
    expect((await listIds(individualToken)).length).toBe(countBefore);
  });

  test('same RG at another court is another mesure', async () => {
    const rg = freshRg();
    const paris = await post(mesureBody({ numero_rg: rg, tribunal_siret: PARIS }));
    const lyon = await post(mesureBody({ numero_rg: rg, tribunal_siret: LYON }));
    expect(lyon.json().id).not.toBe(paris.json().id);
  });

  test('same RG of another owner is another mesure', async () => {
    const rg = freshRg();
    const individual = await post(mesureBody({ numero_rg: rg }));
    const service = await post(mesureBody({ numero_rg: rg }), serviceToken);
    expect(service.json().id).not.toBe(individual.json().id);
  });

  test('sorts etats by date', async () => {
    const response = await post(
      mesureBody({
        numero_rg: freshRg(),
        date_nomination: '2020-01-01',
        etats: [etat('2022-05-01'), etat('2020-01-01'), etat('2021-03-01')],
      }),
    );
    const dates = response
      .json()
      .etats.map((item: { date_changement_etat: string }) => item.date_changement_etat);
    expect(dates).toEqual(['2020-01-01', '2021-03-01', '2022-05-01']);
  });

  test('same-date etats collapse to last sent', async () => {
    const response = await post(
      mesureBody({
        numero_rg: freshRg(),
        date_nomination: '2020-01-01',
        etats: [
          etat('2020-01-01', { nature_mesure: 'tutelle' }),
          etat('2021-01-01'),
          etat('2020-01-01', { nature_mesure: 'sauvegarde_justice' }),
        ],
      }),
    );
    const etats = response.json().etats;
    expect(etats).toHaveLength(2);
    expect(etats[0].nature_mesure).toBe('sauvegarde_justice');
  });

  test('locates from last etat postal code', async () => {
    const response = await post(
      mesureBody({
        numero_rg: freshRg(),
        date_nomination: '2020-01-01',
        etats: [
          etat('2021-01-01'),
          etat('2020-01-01', { code_postal: '75015', ville: 'PARIS 15' }),
        ],
      }),
    );
    expect(response.json().latitude).toBe(44.8572464);
    expect(response.json().longitude).toBe(-0.573696792);
  });

  test('picks commune within postal code', async () => {
    const response = await post(
      mesureBody({
        numero_rg: freshRg(),
        etats: [etat('2024-01-10', { code_postal: '38200', ville: 'Seyssuel' })],
      }),
    );
    expect(response.json().latitude).toBe(45.5601349);
  });

  test('unknown postal code gives null coordinates', async () => {
    const response = await post(
      mesureBody({
        numero_rg: freshRg(),
        etats: [etat('2024-01-10', { code_postal: '00000', ville: 'NULLE PART' })],
      }),
    );
    expect(response.json().latitude).toBeNull();
    expect(response.json().longitude).toBeNull();
  });

  test('defaults pays to FR', async () => {
    const { pays: _pays, ...withoutPays } = etat('2024-01-10');
    const response = await post(mesureBody({ numero_rg: freshRg(), etats: [withoutPays] }));
    expect(response.json().etats[0].pays).toBe('FR');
  });

  test('accepts annee_naissance as digit string', async () => {
    const response = await post(mesureBody({ numero_rg: freshRg(), annee_naissance: '1962' }));
    expect(response.json().annee_naissance).toBe(1962);
  });

  test('returns niveau_ressource as digit string', async () => {
    const response = await post(
      mesureBody({
        numero_rg: freshRg(),
        ressources: [
          { annee: 2024, niveau_ressource: 12500, prestations_sociales: ['AAH', 'APL'] },
        ],
      }),
    );
    expect(response.json().ressources).toEqual([
      { annee: 2024, niveau_ressource: '12500', prestations_sociales: ['AAH', 'APL'] },
    ]);
  });

  test('ignores tribunal_cabinet and unknown fields', async () => {
    const response = await post(
      mesureBody({ numero_rg: freshRg(), tribunal_cabinet: '3B', lieu_vie: 'domicile', foo: 1 }),
    );
    expect(response.status).toBe(201);
    expect(response.json().tribunal_cabinet).toBeUndefined();
    expect(response.json().foo).toBeUndefined();
    expect(response.json().lieu_vie).toBeUndefined();
  });
});

describe('status derivation', () => {
  async function statusOf(id: number): Promise<string | undefined> {
    for (const status of ['en_attente', 'en_cours', 'eteinte']) {
      if ((await listIds(individualToken, `?status=${status}`)).includes(id)) {
        return status;
      }
    }
    return undefined;
  }

  test('date_fin_mesure today is eteinte', async () => {
    const response = await post(mesureBody({ numero_rg: freshRg(), date_fin_mesure: today() }));
    expect(await statusOf(response.json().id)).toBe('eteinte');
  });

  test('past date_fin_mesure is eteinte', async () => {
    const response = await post(
      mesureBody({ numero_rg: freshRg(), date_fin_mesure: '2024-02-01' }),
    );
    expect(await statusOf(response.json().id)).toBe('eteinte');
  });

  test('future date_fin_mesure is en_cours', async () => {
    const response = await post(
      mesureBody({ numero_rg: freshRg(), date_fin_mesure: shiftDays(30) }),
    );
    expect(await statusOf(response.json().id)).toBe('en_cours');
  });

  test('sent status is ignored', async () => {
    const response = await post(mesureBody({ numero_rg: freshRg(), status: 'en_attente' }));
    expect(await statusOf(response.json().id)).toBe('en_cours');
  });

  test('status is not a returned field', async () => {
    const response = await post(mesureBody({ numero_rg: freshRg() }));
    expect(response.json().status).toBeUndefined();
  });
});

describe('validation', () => {
  test('empty body reports only the court', async () => {
    const response = await post({});
    expect(response.status).toBe(422);
    expect(response.json()).toEqual({
      errors: [{ msg: 'siret is not valid', param: 'tribunal_siret', value: '' }],
    });
  });

  test('unknown court hides other errors', async () => {
    const response = await post(mesureBody({ tribunal_siret: '12345678901234', civilite: 'mme' }));
    expect(response.json()).toEqual({
      errors: [{ msg: 'siret is not valid', param: 'tribunal_siret', value: '12345678901234' }],
    });
  });

  test('express-validator shape and order', async () => {
    const response = await post(mesureBody({ civilite: 'mme' }));
    expect(response.status).toBe(422);
    expect(JSON.stringify(response.json())).toBe(
      '{"errors":[{"value":"mme","msg":"Invalid value","param":"civilite","location":"body"}]}',
    );
  });

  const invalidFields: [string, Record<string, unknown>, string, unknown][] = [
    ['missing numero_rg', { numero_rg: undefined }, 'numero_rg', undefined],
    ['empty numero_rg', { numero_rg: '' }, 'numero_rg', ''],
    ['missing annee_naissance', { annee_naissance: undefined }, 'annee_naissance', undefined],
    ['bad civilite', { civilite: 'M.' }, 'civilite', 'M.'],
    ['French date', { date_nomination: '10/01/2024' }, 'date_nomination', '10/01/2024'],
    [
      'ISO date-time',
      { date_nomination: '2024-01-10T00:00:00Z' },
      'date_nomination',
      '2024-01-10T00:00:00Z',
    ],
    ['impossible date', { date_nomination: '2024-02-30' }, 'date_nomination', '2024-02-30'],
    ['bad date_fin_mesure', { date_fin_mesure: '2024/01/01' }, 'date_fin_mesure', '2024/01/01'],
    ['bad date_premier_mesure', { date_premier_mesure: 'hier' }, 'date_premier_mesure', 'hier'],
    [
      'bad date_protection_en_cours',
      { date_protection_en_cours: '' },
      'date_protection_en_cours',
      '',
    ],
    ['bad cause_sortie', { cause_sortie: 'autre' }, 'cause_sortie', 'autre'],
    ['bad resultat_revision', { resultat_revision: 'rien' }, 'resultat_revision', 'rien'],
    ['bad pays', { etats: [etat('2024-01-10', { pays: 'FRA' })] }, 'etats[0].pays', 'FRA'],
    [
      'bad etat date',
      { etats: [etat('10/01/2024')] },
      'etats[0].date_changement_etat',
      '10/01/2024',
    ],
    [
      'bad nature_mesure',
      { etats: [etat('2024-01-10', { nature_mesure: 'tutelle_x' })] },
      'etats[0].nature_mesure',
      'tutelle_x',
    ],
    [
      'bad champ_mesure',
      { etats: [etat('2024-01-10', { champ_mesure: 'tout' })] },
      'etats[0].champ_mesure',
      'tout',
    ],
    [
      'bad lieu_vie',
      { etats: [etat('2024-01-10', { lieu_vie: 'hotel' })] },
      'etats[0].lieu_vie',
      'hotel',
    ],
  ];

  for (const [name, overrides, param, value] of invalidFields) {
    test(`rejects ${name}`, async () => {
      const response = await post(mesureBody({ numero_rg: freshRg(), ...overrides }));
      expect(response.status).toBe(422);
      const errors = response.json().errors;
      expect(errors).toContainEqual(
        value === undefined
          ? { msg: 'Invalid value', param, location: 'body' }
          : { value, msg: 'Invalid value', param, location: 'body' },
      );
    });
  }

  test('accepts lower-case pays', async () => {
    const response = await post(
      mesureBody({ numero_rg: freshRg(), etats: [etat('2024-01-10', { pays: 'be' })] }),
    );
    expect(response.status).toBe(201);
  });

  test('missing date_nomination is reported twice', async () => {
    const response = await post(mesureBody({ numero_rg: freshRg(), date_nomination: undefined }));
    const errors = response
      .json()
      .errors.filter((error: { param: string }) => error.param === 'date_nomination');
    expect(errors).toHaveLength(2);
  });

  test('date_nomination before date_premier_mesure', async () => {
    const response = await post(
      mesureBody({ numero_rg: freshRg(), date_premier_mesure: '2024-02-01' }),
    );
    expect(response.json().errors).toEqual([
      {
        value: '2024-01-10',
        msg: 'date_nomination must be after or equivalent to date_premier_mesure',
        param: 'date_nomination',
        location: 'body',
      },
    ]);
  });

  test('date_nomination equal to date_premier_mesure', async () => {
    const response = await post(
      mesureBody({ numero_rg: freshRg(), date_premier_mesure: '2024-01-10' }),
    );
    expect(response.status).toBe(201);
  });

  test('date_nomination after last etat as sent', async () => {
    const response = await post(
      mesureBody({
        numero_rg: freshRg(),
        date_nomination: '2024-03-01',
        etats: [etat('2024-05-01'), etat('2024-01-10')],
      }),
    );
    expect(response.json().errors).toEqual([
      {
        value: '2024-03-01',
        msg: 'date_nomination must be before or equivalent to date_changement_etat',
        param: 'date_nomination',
        location: 'body',
      },
    ]);
  });

  test('type_etablissement required in etablissement', async () => {
    for (const lieuVie of ['etablissement', 'etablissement_conservation_domicile']) {
      const sent = etat('2024-01-10', { lieu_vie: lieuVie });
      const response = await post(mesureBody({ numero_rg: freshRg(), etats: [sent] }));
      expect(response.json().errors, lieuVie).toEqual([
        { value: sent, msg: 'type_etablissement is required', param: 'etats[0]', location: 'body' },
      ]);
    }
  });

  test('type_etablissement must be known', async () => {
    const sent = etat('2024-01-10', { lieu_vie: 'etablissement', type_etablissement: 'ehpad' });
    const response = await post(mesureBody({ numero_rg: freshRg(), etats: [sent] }));
    expect(response.json().errors).toEqual([
      { value: sent, msg: 'type_etablissement is not valid', param: 'etats[0]', location: 'body' },
    ]);
  });

  test('accepts etablissement with type', async () => {
    const sent = etat('2024-01-10', {
      lieu_vie: 'etablissement',
      type_etablissement: 'etablissement_personne_agee',
    });
    const response = await post(mesureBody({ numero_rg: freshRg(), etats: [sent] }));
    expect(response.status).toBe(201);
  });

  test('reports all field errors together', async () => {
    const response = await post(mesureBody({ numero_rg: '', civilite: 'x', cause_sortie: 'y' }));
    const params = response.json().errors.map((error: { param: string }) => error.param);
    expect(params).toEqual(['numero_rg', 'civilite', 'cause_sortie']);
  });

  const saveFailures: [string, Record<string, unknown>][] = [
    ['missing etats', { etats: undefined }],
    ['empty etats', { etats: [] }],
    ['missing ressources', { ressources: undefined }],
    [
      'unknown prestation',
      { ressources: [{ annee: 2024, niveau_ressource: 1, prestations_sociales: ['XYZ'] }] },
    ],
    ['non-numeric annee_naissance', { annee_naissance: 'abc' }],
  ];

  for (const [name, overrides] of saveFailures) {
    test(`${name} fails inside the save`, async () => {
      const rg = freshRg();
      const response = await post(mesureBody({ numero_rg: rg, ...overrides }));
      expect(response.status).toBe(422);
      const errors = response.json().errors;
      expect(errors).toHaveLength(1);
      expect(Object.keys(errors[0])).toEqual(['msg']);
      expect(typeof errors[0].msg).toBe('string');
    });
  }

  test('failed save stores nothing', async () => {
    const before = await listIds(individualToken);
    await post(mesureBody({ numero_rg: freshRg(), ressources: undefined }));
    expect(await listIds(individualToken)).toEqual(before);
  });
});

describe('antennes and numero_dossier', () => {
  async function serviceAntenneIds(): Promise<number[]> {
    const response = await editors(sandbox, serviceToken, 'GET', '/service-antennes');
    return response.json().antennes.map((antenne: { id: number }) => antenne.id);
  }

  test('individual with antenne_id is 422', async () => {
    const [antenneId] = await serviceAntenneIds();
    const response = await post(mesureBody({ numero_rg: freshRg(), antenne_id: antenneId }));
    expect(response.status).toBe(422);
    expect(response.json()).toEqual({
      errors: [
        {
          msg: 'antenne_id does not match with your service.',
          param: 'antenne_id',
          value: antenneId,
        },
      ],
    });
  });

  test("another service's antenne is 422", async () => {
    const own = await serviceAntenneIds();
    const foreign = Math.max(...own) + 1;
    const response = await post(
      mesureBody({ numero_rg: freshRg(), antenne_id: foreign }),
      serviceToken,
    );
    expect(response.status).toBe(422);
    expect(response.json().errors[0].msg).toBe('antenne_id does not match with your service.');
  });

  test('POST stores antenne as null', async () => {
    const [antenneId] = await serviceAntenneIds();
    const response = await post(
      mesureBody({ numero_rg: freshRg(), antenne_id: antenneId }),
      serviceToken,
    );
    expect(response.status).toBe(201);
    expect(response.json().antenne_id).toBeNull();
  });

  test('PUT sets antenne', async () => {
    const [, antenneId] = await serviceAntenneIds();
    const body = mesureBody({ numero_rg: freshRg() });
    const created = await post(body, serviceToken);
    const response = await put(created.json().id, { ...body, antenne_id: antenneId }, serviceToken);
    expect(response.status).toBe(201);
    expect(response.json().antenne_id).toBe(antenneId);
  });

  test('upsert keeps antenne set by PUT', async () => {
    const [antenneId] = await serviceAntenneIds();
    const body = mesureBody({ numero_rg: freshRg() });
    const created = await post(body, serviceToken);
    await put(created.json().id, { ...body, antenne_id: antenneId }, serviceToken);
    const again = await post(body, serviceToken);
    expect(again.json().antenne_id).toBe(antenneId);
  });

  test('duplicate numero_dossier in service is 422', async () => {
    const dossier = `DOS-${freshRg()}`;
    const first = await post(
      mesureBody({ numero_rg: freshRg(), numero_dossier: dossier }),
      serviceToken,
    );
    expect(first.status).toBe(201);
    const second = await post(
      mesureBody({ numero_rg: freshRg(), numero_dossier: dossier }),
      serviceToken,
    );
    expect(second.status).toBe(422);
    expect(Object.keys(second.json().errors[0])).toEqual(['msg']);
  });

  test('individual may repeat numero_dossier', async () => {
    const dossier = `DOS-${freshRg()}`;
    await post(mesureBody({ numero_rg: freshRg(), numero_dossier: dossier }));
    const second = await post(mesureBody({ numero_rg: freshRg(), numero_dossier: dossier }));
    expect(second.status).toBe(201);
  });
});

describe('strictNumeroRG', () => {
  test('rejects loose RG but saves it', async () => {
    const rg = `s-${freshRg()}`;
    const response = await post(mesureBody({ numero_rg: rg, strictNumeroRG: true }));
    expect(response.status).toBe(422);
    expect(response.json().errors[0].msg).toMatch(
      /^Numero RG must contain exactly 8 uppercase alphanumeric characters/,
    );
    const listed = await editors(sandbox, individualToken, 'GET', '/mesures');
    const stored = listed.json().mesures.map((mesure: { numero_rg: string }) => mesure.numero_rg);
    expect(stored).toContain(
      rg
        .replace(/[^A-Za-z0-9]/g, '')
        .toUpperCase()
        .slice(0, 8),
    );
  });

  test('accepts strict RG', async () => {
    const response = await post(mesureBody({ numero_rg: freshRg(), strictNumeroRG: true }));
    expect(response.status).toBe(201);
  });
});

describe('PUT /mesures/{id}', () => {
  test('replaces etats and answers 201', async () => {
    const body = mesureBody({
      numero_rg: freshRg(),
      date_nomination: '2020-01-01',
      etats: [etat('2020-01-01'), etat('2021-01-01')],
    });
    const created = await post(body);
    const response = await put(created.json().id, {
      ...body,
      etats: [etat('2020-01-01', { nature_mesure: 'tutelle' })],
    });
    expect(response.status).toBe(201);
    expect(response.json().id).toBe(created.json().id);
    expect(response.json().etats).toHaveLength(1);
    expect(response.json().etats[0].nature_mesure).toBe('tutelle');
    expect(response.json().created_at).toBe(created.json().created_at);
  });

  test('matches ressources by annee', async () => {
    const body = mesureBody({
      numero_rg: freshRg(),
      ressources: [
        { annee: 2023, niveau_ressource: 100, prestations_sociales: [] },
        { annee: 2024, niveau_ressource: 200, prestations_sociales: ['AAH'] },
      ],
    });
    const created = await post(body);
    const response = await put(created.json().id, {
      ...body,
      ressources: [
        { annee: 2025, niveau_ressource: 300, prestations_sociales: [] },
        { annee: 2024, niveau_ressource: 250, prestations_sociales: ['RSA'] },
      ],
    });
    expect(response.json().ressources).toEqual([
      { annee: 2024, niveau_ressource: '250', prestations_sociales: ['RSA'] },
      { annee: 2025, niveau_ressource: '300', prestations_sociales: [] },
    ]);
  });

  test('may change numero_rg', async () => {
    const oldRg = freshRg();
    const newRg = freshRg();
    const created = await post(mesureBody({ numero_rg: oldRg }));
    const response = await put(created.json().id, mesureBody({ numero_rg: newRg }));
    expect(response.json().numero_rg).toBe(newRg);
    const reposted = await post(mesureBody({ numero_rg: oldRg }));
    expect(reposted.json().id).not.toBe(created.json().id);
  });

  test('RG of another own mesure is 422', async () => {
    const takenRg = freshRg();
    await post(mesureBody({ numero_rg: takenRg }));
    const other = await post(mesureBody({ numero_rg: freshRg() }));
    const response = await put(other.json().id, mesureBody({ numero_rg: takenRg }));
    expect(response.status).toBe(422);
  });

  test('unknown id is 422 not 404', async () => {
    const response = await put(999999, mesureBody({ numero_rg: freshRg() }));
    expect(response.status).toBe(422);
    expect(response.json().errors[0].msg).toMatch(
      /^mesure with id = 999999 not found with mandataire_id = \d+$/,
    );
  });

  test("other user's id is 422", async () => {
    const [serviceMesure] = await listIds(serviceToken);
    const response = await put(serviceMesure!, mesureBody({ numero_rg: freshRg() }));
    expect(response.status).toBe(422);
    expect(response.json().errors[0].msg).toMatch(
      new RegExp(`^mesure with id = ${serviceMesure} not found`),
    );
  });

  test('non-integer id is 422', async () => {
    const response = await editors(sandbox, individualToken, 'PUT', '/mesures/abc', {
      body: mesureBody(),
    });
    expect(response.status).toBe(422);
  });

  test('validates like POST', async () => {
    const created = await post(mesureBody({ numero_rg: freshRg() }));
    const response = await put(created.json().id, {});
    expect(response.json()).toEqual({
      errors: [{ msg: 'siret is not valid', param: 'tribunal_siret', value: '' }],
    });
  });

  test('individual with antenne_id is 422', async () => {
    const created = await post(mesureBody({ numero_rg: freshRg() }));
    const response = await put(created.json().id, mesureBody({ antenne_id: 301 }));
    expect(response.status).toBe(422);
  });

  test('may move to another court', async () => {
    const created = await post(mesureBody({ numero_rg: freshRg() }));
    const response = await put(
      created.json().id,
      mesureBody({ numero_rg: freshRg(), tribunal_siret: BORDEAUX }),
    );
    expect(response.json().tribunal_siret).toBe(BORDEAUX);
  });
});
