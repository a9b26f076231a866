import { columnAliases, fieldNames } from './fields.js';
import { nativeColumns } from './native-columns.js';
import { delimiters, detectDelimiter, splitLine } from './sniff.js';
import { normaliseHeader } from './text.js';
import type { Delimiter } from './sniff.js';

/** Lines examined for the header. The lines before it, such as a title, are skipped. */
export const headerSearchLines = 20;

/** The column names of the built-in formats, normalised, to recognise their header line. */
export const builtInColumnNames: ReadonlySet<string> = new Set([
  ...fieldNames,
  ...Object.keys(columnAliases),
  ...nativeColumns,
]);

/** The location of the header: its 0-based line index and the delimiter that splits it. */
export interface HeaderLocation {
  index: number;
  delimiter: Delimiter;
}

/**
 * Finds the header among the first `headerSearchLines` lines: the first line in which at least
 * two cells (one when only one is expected) are `expected` column names, split with the delimiter
 * that finds the most of them. Without such a line, returns the first non-blank line and the
 * delimiter that splits it into the most cells. Returns undefined when every line is blank.
 */
export function locateHeader(
  lines: readonly string[],
  expected: ReadonlySet<string>,
): HeaderLocation | undefined {
  const needed = Math.min(2, expected.size);
  const searched = lines.slice(0, headerSearchLines);
  for (const [index, line] of searched.entries()) {
    if (needed === 0 || line.trim() === '') continue;
    let best: HeaderLocation | undefined;
    let bestCount = 0;
    for (const delimiter of delimiters) {
      const names = new Set(splitLine(line, delimiter).map(normaliseHeader));
      const count = [...names].filter((name) => expected.has(name)).length;
      if (count > bestCount) {
        best = { index, delimiter };
        bestCount = count;
      }
    }
    if (best && bestCount >= needed) return best;
  }
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first === -1) return undefined;
  return { index: first, delimiter: detectDelimiter(lines[first]!) };
}

/** The header cells of a CSV file, normalised so that rows can be read by column name. */
export interface Header {
  /**
   * Key of each column in file order: its normalised name, followed by `#2`, `#3`… for the
   * second and later columns with the same name, and '' for a column without a name.
   */
  keys: string[];
  /** The name as written in the file, by key, for messages; repeated names add their column. */
  labels: Map<string, string>;
  /** Normalised names given to more than one column, with the 1-based column numbers. */
  repeated: Map<string, number[]>;
}

/** Normalises the header cells and gives repeated names distinct keys. */
export function readHeader(cells: readonly string[]): Header {
  const names = cells.map(normaliseHeader);
  const positions = new Map<string, number[]>();
  names.forEach((name, index) => {
    if (name !== '') positions.set(name, [...(positions.get(name) ?? []), index + 1]);
  });

  const keys: string[] = [];
  const labels = new Map<string, string>();
  names.forEach((name, index) => {
    const columns = positions.get(name) ?? [];
    const occurrence = columns.indexOf(index + 1) + 1;
    const key = occurrence > 1 ? `${name}#${occurrence}` : name;
    keys.push(key);
    const written = cells[index]!.replace(/^\ufeff/, '').trim();
    if (name !== '')
      labels.set(key, columns.length > 1 ? `${written} (column ${index + 1})` : written);
  });
  const repeated = new Map([...positions].filter(([, columns]) => columns.length > 1));
  return { keys, labels, repeated };
}

/** Returns the normalised column name of a header key: `numero_rg#2` → `numero_rg`. */
export function nameOfKey(key: string): string {
  return key.replace(/#\d+$/, '');
}
