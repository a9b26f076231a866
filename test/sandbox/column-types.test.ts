import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { editors, etat, mesureBody, rgSequence, startWithTokens } from './helpers.js';

import type { Sandbox } from '../../src/sandbox/index.js';

// Production sends body fields to PostgreSQL as text, so each column type accepts or rejects
// a value as PostgreSQL's input function does, and a rejection is a 422 with one raw message.

let sandbox: Sandbox;
let individualToken: string;
let serviceToken: string;
const freshRg = rgSequence('C');

beforeAll(async () => {
  ({ sandbox, individualToken, serviceToken } = await startWithTokens());
});

afterAll(async () => {
  await sandbox.close();
});

function post(overrides: Record<string, unknown>, token = individualToken) {
  return editors(sandbox, token, 'POST', '/mesures', {
    body: mesureBody({ numero_rg: freshRg(), ...overrides }),
  });
}

function ressource(overrides: Record<string, unknown>): Record<string, unknown> {
  return { annee: 2024, niveau_ressource: 1000, prestations_sociales: [], ...overrides };
}

async function countMesures(): Promise<number> {
  const response = await editors(sandbox, individualToken, 'GET', '/mesures');
  return response.json().mesures.length;
}

describe('integer columns', () => {
  const rejected: [string, Record<string, unknown>, string][] = [
    ['annee_naissance over 32 bits', { annee_naissance: 99999999999 }, 'out of range'],
    ['annee_naissance digits over 32 bits', { annee_naissance: '99999999999' }, 'out of range'],
    ['annee_naissance in an array', { annee_naissance: [1950] }, 'invalid input syntax'],
    ['annee_naissance as an object', { annee_naissance: { year: 1950 } }, 'invalid input syntax'],
    ['annee_naissance with decimals', { annee_naissance: 1950.5 }, 'invalid input syntax'],
    ['annee_naissance as true', { annee_naissance: true }, 'invalid input syntax'],
    ['ressource annee over 32 bits', { ressources: [ressource({ annee: 3e9 })] }, 'out of range'],
  ];

  for (const [name, overrides, fragment] of rejected) {
    test(`rejects ${name}`, async () => {
      const before = await countMesures();
      const response = await post(overrides);
      expect(response.status).toBe(422);
      expect(response.json().errors).toHaveLength(1);
      expect(response.json().errors[0].msg).toContain(fragment);
      expect(await countMesures()).toBe(before);
    });
  }

  test('accepts signed and spaced digits', async () => {
    const response = await post({ annee_naissance: ' +1950 ' });
    expect(response.status).toBe(201);
    expect(response.json().annee_naissance).toBe(1950);
  });
});

describe('bigint niveau_ressource', () => {
  const rejected: [string, unknown, string][] = [
    ['decimals', 12500.7, 'invalid input syntax for type bigint'],
    ['exponent text', '1e3', 'invalid input syntax for type bigint'],
    ['huge number', 1e30, 'invalid input syntax for type bigint'],
    ['digits over 64 bits', '99999999999999999999', 'out of range for type bigint'],
    ['empty text', '', 'invalid input syntax for type bigint'],
  ];

  for (const [name, value, fragment] of rejected) {
    test(`rejects ${name}`, async () => {
      const response = await post({ ressources: [ressource({ niveau_ressource: value })] });
      expect(response.status).toBe(422);
      expect(response.json().errors[0].msg).toContain(fragment);
    });
  }

  test('returns canonical digits', async () => {
    const response = await post({ ressources: [ressource({ niveau_ressource: ' +0012500 ' })] });
    expect(response.status).toBe(201);
    expect(response.json().ressources[0].niveau_ressource).toBe('12500');
  });

  test('keeps 64-bit values exact', async () => {
    const response = await post({
      ressources: [ressource({ niveau_ressource: '9223372036854775807' })],
    });
    expect(response.json().ressources[0].niveau_ressource).toBe('9223372036854775807');
  });
});

describe('prestations_sociales array', () => {
  test('rejects a bare string', async () => {
    const response = await post({ ressources: [ressource({ prestations_sociales: 'AAH' })] });
    expect(response.status).toBe(422);
    expect(response.json().errors).toEqual([{ msg: 'malformed array literal: "AAH"' }]);
  });

  test('rejects a number element', async () => {
    const response = await post({ ressources: [ressource({ prestations_sociales: [7] })] });
    expect(response.status).toBe(422);
    expect(response.json().errors[0].msg).toContain('"7"');
  });
});

describe('text columns', () => {
  test('object numero_dossier is stored as JSON', async () => {
    const response = await post({ numero_dossier: { dossier: 12 } });
    expect(response.status).toBe(201);
    expect(response.json().numero_dossier).toBe('{"dossier":12}');
  });

  test('array ville is stored as an array literal', async () => {
    const response = await post({ etats: [etat('2024-01-10', { ville: ['BOR"DEAUX', null] })] });
    expect(response.json().etats[0].ville).toBe('{"BOR\\"DEAUX",NULL}');
  });

  test('number code_postal is stored as text', async () => {
    const response = await post({ etats: [etat('2024-01-10', { code_postal: 33000 })] });
    expect(response.json().etats[0].code_postal).toBe('33000');
  });

  test('unicode text round-trips', async () => {
    const response = await post({
      numero_dossier: 'Dossier n° 12 – 😀',
      etats: [etat('2024-01-10', { ville: 'SAINT-ÉTIENNE-DU-GRÈS' })],
    });
    expect(response.json().numero_dossier).toBe('Dossier n° 12 – 😀');
    expect(response.json().etats[0].ville).toBe('SAINT-ÉTIENNE-DU-GRÈS');
  });
});

describe('antenne_id', () => {
  test('array antenne_id does not match', async () => {
    const created = await post({}, serviceToken);
    const response = await editors(sandbox, serviceToken, 'PUT', `/mesures/${created.json().id}`, {
      body: mesureBody({ numero_rg: created.json().numero_rg, antenne_id: [302] }),
    });
    expect(response.status).toBe(422);
    expect(response.json().errors[0].msg).toBe('antenne_id does not match with your service.');
  });

  test('digit string antenne_id is stored as integer', async () => {
    const created = await post({}, serviceToken);
    const response = await editors(sandbox, serviceToken, 'PUT', `/mesures/${created.json().id}`, {
      body: mesureBody({ numero_rg: created.json().numero_rg, antenne_id: '302' }),
    });
    expect(response.status).toBe(201);
    expect(response.json().antenne_id).toBe(302);
  });
});
