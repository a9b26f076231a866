import { resolve } from 'node:path';

import { ExitCode, InvalidInputError, UsageError, UserError } from '../cli/errors.js';
import { todayIsoDate } from '../mesure/dates.js';
import { openOutputFile } from './export.js';
import { fieldSpecs } from './fields.js';
import { IssueLog } from './issues.js';
import {
  addRepeatedColumns,
  emjpmMapping,
  mappedColumns,
  missingColumns,
  nativeMapping,
} from './mapping.js';
import { loadMappingFile } from './mapping-file.js';
import { serverSetColumns } from './native-columns.js';
import { planImport } from './plan.js';
import { frenchPostalCodeSet } from './postal-codes.js';
import { prepareRows } from './prepare.js';
import { openSource } from './read.js';
import { writeIssueReport } from './report.js';
import { maxBatchSize, sendPlan } from './send.js';
import type { FieldName } from './fields.js';
import type { RowIssue } from './issues.js';
import type { Mapping } from './mapping.js';
import type { ImportPlan } from './plan.js';
import type { PreparedRows } from './prepare.js';
import type { Source } from './read.js';
import type { ImportSummary } from './report.js';
import type { SendResult } from './send.js';
import type { ApiClient } from '../api/types.js';
import type { Tribunal } from '../mesure/types.js';
import type { OutputSink } from '../output/sink.js';

/** `--max-delete`: a number of mesures, or a percentage of the remote mesures. */
export type DeleteLimit = { count: number } | { percent: number };

export interface ImportOptions {
  file: string;
  format?: 'emjpm' | 'native' | 'ndjson' | 'json';
  /** `--map`: a mapping file describing another program's columns. */
  mapFile?: string;
  dryRun: boolean;
  prune: boolean;
  /** Defaults to 10 % of the remote mesures. */
  maxDelete?: DeleteLimit;
  reportFile?: string;
  batchSize: number;
  concurrency: number;
  strictRg: boolean;
  allOrNothing: boolean;
  defaultTypeEtablissement?: string;
  century?: number;
}

export interface ImportDependencies {
  api: ApiClient;
  sink: OutputSink;
  /** Asks before deleting; resolves false to cancel. The CLI answers with `--yes` or a prompt. */
  confirmDeletes(count: number, plan: ImportPlan): Promise<boolean>;
  now?: () => Date;
}

export interface ImportResult {
  summary: ImportSummary;
  plan: ImportPlan | undefined;
  issues: RowIssue[];
  /** Set when nothing was sent because of `--all-or-nothing` and invalid rows. */
  heldBack: boolean;
  /** The API failure that stopped sending; the summary counts what was applied before it. */
  failure?: Error;
  exitCode: number;
}

const defaultDeletePercent = 10;

/**
 * Imports a file of mesures: read, map, validate every row, plan against the remote mesures, then
 * send (unless `dryRun`) and report. Invalid rows are reported and skipped. The valid ones are
 * still applied unless `allOrNothing`.
 */
export async function runImport(
  options: ImportOptions,
  dependencies: ImportDependencies,
): Promise<ImportResult> {
  const started = Date.now();
  const { api, sink } = dependencies;
  const requestsBefore = api.requestCount;
  checkOptions(options);
  const log = new IssueLog();

  const { source, tribunaux, prepared } = await readRows(options, api, log, sink);
  const plan = await planAgainstRemote(prepared, options, {
    api,
    tribunaux,
    log,
    now: dependencies.now,
  });
  if (plan.pruneSkipped) sink.warn(`--prune skipped: ${plan.pruneSkipped}.`);
  checkDeleteLimit(plan, options.maxDelete);
  // Opened before anything is sent, so that a wrong path stops the run while nothing has changed.
  const report = options.reportFile ? await openOutputFile(options.reportFile) : undefined;

  // NOTE: --all-or-nothing covers the local checks only. A row the server rejects after other
  // batches were saved does not undo them, because each batch is its own transaction.
  const invalid = prepared.invalid + plan.invalid;
  const heldBack = options.allOrNothing && invalid > 0;
  const summary: ImportSummary = {
    file: options.file,
    format: source.format,
    encoding: source.encoding,
    dryRun: options.dryRun,
    rowsRead: prepared.rowsRead,
    valid: prepared.valid - plan.invalid,
    invalid,
    created: 0,
    updated: 0,
    unchanged: plan.unchanged,
    deleted: 0,
    failed: 0,
    warnings: 0,
    requests: 0,
    durationMs: 0,
  };

  let failure: Error | undefined;
  if (options.dryRun) {
    Object.assign(summary, {
      created: plan.creates.length,
      updated: plan.updates.length,
      deleted: plan.deletes.length,
    });
  } else if (heldBack) {
    sink.warn(`Nothing sent: ${invalid} rows are invalid and --all-or-nothing is set.`);
  } else {
    const sent = await applyPlan(plan, options, dependencies, log);
    Object.assign(summary, {
      created: sent.created,
      updated: sent.updated,
      deleted: sent.deleted,
      failed: sent.failed,
    });
    failure = sent.failure;
  }

  for (const issue of log.issues)
    issue.column = source.headerLabels.get(issue.column) ?? issue.column;
  summary.warnings = log.warningCount;
  summary.requests = api.requestCount - requestsBefore;
  summary.durationMs = Date.now() - started;
  if (report) await writeIssueReport(report, log.issues);

  let exitCode: number = ExitCode.ok;
  if (summary.invalid > 0 || summary.failed > 0) exitCode = ExitCode.invalidInput;
  if (failure) exitCode = failure instanceof UserError ? failure.exitCode : ExitCode.api;
  return { summary, plan, issues: log.issues, heldBack, failure, exitCode };
}

/** Opens the file, fetches the courts once, then reads, maps and validates every row. */
async function readRows(options: ImportOptions, api: ApiClient, log: IssueLog, sink: OutputSink) {
  const mappingFromFile = options.mapFile ? await loadMappingFile(options.mapFile) : undefined;
  const source = await openSource(options.file, {
    format: options.format,
    mappedColumns: mappingFromFile ? Object.values(mappingFromFile.columns) : undefined,
  });
  const mapping = mappingOf(source, mappingFromFile);
  if (mapping) {
    checkColumns(source, mapping, mappingFromFile !== undefined);
    warnAboutColumns(source, mapping, mappingFromFile !== undefined, log);
  }
  sink.debug(
    `import: ${source.path} read as ${source.format}, ${source.encoding}, delimiter ${JSON.stringify(source.delimiter ?? '')}, header on line ${source.headerLine}`,
  );

  const tribunaux = await api.listTribunaux();
  const prepared = await prepareRows(source, {
    mapping,
    context: {
      century: options.century,
      knownSirets: new Set(tribunaux.map((tribunal) => tribunal.siret)),
      frenchPostalCodes: frenchPostalCodeSet(),
      defaultTypeEtablissement: options.defaultTypeEtablissement,
      columnLabels: source.headerLabels,
    },
    tribunaux,
    loadAntennes: () => api.listAntennes(),
    strictRg: options.strictRg,
    log,
    sink,
  });
  if (prepared.rowsRead === 0) sink.warn(`${source.path} has a header but no rows of mesures.`);
  return { source, tribunaux, prepared };
}

/** Lists the remote mesures (and, for `--prune`, the en_attente ones) and plans the changes. */
async function planAgainstRemote(
  prepared: PreparedRows,
  options: ImportOptions,
  context: { api: ApiClient; tribunaux: Tribunal[]; log: IssueLog; now?: () => Date },
): Promise<ImportPlan> {
  const remote = await context.api.listMesures();
  const awaiting = options.prune ? await context.api.listMesures('en_attente') : [];
  return planImport(prepared.rows.values(), {
    remote,
    awaitingIds: new Set(awaiting.map((mesure) => mesure.id)),
    prune: options.prune,
    fileKeys: prepared.fileKeys,
    unidentifiedRows: prepared.unidentified,
    tribunaux: context.tribunaux,
    today: todayIsoDate(context.now?.()),
    log: context.log,
  });
}

/** Asks before deleting, then sends the plan. */
async function applyPlan(
  plan: ImportPlan,
  options: ImportOptions,
  dependencies: ImportDependencies,
  log: IssueLog,
): Promise<SendResult> {
  if (plan.deletes.length > 0 && !(await dependencies.confirmDeletes(plan.deletes.length, plan))) {
    plan.deletes = [];
    dependencies.sink.warn('Deletions cancelled, so only creates and updates are sent.');
  }
  return sendPlan(plan, {
    api: dependencies.api,
    batchSize: options.batchSize,
    concurrency: options.concurrency,
    log,
    sink: dependencies.sink,
  });
}

function checkOptions(options: ImportOptions): void {
  if (
    !Number.isInteger(options.batchSize) ||
    options.batchSize < 1 ||
    options.batchSize > maxBatchSize
  ) {
    throw new UsageError(
      `--batch-size must be a whole number from 1 to ${maxBatchSize}, not ${options.batchSize}.`,
    );
  }
  if (
    !Number.isInteger(options.concurrency) ||
    options.concurrency < 1 ||
    options.concurrency > 16
  ) {
    throw new UsageError(
      `--concurrency must be a whole number from 1 to 16, not ${options.concurrency}.`,
    );
  }
  if (options.defaultTypeEtablissement !== undefined) {
    const parsed = fieldSpecs.type_etablissement.parse(options.defaultTypeEtablissement);
    if (parsed.error !== undefined)
      throw new UsageError(`--default-type-etablissement: ${parsed.error}.`);
  }
  if (options.century !== undefined && ![19, 20].includes(options.century)) {
    throw new UsageError(`--century must be 19 or 20, not ${options.century}.`);
  }
  if (options.maxDelete && !options.prune)
    throw new UsageError('--max-delete only applies with --prune.');
  if (options.reportFile && resolve(options.reportFile) === resolve(options.file)) {
    throw new UsageError(
      `--report ${options.reportFile} would overwrite the file being imported.`,
      'Give the report another name.',
    );
  }
}

/** Returns the mapping that reads the source's columns, or undefined for JSON. */
function mappingOf(source: Source, fromFile: Mapping | undefined): Mapping | undefined {
  if (source.format === 'ndjson' || source.format === 'json') return undefined;
  if (fromFile) return addRepeatedColumns(fromFile, source.headers);
  return source.format === 'native' ? nativeMapping(source.headers) : emjpmMapping(source.headers);
}

const readOnlyNativeColumns = new Set<string>(serverSetColumns);

/**
 * Warns about the columns of a built-in format that no field reads, and about column names given
 * to several columns. A mapping file names its columns, so the others are ignored silently.
 */
function warnAboutColumns(
  source: Source,
  mapping: Mapping,
  fromFile: boolean,
  log: IssueLog,
): void {
  const used = mappedColumns(mapping);
  for (const [name, columns] of source.repeatedColumns) {
    if (!used.has(name)) continue;
    log.warn(
      source.headerLine,
      name,
      '',
      `${columns.length} columns are named ${name} (columns ${columns.join(', ')}): each row takes the filled one, and a row where they differ is rejected`,
    );
  }
  if (fromFile) return;
  for (const header of source.headers) {
    if (used.has(header) || readOnlyNativeColumns.has(header)) continue;
    log.warn(
      source.headerLine,
      header,
      '',
      `column ignored: it is not a column of the ${source.format} format. Rename it if it holds one of ${source.format === 'emjpm' ? emjpmColumnList : 'the API fields'}`,
    );
  }
}

const emjpmColumnList =
  'date_nomination, type, code_postal, ville, civilite, annee, numero_rg, numero_dossier, residence, tribunal_siret, tribunal_cabinet, antenne, type_etablissement';

/** Rejects a file whose header lacks a required column, or a column that the mapping file names. */
function checkColumns(source: Source, mapping: Mapping, fromFile: boolean): void {
  if (fromFile) {
    const absent = Object.entries(mapping.columns).filter(
      ([, column]) => !source.headers.includes(column),
    );
    if (absent.length > 0) {
      const list = absent
        .map(
          ([field, column]) =>
            `"${mapping.columnNames?.[field as FieldName] ?? column}" (for ${field})`,
        )
        .join(', ');
      const labels = source.headers.map((header) => source.headerLabels.get(header) ?? header);
      throw new InvalidInputError(
        `${source.path} has no column ${list}, which the mapping file names.`,
        `The header, on line ${source.headerLine}, has the columns: ${labels.join(', ')}. Column names are compared without case, accents or punctuation.`,
      );
    }
    return;
  }
  const missing = missingColumns(mapping).map((field) =>
    source.format === 'emjpm' ? (emjpmColumnNames[field] ?? field) : field,
  );
  if (missing.length > 0) {
    const labels = source.headers.map((header) => source.headerLabels.get(header) ?? header);
    throw new InvalidInputError(
      `${source.path} lacks the required ${source.format} columns: ${missing.join(', ')}.`,
      `The header, on line ${source.headerLine}, has the columns: ${labels.join(', ')}. Add the missing columns, or rename the ones that hold them.`,
    );
  }
}

/** Column names of the eMJPM template for the fields it names differently. */
const emjpmColumnNames: Partial<Record<string, string>> = {
  annee_naissance: 'annee',
  lieu_vie: 'residence',
  date_nomination: 'date_nomination (or date_ouverture)',
};

/**
 * Rejects a prune that would delete more mesures than `--max-delete` allows, before any write,
 * with exit code 4 because the input, not the server, is at fault.
 */
function checkDeleteLimit(plan: ImportPlan, maxDelete: DeleteLimit | undefined): void {
  const limit = maxDelete ?? { percent: defaultDeletePercent };
  const allowed =
    'count' in limit ? limit.count : Math.floor((plan.remoteCount * limit.percent) / 100);
  if (plan.deletes.length <= allowed) return;
  const described =
    'count' in limit
      ? `${limit.count}`
      : `${limit.percent} % of your ${plan.remoteCount} mesures, that is ${allowed}`;
  throw new UserError(
    `--prune would delete ${plan.deletes.length} mesures, more than the limit of ${described}. Nothing was sent.`,
    {
      hint: `Check that the file is complete, run again with --dry-run to see the list, and raise the limit with --max-delete ${plan.deletes.length} if the deletions are intended.`,
      code: 'prune_limit_exceeded',
      exitCode: ExitCode.invalidInput,
    },
  );
}

/** Parses `--max-delete N` or `--max-delete P%`. */
export function parseDeleteLimit(text: string): DeleteLimit {
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent && Number(percent[1]) <= 100) return { percent: Number(percent[1]) };
  if (/^\d+$/.test(text)) return { count: Number(text) };
  throw new UsageError(
    `--max-delete must be a number of mesures or a percentage such as 20%, not "${text}".`,
  );
}
