import { readFileSync } from 'node:fs';

/**
 * French postal codes (6 329 distinct codes from the national postal-code table, with one
 * commune each), shipped in `src/import/data`. The path works from `src/import` (tests) and
 * from `dist/import` (the built CLI) alike.
 */
const dataUrl = new URL('../../src/import/data/codes-postaux.csv', import.meta.url);

let communesByCode: Map<string, string> | undefined;
let codes: Set<string> | undefined;

/** Returns the French postal codes, each with one of its communes; read once, then cached. */
export function frenchPostalCodes(): ReadonlyMap<string, string> {
  if (!communesByCode) {
    communesByCode = new Map();
    const lines = readFileSync(dataUrl, 'utf8').split('\n').slice(1);
    for (const line of lines) {
      const [code, commune] = line.split(';');
      if (code && commune) communesByCode.set(code, commune);
    }
  }
  return communesByCode;
}

/** Returns the set of French postal codes. */
export function frenchPostalCodeSet(): ReadonlySet<string> {
  codes ??= new Set(frenchPostalCodes().keys());
  return codes;
}
