import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { editors, mesureBody, startWithTokens } from './helpers.js';

import type { Sandbox } from '../../src/sandbox/index.js';

const MESURE_KEYS = [
  'annee_naissance',
  'antenne_id',
  'cause_sortie',
  'civilite',
  'created_at',
  'date_fin_mesure',
  'date_nomination',
  'date_premier_mesure',
  'date_protection_en_cours',
  'editor_id',
  'etats',
  'id',
  'latitude',
  'longitude',
  'numero_dossier',
  'numero_rg',
  'ressources',
  'resultat_revision',
  'tribunal_siret',
];

let sandbox: Sandbox;
let individualToken: string;
let serviceToken: string;

beforeAll(async () => {
  ({ sandbox, individualToken, serviceToken } = await startWithTokens());
});

afterAll(async () => {
  await sandbox.close();
});

async function listIds(token: string, query = ''): Promise<number[]> {
  const response = await editors(sandbox, token, 'GET', `/mesures${query}`);
  return response.json().mesures.map((mesure: { id: number }) => mesure.id);
}

describe('GET /mesures', () => {
  test('answers an object with mesures', async () => {
    const response = await editors(sandbox, individualToken, 'GET', '/mesures');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(Array.isArray(response.json())).toBe(false);
    expect(response.json().mesures.length).toBeGreaterThanOrEqual(3);
  });

  test('returns documented fields only', async () => {
    const response = await editors(sandbox, individualToken, 'GET', '/mesures');
    for (const mesure of response.json().mesures) {
      expect(Object.keys(mesure).sort()).toEqual(MESURE_KEYS);
    }
  });

  test('lists only own mesures', async () => {
    const individualIds = await listIds(individualToken);
    const serviceIds = await listIds(serviceToken);
    expect(individualIds.filter((id) => serviceIds.includes(id))).toEqual([]);
  });

  test('filters by each status', async () => {
    const all = await listIds(individualToken);
    const awaiting = await listIds(individualToken, '?status=en_attente');
    const current = await listIds(individualToken, '?status=en_cours');
    const ended = await listIds(individualToken, '?status=eteinte');
    expect(awaiting).toHaveLength(1);
    expect(ended.length).toBeGreaterThanOrEqual(1);
    expect([...awaiting, ...current, ...ended].sort()).toEqual([...all].sort());
  });

  test('unknown status gives empty list', async () => {
    expect(await listIds(individualToken, '?status=active')).toEqual([]);
  });

  test('repeated status gives empty list', async () => {
    expect(await listIds(individualToken, '?status=en_cours&status=en_cours')).toEqual([]);
  });

  test('empty status is ignored', async () => {
    expect(await listIds(individualToken, '?status=')).toEqual(await listIds(individualToken));
  });

  test('updated mesure moves to the end', async () => {
    const before = await listIds(serviceToken);
    const first = before[0]!;
    const current = await editors(sandbox, serviceToken, 'GET', `/mesures/${first}`);
    const {
      id: _id,
      latitude: _lat,
      longitude: _lon,
      editor_id: _editor,
      created_at: _created,
      ...body
    } = current.json();
    const put = await editors(sandbox, serviceToken, 'PUT', `/mesures/${first}`, { body });
    expect(put.status).toBe(201);
    const after = await listIds(serviceToken);
    expect(after[after.length - 1]).toBe(first);
    expect([...after].sort()).toEqual([...before].sort());
  });
});

describe('GET /mesures/{id}', () => {
  test('returns own mesure', async () => {
    const [id] = await listIds(individualToken);
    const response = await editors(sandbox, individualToken, 'GET', `/mesures/${id}`);
    expect(response.status).toBe(200);
    expect(response.json().id).toBe(id);
    expect(Object.keys(response.json()).sort()).toEqual(MESURE_KEYS);
  });

  test("other user's mesure is 404 with empty body", async () => {
    const [serviceId] = await listIds(serviceToken);
    const response = await editors(sandbox, individualToken, 'GET', `/mesures/${serviceId}`);
    expect(response.status).toBe(404);
    expect(response.text).toBe('');
  });

  test('missing id is 404 with empty body', async () => {
    const response = await editors(sandbox, individualToken, 'GET', '/mesures/999999');
    expect(response.status).toBe(404);
    expect(response.text).toBe('');
  });

  test('non-integer id is 400', async () => {
    const response = await editors(sandbox, individualToken, 'GET', '/mesures/abc');
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      errors: [{ msg: 'oups, something goes wrong. please contact support.' }],
    });
  });

  test('returns what POST stored', async () => {
    const created = await editors(sandbox, individualToken, 'POST', '/mesures', {
      body: mesureBody({ numero_rg: 'READ-0001' }),
    });
    const response = await editors(
      sandbox,
      individualToken,
      'GET',
      `/mesures/${created.json().id}`,
    );
    expect(response.json()).toEqual(created.json());
  });
});
