import { lieuxVieInEtablissement } from '../mesure/enums.js';
import { columnAliases, fieldNames, fieldSpecs, isFieldName } from './fields.js';
import { nameOfKey } from './header.js';
import { cleanCell, foldText } from './text.js';
import type { FieldContext, FieldName } from './fields.js';
import type { IssueLog } from './issues.js';
import type { MappedRow } from './mapped-row.js';
import type { CsvRow } from './read.js';
import type { MesureType } from './emjpm-types.js';
import type { PostalCode } from './values.js';
import type { Etat } from '../mesure/types.js';

/** Rules that turn the columns of a CSV file into API fields. The built-in formats are mappings too. */
export interface Mapping {
  /** Source column (a header key, see `Header.keys`) for each field. */
  columns: Partial<Record<FieldName, string>>;
  /** The column names as a mapping file writes them, for messages. */
  columnNames?: Partial<Record<FieldName, string>>;
  /**
   * Further columns that give the same field: a repeated column name, or both `date_nomination`
   * and `date_ouverture`. A row takes the filled one, and is rejected when they disagree.
   */
  alternatives?: Partial<Record<FieldName, string[]>>;
  /** Per field, folded source value → value given to the field's parser. */
  values: Partial<Record<FieldName, Record<string, string>>>;
  /** Per field, the text used when the column is absent or the cell is empty. */
  defaults: Partial<Record<FieldName, string>>;
  dateFormat?: string;
  /** Fields whose cell must not be empty. */
  required: FieldName[];
  /** Per field, the values the format documents, listed when a cell is not one of them. */
  acceptedValues?: Partial<Record<FieldName, string[]>>;
}

export interface MapContext extends FieldContext {
  /** `--default-type-etablissement`, for rows living in an establishment without the column. */
  defaultTypeEtablissement?: string;
  /** The header as written in the file, by key, to name columns inside messages. */
  columnLabels?: ReadonlyMap<string, string>;
}

/** Columns of the eMJPM import template that every row must fill. */
const emjpmRequired: FieldName[] = [
  'date_nomination',
  'type',
  'ville',
  'civilite',
  'annee_naissance',
  'numero_rg',
  'lieu_vie',
  'tribunal_siret',
];

/**
 * Builds the mapping of the eMJPM template from a file's header: `date_nomination` (or the older
 * `date_ouverture`), `type`, `code_postal`, `ville`, `civilite`, `annee`, `numero_rg`,
 * `numero_dossier`, `residence`, `tribunal_siret`, `tribunal_cabinet`, `antenne`, plus an optional
 * `type_etablissement`. Every row gets `pays` FR unless its postal code is Belgian.
 */
export function emjpmMapping(headers: string[]): Mapping {
  return {
    ...columnsFromHeaders(headers),
    values: {},
    defaults: { pays: 'FR' },
    required: emjpmRequired,
    acceptedValues: {
      lieu_vie: [
        'domicile',
        'en établissement',
        'en établissement avec conservation du domicile',
        'SDF',
      ],
      civilite: ['F', 'H'],
    },
  };
}

/** Builds the mapping of `emjpm mesures export --output csv`: one column per API field. */
export function nativeMapping(headers: string[]): Mapping {
  return {
    ...columnsFromHeaders(headers),
    values: {},
    defaults: { pays: 'FR' },
    required: ['numero_rg', 'tribunal_siret', 'date_nomination', 'nature_mesure', 'lieu_vie'],
  };
}

/** Finds the column of each field in a header; later columns for the same field are alternatives. */
function columnsFromHeaders(headers: string[]): Pick<Mapping, 'columns' | 'alternatives'> {
  const columns: Partial<Record<FieldName, string>> = {};
  const alternatives: Partial<Record<FieldName, string[]>> = {};
  for (const header of headers) {
    const name = nameOfKey(header);
    const field = columnAliases[name] ?? (isFieldName(name) ? name : undefined);
    if (!field) continue;
    if (!columns[field]) columns[field] = header;
    else alternatives[field] = [...(alternatives[field] ?? []), header];
  }
  return { columns, alternatives };
}

/**
 * Adds the repeats of a mapping file's columns (`numero_rg#2` for a second `numero_rg`) to its
 * alternatives, so that rows are read from whichever is filled.
 */
export function addRepeatedColumns(mapping: Mapping, headers: readonly string[]): Mapping {
  const alternatives: Partial<Record<FieldName, string[]>> = { ...mapping.alternatives };
  for (const [field, column] of Object.entries(mapping.columns) as [FieldName, string][]) {
    const repeats = headers.filter((header) => header !== column && nameOfKey(header) === column);
    if (repeats.length > 0) alternatives[field] = [...(alternatives[field] ?? []), ...repeats];
  }
  return { ...mapping, alternatives };
}

/** Returns every column a mapping reads, alternatives included. */
export function mappedColumns(mapping: Mapping): Set<string> {
  const columns = new Set(Object.values(mapping.columns));
  for (const repeats of Object.values(mapping.alternatives ?? {})) {
    for (const column of repeats) columns.add(column);
  }
  return columns;
}

/** Returns the required fields that no column of the file provides and no default fills. */
export function missingColumns(mapping: Mapping): FieldName[] {
  return mapping.required.filter(
    (field) => !mapping.columns[field] && mapping.defaults[field] === undefined,
  );
}

/**
 * Turns one CSV row into API fields following `mapping`. Repairs (spaces, a postal code's lost
 * zero) are logged as warnings. A cell that cannot be read is logged as an error and its field
 * left out, so callers compare `log.errorCount` before and after to tell whether the row is valid.
 */
export function mapCsvRow(
  row: CsvRow,
  mapping: Mapping,
  context: MapContext,
  log: IssueLog,
): MappedRow {
  const mapped: MappedRow = { line: row.line, mesure: {}, etat: {}, columns: {} };
  const fieldContext =
    mapping.dateFormat == null ? context : { ...context, dateFormat: mapping.dateFormat };
  let belgianPostalCode = false;

  for (const field of fieldNames) {
    const cell = readField(row, mapping, field, context, log);
    if (cell === conflict) continue;
    const column = cell.column;
    const source = cell.value ?? mapping.defaults[field];
    const columnName = column ?? field;
    mapped.columns[field] = columnName;

    if (source === undefined) {
      if (column && mapping.required.includes(field)) {
        log.error(row.line, columnName, '', `${columnName} is empty: it is required`);
      } else if (column && fieldSpecs[field].nullable) {
        assign(mapped, field, null);
      }
      continue;
    }

    const translated = translate(source, mapping.values[field]);
    const parsed = fieldSpecs[field].parse(translated, fieldContext);
    if (parsed.error !== undefined) {
      const accepted = mapping.acceptedValues?.[field];
      const label = context.columnLabels?.get(columnName) ?? columnName;
      const message = accepted
        ? `"${source}" is not a valid ${label}: write ${listAlternatives(accepted)}`
        : parsed.error;
      log.error(row.line, columnName, source, message);
      continue;
    }
    if (parsed.warning) log.warn(row.line, columnName, source, parsed.warning);
    if (field === 'code_postal' && (parsed.value as PostalCode).pays) belgianPostalCode = true;
    assign(mapped, field, parsed.value);
  }

  if (belgianPostalCode && !mapping.columns.pays) mapped.etat.pays = 'BE';
  fillTypeEtablissement(row, mapped, mapping, context, log);
  return mapped;
}

/** Joins values as "a, b or c". */
function listAlternatives(values: readonly string[]): string {
  if (values.length < 2) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

const conflict = Symbol('conflict');

/**
 * Reads a field's cell from its column, or from the first filled of its columns when several give
 * it. Logs an error and returns `conflict` when two of them are filled with different values.
 */
function readField(
  row: CsvRow,
  mapping: Mapping,
  field: FieldName,
  context: MapContext,
  log: IssueLog,
): { column: string | undefined; value: string | undefined } | typeof conflict {
  const column = mapping.columns[field];
  const repeats = mapping.alternatives?.[field] ?? [];
  if (!column || repeats.length === 0) return { column, value: readCell(row, column, field, log) };

  const filled = [column, ...repeats]
    .map((candidate) => ({ column: candidate, value: readCell(row, candidate, field, log) }))
    .filter((candidate) => candidate.value !== undefined);
  const values = [...new Set(filled.map((candidate) => candidate.value))];
  if (values.length > 1) {
    const label = (key: string) => `"${context.columnLabels?.get(key) ?? key}"`;
    log.error(
      row.line,
      filled[0]!.column,
      values.join(' | '),
      `the columns ${filled.map((candidate) => label(candidate.column)).join(' and ')} both give ${field} but differ (${values.map((value) => `"${value}"`).join(', ')}): delete or rename the wrong column, or make the cells agree`,
    );
    return conflict;
  }
  return filled[0] ?? { column, value: undefined };
}

/** Returns the cleaned cell, or undefined when the column is absent or the cell is empty. */
function readCell(
  row: CsvRow,
  column: string | undefined,
  field: FieldName,
  log: IssueLog,
): string | undefined {
  if (!column) return undefined;
  const raw = row.values.get(column);
  if (raw === undefined || raw === '') return undefined;
  const cleaned = cleanCell(raw);
  if (cleaned.hadNonBreakingSpace)
    log.warn(row.line, column, raw, `non-breaking space in ${field} replaced by a plain space`);
  if (cleaned.hadSurroundingSpace)
    log.warn(row.line, column, raw, `spaces around ${field} removed`);
  if (cleaned.textMarker) {
    const marker = cleaned.textMarker === "'" ? 'apostrophe before' : 'formula ="…" around';
    log.warn(row.line, column, raw, `${marker} ${field} removed: read as ${cleaned.value}`);
  }
  return cleaned.value === '' ? undefined : cleaned.value;
}

function translate(source: string, table: Record<string, string> | undefined): string {
  if (!table) return source;
  return table[foldText(source)] ?? source;
}

function assign(mapped: MappedRow, field: FieldName, value: unknown): void {
  const target = fieldSpecs[field].target;
  if (target === 'mesure') {
    (mapped.mesure as Record<string, unknown>)[field] = value;
  } else if (target === 'etat') {
    (mapped.etat as Record<string, unknown>)[field] = value;
  } else if (target === 'type') {
    Object.assign(mapped.etat, value as MesureType);
  } else if (target === 'code_postal') {
    mapped.etat.code_postal = value === null ? null : (value as PostalCode).code;
  } else if (value !== null) {
    mapped.antenneName = value as string;
  }
}

/**
 * Gives a row living in an establishment its `type_etablissement`, which the API requires and the
 * eMJPM template lacks. It comes from the row's column, else `--default-type-etablissement`, else
 * the mapping's default. A row with none of them is rejected with a message saying so.
 */
function fillTypeEtablissement(
  row: CsvRow,
  mapped: MappedRow,
  mapping: Mapping,
  context: MapContext,
  log: IssueLog,
): void {
  const lieuVie = mapped.etat.lieu_vie;
  if (!lieuVie || !lieuxVieInEtablissement.includes(lieuVie) || mapped.etat.type_etablissement)
    return;

  const fallback = context.defaultTypeEtablissement ?? mapping.defaults.type_etablissement;
  if (fallback !== undefined) {
    const parsed = fieldSpecs.type_etablissement.parse(fallback);
    if (parsed.error === undefined) {
      mapped.etat.type_etablissement = parsed.value as Etat['type_etablissement'];
      return;
    }
  }
  const column = mapped.columns.lieu_vie ?? 'lieu_vie';
  const label = context.columnLabels?.get(column) ?? column;
  const cell = cleanCell(row.values.get(column) ?? '').value || lieuVie;
  log.error(
    mapped.line,
    column,
    cell,
    `${label} "${cell}" requires a type_etablissement, which this row does not give: add a type_etablissement column, pass --default-type-etablissement VALUE, or set defaults.type_etablissement in the mapping file`,
  );
}
