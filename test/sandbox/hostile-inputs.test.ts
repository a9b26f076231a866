import { connect } from 'node:net';

import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { editors, etat, mesureBody, rgSequence, startWithTokens } from './helpers.js';

import type { Sandbox } from '../../src/sandbox/index.js';

// Inputs no client should send. Each must get the response production would send, and the
// sandbox must keep serving afterwards.

const INTERNAL_ERROR = { error: 'Une erreur est survenue, veuillez réessayer plus tard' };

let sandbox: Sandbox;
let token: string;
let serviceToken: string;
const freshRg = rgSequence('H');

beforeEach(async () => {
  ({ sandbox, individualToken: token, serviceToken } = await startWithTokens());
});

afterEach(async () => {
  await sandbox.close();
});

async function stillServes(): Promise<boolean> {
  const response = await editors(sandbox, token, 'GET', '/tribunaux');
  return response.status === 200;
}

async function listMesures(bearer = token): Promise<{ id: number; numero_rg: string }[]> {
  return (await editors(sandbox, bearer, 'GET', '/mesures')).json().mesures;
}

describe('huge and deep JSON', () => {
  test('deeply nested array body', async () => {
    const depth = 1_000_000;
    const response = await editors(sandbox, token, 'POST', '/mesures', {
      rawBody: '['.repeat(depth) + ']'.repeat(depth),
    });
    expect(response.status).toBe(422);
    expect(response.json().errors[0].msg).toBe('siret is not valid');
    expect(await stillServes()).toBe(true);
  });

  test('deeply nested field value', async () => {
    const depth = 200_000;
    const body = JSON.stringify(mesureBody({ numero_rg: freshRg(), civilite: 'PLACEHOLDER' }));
    const response = await editors(sandbox, token, 'POST', '/mesures', {
      rawBody: body.replace('"PLACEHOLDER"', '['.repeat(depth) + ']'.repeat(depth)),
    });
    expect(response.status).toBe(500);
    expect(response.json()).toEqual(INTERNAL_ERROR);
    expect(await stillServes()).toBe(true);
  });

  test('megabyte numero_rg is cut to 8 characters', async () => {
    const response = await editors(sandbox, token, 'POST', '/mesures', {
      body: mesureBody({ numero_rg: `ZZ${'9'.repeat(1024 * 1024)}` }),
    });
    expect(response.status).toBe(201);
    expect(response.json().numero_rg).toBe('ZZ999999');
  });

  test('batch of 1000 invalid items', async () => {
    const items = Array.from({ length: 1000 }, () => ({ civilite: {}, etats: [null] }));
    const response = await editors(sandbox, token, 'POST', '/mesures/batch', {
      body: { mesures: items },
    });
    expect(response.status).toBe(422);
    expect(response.json().tiErrors).toHaveLength(1000);
    expect(await stillServes()).toBe(true);
  });
});

describe('wrong types', () => {
  test('null in every field', async () => {
    const nulls = Object.fromEntries(Object.keys(mesureBody()).map((key) => [key, null]));
    const response = await editors(sandbox, token, 'POST', '/mesures', { body: nulls });
    expect(response.status).toBe(422);
    expect(response.json().errors).toEqual([
      { msg: 'siret is not valid', param: 'tribunal_siret', value: '' },
    ]);
  });

  test('objects where strings go', async () => {
    const response = await editors(sandbox, token, 'POST', '/mesures', {
      body: mesureBody({ civilite: {}, date_nomination: {}, cause_sortie: [] }),
    });
    expect(response.status).toBe(422);
    const params = response.json().errors.map((error: { param: string }) => error.param);
    expect(params).toEqual(['civilite', 'date_nomination', 'cause_sortie']);
  });

  test('arrays as etats items', async () => {
    const response = await editors(sandbox, token, 'POST', '/mesures', {
      body: mesureBody({ etats: [['2024-01-10', 'tutelle']] }),
    });
    expect(response.status).toBe(422);
    expect(response.json().errors[0].param).toBe('etats[0].date_changement_etat');
  });

  test('bare array body', async () => {
    const response = await editors(sandbox, token, 'POST', '/mesures', {
      body: [mesureBody()],
    });
    expect(response.status).toBe(422);
    expect(response.json().errors[0].msg).toBe('siret is not valid');
  });

  test('string batch envelope', async () => {
    const response = await editors(sandbox, token, 'POST', '/mesures/batch', {
      body: { mesures: 'all of them' },
    });
    expect(response.status).toBe(422);
    expect(Object.keys(response.json().errors[0])).toEqual(['msg']);
  });
});

describe('unicode', () => {
  test('non-ASCII letters leave the RG', async () => {
    const response = await editors(sandbox, token, 'POST', '/mesures', {
      body: mesureBody({ numero_rg: 'Éç-2😀4/5' }),
    });
    expect(response.json().numero_rg).toBe('00000245');
  });

  test('non-ASCII RG alone pads to zeros', async () => {
    const response = await editors(sandbox, token, 'POST', '/mesures', {
      body: mesureBody({ numero_rg: 'éàü' }),
    });
    expect(response.status).toBe(201);
    expect(response.json().numero_rg).toBe('00000000');
  });

  test('accented city still locates', async () => {
    const response = await editors(sandbox, token, 'POST', '/mesures', {
      body: mesureBody({
        numero_rg: freshRg(),
        etats: [etat('2024-01-10', { code_postal: '42000', ville: 'Saint-Étienne' })],
      }),
    });
    expect(response.json().latitude).not.toBeNull();
  });
});

describe('extreme ids', () => {
  test('negative id is not found', async () => {
    const response = await editors(sandbox, token, 'GET', '/mesures/-1');
    expect(response.status).toBe(404);
    expect(response.text).toBe('');
  });

  test('negative id deletes nothing', async () => {
    const response = await editors(sandbox, token, 'DELETE', '/mesures/-1');
    expect(response.json()).toEqual({ affected_rows: 0 });
  });

  test('id past 32 bits is 400 on GET', async () => {
    const response = await editors(sandbox, token, 'GET', '/mesures/2147483648');
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      errors: [{ msg: 'oups, something goes wrong. please contact support.' }],
    });
  });

  test('id past 32 bits is out of range on PUT', async () => {
    const response = await editors(sandbox, token, 'PUT', '/mesures/2147483648', {
      body: mesureBody({ numero_rg: freshRg() }),
    });
    expect(response.status).toBe(422);
    expect(response.json()).toEqual({
      errors: [{ msg: 'value "2147483648" is out of range for type integer' }],
    });
  });

  test('largest 32-bit id is not found', async () => {
    const response = await editors(sandbox, token, 'PUT', '/mesures/2147483647', {
      body: mesureBody({ numero_rg: freshRg() }),
    });
    expect(response.json().errors[0].msg).toMatch(/^mesure with id = 2147483647 not found/);
  });
});

describe('concurrent writes', () => {
  test('same RG posted 20 times at once', async () => {
    const rg = freshRg();
    const before = (await listMesures()).length;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        editors(sandbox, token, 'POST', '/mesures', {
          body: mesureBody({ numero_rg: rg, annee_naissance: 1930 + index }),
        }),
      ),
    );
    expect(responses.every((response) => response.status === 201)).toBe(true);
    expect(new Set(responses.map((response) => response.json().id)).size).toBe(1);
    expect((await listMesures()).length).toBe(before + 1);
  });

  test('batch and single on the same RG', async () => {
    const rg = freshRg();
    const [single, batch] = await Promise.all([
      editors(sandbox, token, 'POST', '/mesures', { body: mesureBody({ numero_rg: rg }) }),
      editors(sandbox, token, 'POST', '/mesures/batch', {
        body: { mesures: [mesureBody({ numero_rg: rg })] },
      }),
    ]);
    expect(single.status).toBe(201);
    expect(batch.status).toBe(201);
    expect(batch.json().mesures[0].id).toBe(single.json().id);
  });

  test('same numero_dossier from two requests', async () => {
    const dossier = `DOSSIER-${freshRg()}`;
    const responses = await Promise.all(
      [freshRg(), freshRg()].map((rg) =>
        editors(sandbox, serviceToken, 'POST', '/mesures', {
          body: mesureBody({ numero_rg: rg, numero_dossier: dossier }),
        }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 422]);
  });

  test('delete racing an update', async () => {
    const created = await editors(sandbox, token, 'POST', '/mesures', {
      body: mesureBody({ numero_rg: freshRg() }),
    });
    const id = created.json().id;
    const [put, removal] = await Promise.all([
      editors(sandbox, token, 'PUT', `/mesures/${id}`, {
        body: mesureBody({ numero_rg: created.json().numero_rg }),
      }),
      editors(sandbox, token, 'DELETE', `/mesures/${id}`),
    ]);
    expect([201, 422]).toContain(put.status);
    expect(removal.json()).toEqual({ affected_rows: 1 });
    expect((await editors(sandbox, token, 'GET', `/mesures/${id}`)).status).toBe(404);
  });
});

describe('broken connections', () => {
  /** Opens a raw connection, writes `text`, then destroys the socket. */
  async function sendAndAbort(text: string): Promise<void> {
    const url = new URL(sandbox.apiUrl);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(text);
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
  }

  test('body cut short', async () => {
    await sendAndAbort(
      'POST /api/editors/mesures HTTP/1.1\r\nHost: sandbox\r\n' +
        `Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 1000\r\n\r\n{"numero_rg":',
    );
    expect(await stillServes()).toBe(true);
  });

  test('garbage instead of HTTP', async () => {
    await sendAndAbort('\u0000\u0001 not http at all\r\n\r\n');
    expect(await stillServes()).toBe(true);
  });

  test('client gone before a hanging answer', async () => {
    await sendAndAbort(
      'DELETE /api/editors/mesures/abc HTTP/1.1\r\nHost: sandbox\r\n' +
        `Authorization: Bearer ${token}\r\n\r\n`,
    );
    expect(await stillServes()).toBe(true);
  });
});
