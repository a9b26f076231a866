import { describe, expect, it } from 'vitest';

import { IssueLog } from '../../src/import/issues.js';
import { mapJsonRow } from '../../src/import/ndjson.js';

const etat = { date_changement_etat: '2024-04-18', nature_mesure: 'tutelle', lieu_vie: 'domicile' };

function map(value: unknown, text?: string) {
  const log = new IssueLog();
  const mapped = mapJsonRow({ kind: 'json', line: 4, value, text }, log);
  return { mapped, log };
}

describe('mapJsonRow', () => {
  it('turns numeric identifiers into strings', () => {
    const { mapped } = map({ numero_rg: 2400123, tribunal_siret: 17340111800109, etats: [etat] });
    expect(mapped?.mesure).toMatchObject({
      numero_rg: '2400123',
      tribunal_siret: '17340111800109',
    });
  });

  it('gives états the country FR', () => {
    const { mapped } = map({ numero_rg: '1', etats: [etat, { ...etat, pays: 'BE' }] });
    expect(mapped?.etats?.map((state) => state.pays)).toEqual(['FR', 'BE']);
  });

  it('requires the états', () => {
    const { log } = map({ numero_rg: '1', tribunal_siret: '17340111800109' });
    expect(log.issues).toEqual([
      expect.objectContaining({ line: 4, column: 'etats', severity: 'error' }),
    ]);
  });

  it('names the text of invalid JSON', () => {
    const { mapped, log } = map(new SyntaxError('Unexpected token'), '{"numero_rg": ,}');
    expect(mapped).toBeUndefined();
    expect(log.issues[0]).toMatchObject({ line: 4, column: '', value: '{"numero_rg": ,}' });
    expect(log.issues[0]?.message).toMatch(
      /^not valid JSON \(Unexpected token\): write each mesure/,
    );
  });

  it('rejects a value that is not an object', () => {
    const { log } = map([1, 2]);
    expect(log.issues[0]).toMatchObject({ value: '[1,2]', severity: 'error' });
  });
});
