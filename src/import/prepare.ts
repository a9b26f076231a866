import {
  describeNumeroRgNormalisation,
  isStrictNumeroRg,
  normaliseNumeroRg,
  numeroRgLength,
  strictNumeroRgMessage,
} from '../mesure/numero-rg.js';
import { validateMesure } from '../mesure/validate.js';
import { mapCsvRow } from './mapping.js';
import { mapJsonRow } from './ndjson.js';
import { mesureKey, toCreatePayload } from './payload.js';
import { foldText } from './text.js';
import type { IssueLog } from './issues.js';
import type { MappedRow } from './mapped-row.js';
import type { MapContext, Mapping } from './mapping.js';
import { shownDelimiter } from './read.js';
import type { Source } from './read.js';
import type { Antenne, MesurePayload, Tribunal } from '../mesure/types.js';
import type { OutputSink } from '../output/sink.js';

/** A valid row, ready to be compared with the remote mesures. */
export interface PreparedRow {
  line: number;
  key: string;
  row: MappedRow;
  /** The body that would create this mesure. */
  payload: MesurePayload;
}

/** The outcome of reading, mapping and validating every row of a file. */
export interface PreparedRows {
  /** Valid rows by mesure key; of two rows with the same key, the later one. */
  rows: Map<string, PreparedRow>;
  /** Keys of every row that named a mesure, valid or not, so `--prune` keeps their mesures. */
  fileKeys: Set<string>;
  rowsRead: number;
  valid: number;
  invalid: number;
  /** Invalid rows whose mesure could not be identified (no readable RG or court). */
  unidentified: number;
}

export interface PrepareOptions {
  mapping: Mapping | undefined;
  context: MapContext;
  tribunaux: readonly Tribunal[];
  /** Loads the user's antennes. prepareRows calls it once, on the first row that names one. */
  loadAntennes: () => Promise<Antenne[]>;
  strictRg: boolean;
  log: IssueLog;
  sink: OutputSink;
}

const progressEvery = 1000;

/**
 * Reads every row of `source`, maps it to API fields, resolves antenne names and checks it with
 * the server's validation rules, logging each problem with its line and column. Nothing is sent.
 */
export async function prepareRows(source: Source, options: PrepareOptions): Promise<PreparedRows> {
  const { log } = options;
  const result: PreparedRows = {
    rows: new Map(),
    fileKeys: new Set(),
    rowsRead: 0,
    valid: 0,
    invalid: 0,
    unidentified: 0,
  };
  const antennes = lazyAntennes(options.loadAntennes);

  for await (const sourceRow of source.rows) {
    if (sourceRow.kind === 'csv' && sourceRow.repeatsHeader) {
      log.warn(sourceRow.line, '', '', 'the line repeats the header, so it is skipped');
      continue;
    }
    result.rowsRead += 1;
    if (sourceRow.kind === 'csv' && sourceRow.readError) {
      const { column, value, message } = sourceRow.readError;
      log.error(sourceRow.line, column, value, message);
      result.invalid += 1;
      result.unidentified += 1;
      continue;
    }
    const errorsBefore = log.errorCount;
    const issuesBefore = log.issues.length;
    const row =
      sourceRow.kind === 'json'
        ? mapJsonRow(sourceRow, log)
        : mapCsvRow(sourceRow, options.mapping as Mapping, options.context, log);

    // A row with an unreadable cell is still checked for every other error, so that one run
    // lists them all. Server rules on a field left out by that cell are not repeated.
    let payload: MesurePayload | undefined;
    if (row) {
      const failedColumns = new Set(
        log.issues
          .slice(issuesBefore)
          .filter((issue) => issue.severity === 'error')
          .map((issue) => issue.column),
      );
      await resolveAntenne(row, antennes, log);
      payload = toCreatePayload(row);
      checkPayload(row, payload, options, log, failedColumns);
    }
    if (sourceRow.kind === 'csv' && sourceRow.surplusCells && log.errorCount > errorsBefore) {
      const { cells, columns } = sourceRow.surplusCells;
      log.error(
        sourceRow.line,
        '',
        '',
        `the row has ${cells} cells but the header has ${columns} columns, which may have shifted the values above: a cell probably contains an unquoted "${shownDelimiter(source.delimiter)}". Put that cell in double quotes`,
      );
    }
    const key =
      row?.mesure.numero_rg && row.mesure.tribunal_siret ? mesureKey(row.mesure) : undefined;
    if (key) result.fileKeys.add(key);

    if (log.errorCount > errorsBefore || !row || !payload || !key) {
      result.invalid += 1;
      if (!key) result.unidentified += 1;
    } else if (keepLatest(result.rows, { line: row.line, key, row, payload }, log)) {
      result.valid += 1;
    } else {
      result.invalid += 1;
    }
    if (result.rowsRead % progressEvery === 0) reportProgress(source, options.sink, false);
  }
  reportProgress(source, options.sink, true);
  return result;
}

function reportProgress(source: Source, sink: OutputSink, finished: boolean): void {
  const { read, total } = source.bytes();
  const totalKilobytes = Math.ceil(total / 1024);
  sink.progress(
    'Reading the file (kB)',
    finished ? totalKilobytes : Math.min(Math.floor(read / 1024), totalKilobytes - 1),
    totalKilobytes,
  );
}

/**
 * Logs every broken server rule of the body, the `--strict-rg` rule, and a lossy RG normalisation.
 * When reading the row already failed (`failedColumns` is not empty), a rule is skipped when its
 * column is among them or when its field has no value, because the failed cell left it out.
 */
function checkPayload(
  row: MappedRow,
  payload: MesurePayload,
  options: PrepareOptions,
  log: IssueLog,
  failedColumns: ReadonlySet<string>,
): void {
  for (const issue of validateMesure(payload, { tribunaux: options.tribunaux })) {
    const column = columnOfParam(row, issue.param);
    const causedByReadError =
      failedColumns.size > 0 &&
      (issue.value == null ||
        failedColumns.has(column) ||
        (isEtatParam(issue.param) && failedColumns.has(row.columns.lieu_vie ?? 'lieu_vie')));
    if (causedByReadError) continue;
    log.error(row.line, column, issue.value, `${issue.detail} (server message: ${issue.msg})`);
  }

  const rg = payload.numero_rg;
  if (typeof rg !== 'string' || rg === '') return;
  const rgColumn = row.columns.numero_rg ?? 'numero_rg';
  if (options.strictRg && !isStrictNumeroRg(rg)) {
    log.error(row.line, rgColumn, rg, `${strictNumeroRgMessage} (--strict-rg)`);
  }
  const normalisation = describeNumeroRgNormalisation(rg);
  if (normalisation.truncated !== '') {
    log.warn(
      row.line,
      rgColumn,
      rg,
      `numero RG "${rg}" is stored as "${normalisation.value}": eMJPM keeps 8 characters and drops "${normalisation.truncated}", so another RG with the same first 8 characters would be the same mesure`,
    );
  }
}

/**
 * Returns whether a server parameter names a whole état, as the rule that a lieu de vie in an
 * establishment requires a `type_etablissement` does.
 */
function isEtatParam(param: string): boolean {
  return /^etats\[\d+\]$/.test(param);
}

/** Maps a server parameter such as `etats[0].nature_mesure` to the input column of that field. */
function columnOfParam(row: MappedRow, param: string): string {
  const field = isEtatParam(param)
    ? 'type_etablissement'
    : (param.split('.').pop() ?? param).replace(/\[\d+\]$/, '');
  return row.columns[field] ?? param;
}

/**
 * Keeps the later of two rows for the same mesure, with a warning; returns false when the row is
 * rejected instead. Two RGs that differ only after their first 8 letters and digits are two
 * mesures that eMJPM cannot store apart, so the later row is rejected rather than overwriting
 * the earlier one.
 */
// NOTE: only valid rows replace each other. When the later of two rows for one mesure is invalid,
// the earlier valid row is still applied.
function keepLatest(rows: Map<string, PreparedRow>, prepared: PreparedRow, log: IssueLog): boolean {
  const earlier = rows.get(prepared.key);
  const column = prepared.row.columns.numero_rg ?? 'numero_rg';
  const rg = prepared.payload.numero_rg;
  if (earlier && fullNumeroRg(earlier.payload.numero_rg) !== fullNumeroRg(rg)) {
    const stored = normaliseNumeroRg(rg);
    log.error(
      prepared.line,
      column,
      rg,
      `numero RG "${rg}" and "${earlier.payload.numero_rg}" of line ${earlier.line}, at the same court, are both stored as "${stored}" because eMJPM keeps only the first 8 letters and digits: this row would overwrite the mesure of line ${earlier.line}, so it is not imported. Check both RGs`,
    );
    return false;
  }
  if (earlier) {
    log.warn(
      prepared.line,
      column,
      rg,
      `lines ${earlier.line} and ${prepared.line} are the same mesure (same normalised numero RG and tribunal): line ${prepared.line} is kept, line ${earlier.line} ignored`,
    );
  }
  rows.set(prepared.key, prepared);
  return true;
}

/** Removes punctuation from a numero RG, upper-cases it and pads it to 8 characters, without cutting it. */
function fullNumeroRg(rg: string): string {
  return rg
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()
    .padStart(numeroRgLength, '0');
}

async function resolveAntenne(
  row: MappedRow,
  antennes: () => Promise<Antenne[]>,
  log: IssueLog,
): Promise<void> {
  const name = row.antenneName;
  if (name === undefined) return;
  const list = await antennes();
  const antenne = list.find((candidate) => foldText(candidate.nom) === foldText(name));
  if (antenne) {
    row.mesure.antenne_id = antenne.id;
    return;
  }
  const known =
    list.length > 0
      ? `your antennes are ${list.map((candidate) => `"${candidate.nom}"`).join(', ')}`
      : 'your account has no antennes';
  log.error(
    row.line,
    row.columns.antenne ?? 'antenne',
    name,
    `antenne "${name}" is not one of your antennes: ${known}`,
  );
}

function lazyAntennes(load: () => Promise<Antenne[]>): () => Promise<Antenne[]> {
  let pending: Promise<Antenne[]> | undefined;
  return () => (pending ??= load());
}
