import { readFile } from 'node:fs/promises';

import { UsageError } from '../cli/errors.js';
import { fieldAliases, fieldNames, isFieldName } from './fields.js';
import { foldText, normaliseHeader } from './text.js';
import { decodeSmallFile } from './text-stream.js';
import type { FieldName } from './fields.js';
import type { Mapping } from './mapping.js';

/**
 * Reads a `--map` file: a JSON object with `columns` (field → source column), optional `values`
 * (field → {source value: value}), `defaults` (field → value when the cell is empty or the column
 * absent) and `dateFormat` (such as `dd/MM/yyyy`). Field names are the API's, plus `type`,
 * `residence`, `annee` and `antenne` as in the eMJPM template. The file may be UTF-8, with or
 * without byte-order mark, or Windows-1252. Throws `UsageError` on any mistake.
 */
export async function loadMappingFile(path: string): Promise<Mapping> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeSmallFile(await readFile(path)));
  } catch (error) {
    throw new UsageError(`Cannot read the mapping file ${path}: ${(error as Error).message}`);
  }
  return parseMapping(parsed, path);
}

/** Checks and converts the JSON content of a mapping file; `path` only names it in messages. */
export function parseMapping(content: unknown, path: string): Mapping {
  if (!isRecord(content) || !isRecord(content.columns)) {
    throw new UsageError(
      `The mapping file ${path} must be a JSON object with a "columns" object.`,
      mappingHint,
    );
  }
  const columns: Mapping['columns'] = {};
  const columnNames: Mapping['columnNames'] = {};
  for (const [name, column] of Object.entries(content.columns)) {
    if (typeof column !== 'string' || column.trim() === '') {
      throw new UsageError(
        `In ${path}, columns.${name} must be the name of a column of the CSV file.`,
      );
    }
    const field = fieldNameOf(name, path, 'columns');
    columns[field] = normaliseHeader(column);
    columnNames[field] = column;
  }

  const values: Mapping['values'] = {};
  for (const [name, table] of Object.entries(optionalRecord(content.values, 'values', path))) {
    if (!isRecord(table) || !Object.values(table).every((value) => typeof value === 'string')) {
      throw new UsageError(`In ${path}, values.${name} must map source values to strings.`);
    }
    const folded: Record<string, string> = {};
    for (const [source, value] of Object.entries(table)) folded[foldText(source)] = value as string;
    values[fieldNameOf(name, path, 'values')] = folded;
  }

  const defaults: Mapping['defaults'] = {};
  for (const [name, value] of Object.entries(optionalRecord(content.defaults, 'defaults', path))) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new UsageError(`In ${path}, defaults.${name} must be a string or a number.`);
    }
    defaults[fieldNameOf(name, path, 'defaults')] = String(value);
  }

  const dateFormat = content.dateFormat;
  if (
    dateFormat !== undefined &&
    (typeof dateFormat !== 'string' ||
      !/d/.test(dateFormat) ||
      !/M/.test(dateFormat) ||
      !/y/.test(dateFormat))
  ) {
    throw new UsageError(
      `In ${path}, dateFormat must contain dd, MM and yyyy, such as "dd/MM/yyyy".`,
    );
  }
  return {
    columns,
    columnNames,
    values,
    defaults,
    dateFormat: dateFormat as string | undefined,
    required: ['numero_rg'],
  };
}

const mappingHint = 'See the "Import" section of the README for the mapping file format.';

function fieldNameOf(name: string, path: string, section: string): FieldName {
  const field = fieldAliases[name] ?? name;
  if (isFieldName(field)) return field;
  throw new UsageError(
    `In ${path}, ${section}.${name} is not a field emjpm knows.`,
    `Use one of: ${fieldNames.join(', ')}.`,
  );
}

function optionalRecord(value: unknown, section: string, path: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isRecord(value))
    throw new UsageError(`In ${path}, ${section} must be a JSON object.`, mappingHint);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
