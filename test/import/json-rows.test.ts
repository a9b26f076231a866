import { describe, expect, it } from 'vitest';

import { readJsonArrayRows } from '../../src/import/json-rows.js';
import type { JsonRow } from '../../src/import/json-rows.js';

async function read(...chunks: string[]): Promise<JsonRow[]> {
  const rows: JsonRow[] = [];
  for await (const row of readJsonArrayRows(chunks)) rows.push(row);
  return rows;
}

describe('readJsonArrayRows', () => {
  it('reads each element with its line', async () => {
    const rows = await read('[\n  {"a": 1},\n  {\n    "b": "x]"\n  }\n]\n');
    expect(rows.map((row) => [row.line, row.value])).toEqual([
      [2, { a: 1 }],
      [3, { b: 'x]' }],
    ]);
  });

  it('reads elements cut across chunks', async () => {
    const rows = await read('[{"a": "1\\"', ',2"}, {"b"', ': [1, {"c": 2}]}]');
    expect(rows.map((row) => row.value)).toEqual([{ a: '1",2' }, { b: [1, { c: 2 }] }]);
  });

  it('reads an empty array', async () => {
    expect(await read('[ ]')).toEqual([]);
  });

  it('reports an invalid element and goes on', async () => {
    const rows = await read('[\n{"a": 1},\n{"b": ,},\n{"c": 3}\n]');
    expect(rows.map((row) => row.line)).toEqual([2, 3, 4]);
    expect(rows[1]?.value).toBeInstanceOf(SyntaxError);
    expect(rows[1]?.text).toBe('{"b": ,}');
    expect(rows[2]?.value).toEqual({ c: 3 });
  });

  it('reports an array that is not closed', async () => {
    const rows = await read('[\n{"a": 1},\n{"b": 2');
    expect(rows).toHaveLength(2);
    expect(rows[1]?.line).toBe(3);
    expect((rows[1]?.value as Error).message).toMatch(/not closed/);
  });

  it('reports text after the array', async () => {
    const rows = await read('[{"a": 1}]\n{"b": 2}\n');
    expect(rows[1]?.line).toBe(2);
    expect((rows[1]?.value as Error).message).toBe('text after the end of the JSON array');
  });
});
