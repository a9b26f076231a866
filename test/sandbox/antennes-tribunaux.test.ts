import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { editors, startWithTokens } from './helpers.js';

import type { Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
let individualToken: string;
let serviceToken: string;

beforeAll(async () => {
  ({ sandbox, individualToken, serviceToken } = await startWithTokens());
});

afterAll(async () => {
  await sandbox.close();
});

describe('GET /service-antennes', () => {
  test('lists service antennes', async () => {
    const response = await editors(sandbox, serviceToken, 'GET', '/service-antennes');
    expect(response.status).toBe(200);
    const antennes = response.json().antennes;
    expect(antennes.length).toBeGreaterThanOrEqual(2);
    expect(antennes.length).toBeLessThanOrEqual(3);
    for (const antenne of antennes) {
      expect(Object.keys(antenne).sort()).toEqual(['adresse', 'code_postal', 'id', 'nom', 'ville']);
      expect(typeof antenne.id).toBe('number');
    }
  });

  test('individual gets empty list', async () => {
    const response = await editors(sandbox, individualToken, 'GET', '/service-antennes');
    expect(response.json()).toEqual({ antennes: [] });
  });
});

describe('GET /tribunaux', () => {
  test('lists the 290 courts', async () => {
    const response = await editors(sandbox, individualToken, 'GET', '/tribunaux');
    expect(response.status).toBe(200);
    expect(response.json().tribunaux).toHaveLength(290);
  });

  test('court fields and types', async () => {
    const response = await editors(sandbox, individualToken, 'GET', '/tribunaux');
    for (const court of response.json().tribunaux) {
      expect(Object.keys(court).sort()).toEqual([
        'adresse',
        'code_postal',
        'latitude',
        'longitude',
        'nom',
        'siret',
        'ville',
      ]);
      expect(court.siret).toMatch(/^\d{14}$/);
      expect(typeof court.latitude).toBe('number');
    }
  });

  test('matches the bundled table', async () => {
    const csv = readFileSync(
      new URL('../../src/sandbox/data/tribunaux.csv', import.meta.url),
      'utf8',
    );
    const [, firstRow] = csv.split('\n');
    const [, siret, nom] = firstRow!.split(',');
    const response = await editors(sandbox, individualToken, 'GET', '/tribunaux');
    expect(response.json().tribunaux).toContainEqual(expect.objectContaining({ siret, nom }));
  });
});
