import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { editors, isStillPending, LYON, mesureBody, PARIS, startWithTokens } from './helpers.js';

import type { Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
let token: string;
let serviceToken: string;
let serialNumber = 0;

beforeAll(async () => {
  ({ sandbox, individualToken: token, serviceToken } = await startWithTokens());
});

afterAll(async () => {
  await sandbox.close();
});

function freshRg(): string {
  serialNumber += 1;
  return `B${String(serialNumber).padStart(7, '0')}`;
}

function batch(body: unknown, bearer = token) {
  return editors(sandbox, bearer, 'POST', '/mesures/batch', { body });
}

async function count(bearer = token): Promise<number> {
  const response = await editors(sandbox, bearer, 'GET', '/mesures');
  return response.json().mesures.length;
}

describe('POST /mesures/batch', () => {
  test('creates all mesures with 201', async () => {
    const before = await count();
    const items = [mesureBody({ numero_rg: freshRg() }), mesureBody({ numero_rg: freshRg() })];
    const response = await batch({ mesures: items });
    expect(response.status).toBe(201);
    expect(response.json().mesures).toHaveLength(2);
    expect(
      response.json().mesures.map((mesure: { numero_rg: string }) => mesure.numero_rg),
    ).toEqual(items.map((item) => item.numero_rg));
    expect(await count()).toBe(before + 2);
  });

  test('upserts like POST', async () => {
    const rg = freshRg();
    const single = await editors(sandbox, token, 'POST', '/mesures', {
      body: mesureBody({ numero_rg: rg }),
    });
    const response = await batch({
      mesures: [mesureBody({ numero_rg: rg.toLowerCase(), annee_naissance: 1999 })],
    });
    expect(response.json().mesures[0].id).toBe(single.json().id);
    expect(response.json().mesures[0].annee_naissance).toBe(1999);
  });

  test('empty forms save nothing', async () => {
    const before = await count();
    for (const body of [{ mesures: [] }, {}, [], [mesureBody({ numero_rg: freshRg() })]]) {
      const response = await batch(body);
      expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(201);
      expect(response.json(), JSON.stringify(body).slice(0, 40)).toEqual({ mesures: [] });
    }
    expect(await count()).toBe(before);
  });

  test('accepts exactly 1000 mesures quickly', async () => {
    const items = Array.from({ length: 1000 }, () => mesureBody({ numero_rg: freshRg() }));
    const started = performance.now();
    const response = await batch({ mesures: items });
    const elapsedMs = performance.now() - started;
    expect(response.status).toBe(201);
    expect(response.json().mesures).toHaveLength(1000);
    expect(elapsedMs).toBeLessThan(1000);
  });

  test('rejects 1001 mesures', async () => {
    const items = Array.from({ length: 1001 }, () => mesureBody({ numero_rg: freshRg() }));
    const response = await batch({ mesures: items });
    expect(response.status).toBe(422);
    expect(response.json()).toEqual({ errors: [{ msg: 'The number of mesures must be <= 1000' }] });
  });

  test('one invalid item rejects all', async () => {
    const before = await count();
    const items = [
      mesureBody({ numero_rg: freshRg() }),
      mesureBody({ numero_rg: freshRg(), civilite: 'x' }),
    ];
    const response = await batch({ mesures: items });
    expect(response.status).toBe(422);
    expect(response.json().errors).toEqual([
      { value: 'x', msg: 'Invalid value', param: 'mesures[1].civilite', location: 'body' },
    ]);
    expect(await count()).toBe(before);
  });

  test('nested params name the item', async () => {
    const items = [
      mesureBody({ numero_rg: freshRg() }),
      mesureBody({
        numero_rg: freshRg(),
        etats: [{ ...(mesureBody().etats as object[])[0], pays: 'XX' }],
      }),
    ];
    const response = await batch({ mesures: items });
    expect(response.json().errors[0].param).toBe('mesures[1].etats[0].pays');
  });

  test('unknown court adds tiErrors', async () => {
    const before = await count();
    const items = [
      mesureBody({ numero_rg: freshRg() }),
      mesureBody({ numero_rg: freshRg(), tribunal_siret: '11111111111111' }),
    ];
    const response = await batch({ mesures: items });
    expect(response.status).toBe(422);
    expect(response.json().tiErrors).toEqual([
      {
        msg: 'Le SIRET du Tribunal est invalide',
        param: 'tribunal_siret',
        value: '11111111111111',
      },
    ]);
    expect(await count()).toBe(before);
  });

  test('failure inside save rejects all', async () => {
    const before = await count();
    const items = [
      mesureBody({ numero_rg: freshRg() }),
      mesureBody({ numero_rg: freshRg(), ressources: undefined }),
    ];
    const response = await batch({ mesures: items });
    expect(response.status).toBe(422);
    expect(Object.keys(response.json().errors[0])).toEqual(['msg']);
    expect(await count()).toBe(before);
  });

  test('duplicate normalised RG in batch rejects all', async () => {
    const before = await count();
    const rg = freshRg();
    const items = [
      mesureBody({ numero_rg: rg }),
      mesureBody({ numero_rg: `${rg.slice(0, 4)}-${rg.slice(4)}` }),
    ];
    const response = await batch({ mesures: items });
    expect(response.status).toBe(422);
    expect(await count()).toBe(before);
  });

  test('same RG at two courts is fine', async () => {
    const rg = freshRg();
    const items = [
      mesureBody({ numero_rg: rg, tribunal_siret: PARIS }),
      mesureBody({ numero_rg: rg, tribunal_siret: LYON }),
    ];
    const response = await batch({ mesures: items });
    expect(response.status).toBe(201);
  });

  test('duplicate numero_dossier in service batch rejects all', async () => {
    const before = await count(serviceToken);
    const items = [
      mesureBody({ numero_rg: freshRg(), numero_dossier: 'SAME' }),
      mesureBody({ numero_rg: freshRg(), numero_dossier: 'SAME' }),
    ];
    const response = await batch({ mesures: items }, serviceToken);
    expect(response.status).toBe(422);
    expect(await count(serviceToken)).toBe(before);
  });

  test('strictNumeroRG saves anyway', async () => {
    const before = await count();
    const response = await batch({
      mesures: [mesureBody({ numero_rg: 'x-1' })],
      strictNumeroRG: true,
    });
    expect(response.status).toBe(422);
    expect(response.json().errors[0].msg).toMatch(/^Numero RG must contain exactly 8 uppercase/);
    expect(await count()).toBe(before + 1);
  });

  test('hangs on non-null antenne_id', async () => {
    const items = [mesureBody({ numero_rg: freshRg(), antenne_id: 301 })];
    const pending = batch({ mesures: items }, serviceToken);
    expect(await isStillPending(pending)).toBe(true);
  });

  test('null antenne_id does not hang', async () => {
    const response = await batch(
      { mesures: [mesureBody({ numero_rg: freshRg(), antenne_id: null })] },
      serviceToken,
    );
    expect(response.status).toBe(201);
  });

  test('counts mesures written', async () => {
    sandbox.stats.reset();
    await batch({
      mesures: [mesureBody({ numero_rg: freshRg() }), mesureBody({ numero_rg: freshRg() })],
    });
    expect(sandbox.stats.writes).toBe(1);
    expect(sandbox.stats.mesuresWritten).toBe(2);
    expect(sandbox.stats.editorsRequests['POST /mesures/batch']).toBe(1);
  });
});
