import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { editors, isStillPending, mesureBody, startWithTokens } from './helpers.js';

import type { Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
let individualToken: string;
let serviceToken: string;

beforeEach(async () => {
  ({ sandbox, individualToken, serviceToken } = await startWithTokens());
});

afterEach(async () => {
  await sandbox.close();
});

async function list(
  token: string,
  query = '',
): Promise<{ id: number; etats: unknown[]; ressources: unknown[] }[]> {
  const response = await editors(sandbox, token, 'GET', `/mesures${query}`);
  return response.json().mesures;
}

describe('DELETE /mesures/{id}', () => {
  test('deletes own mesure', async () => {
    const [first] = await list(individualToken);
    const response = await editors(sandbox, individualToken, 'DELETE', `/mesures/${first!.id}`);
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ affected_rows: 1 });
    expect((await editors(sandbox, individualToken, 'GET', `/mesures/${first!.id}`)).status).toBe(
      404,
    );
  });

  test('missing id affects no rows', async () => {
    const response = await editors(sandbox, individualToken, 'DELETE', '/mesures/999999');
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ affected_rows: 0 });
  });

  test("another user's id damages their mesure", async () => {
    const created = await editors(sandbox, serviceToken, 'POST', '/mesures', {
      body: mesureBody({
        ressources: [{ annee: 2024, niveau_ressource: 10, prestations_sociales: [] }],
      }),
    });
    const id = created.json().id;
    const response = await editors(sandbox, individualToken, 'DELETE', `/mesures/${id}`);
    expect(response.json()).toEqual({ affected_rows: 0 });
    const after = await editors(sandbox, serviceToken, 'GET', `/mesures/${id}`);
    expect(after.status).toBe(200);
    expect(after.json().etats).toEqual([]);
    expect(after.json().ressources).toEqual([]);
  });

  test('hangs on non-integer id', async () => {
    const pending = editors(sandbox, individualToken, 'DELETE', '/mesures/abc');
    expect(await isStillPending(pending)).toBe(true);
  });

  test('deletes an en_attente mesure', async () => {
    const [awaiting] = await list(individualToken, '?status=en_attente');
    const response = await editors(sandbox, individualToken, 'DELETE', `/mesures/${awaiting!.id}`);
    expect(response.json()).toEqual({ affected_rows: 1 });
  });
});

describe('DELETE /mesures', () => {
  test('deletes every own mesure', async () => {
    const before = await list(individualToken);
    const response = await editors(sandbox, individualToken, 'DELETE', '/mesures');
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ affected_rows: before.length });
    expect(await list(individualToken)).toEqual([]);
  });

  test('deletes en_attente despite the flag', async () => {
    expect(await list(individualToken, '?status=en_attente')).toHaveLength(1);
    await editors(sandbox, individualToken, 'DELETE', '/mesures?forceDeleteAwaitingMesures=false', {
      body: { forceDeleteAwaitingMesures: false },
    });
    expect(await list(individualToken, '?status=en_attente')).toEqual([]);
  });

  test("leaves other users' mesures", async () => {
    const serviceBefore = await list(serviceToken);
    await editors(sandbox, individualToken, 'DELETE', '/mesures');
    expect(await list(serviceToken)).toEqual(serviceBefore);
  });
});
