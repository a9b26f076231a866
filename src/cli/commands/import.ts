import { Option } from 'commander';

import { mesureStatuses } from '../../mesure/enums.js';
import { exportMesures, openOutputFile } from '../../import/export.js';
import { countOf, formatSummary, oneLine } from '../../import/report.js';
import { parseDeleteLimit, runImport } from '../../import/run-import.js';
import { maxBatchSize } from '../../import/send.js';
import { confirmDestructiveAction } from '../confirm.js';
import { ExitCode, UsageError, UserError } from '../errors.js';
import { withExample } from '../help.js';

import type { Command } from 'commander';

import type { ExportFormat } from '../../import/export.js';
import type { RowIssue } from '../../import/issues.js';
import type { ImportPlan } from '../../import/plan.js';
import type { ImportOptions, ImportResult } from '../../import/run-import.js';
import type { MesureStatus } from '../../mesure/enums.js';
import type { AppContext } from '../context.js';

/** Issues printed on stderr before pointing to `--report` for the rest. */
const shownIssues = 20;

interface ImportCommandOptions {
  format?: 'emjpm' | 'native' | 'ndjson' | 'json';
  map?: string;
  dryRun?: boolean;
  prune?: boolean;
  maxDelete?: string;
  report?: string;
  batchSize: string;
  concurrency: string;
  strictRg?: boolean;
  allOrNothing?: boolean;
  defaultTypeEtablissement?: string;
  century?: string;
  yes?: boolean;
}

/** Registers `mesures import` and `mesures export` on the `mesures` command group. */
export function registerImportCommands(mesures: Command, app: AppContext): void {
  const importCommand = mesures
    .command('import')
    .description('create, update and optionally delete mesures from a CSV or NDJSON file')
    .argument(
      '<file>',
      'eMJPM template CSV, native CSV (from `mesures export` or `mesures list --output csv`), NDJSON or JSON, or any CSV with --map',
    )
    .addOption(
      new Option('--format <format>', 'input format (default: detected from the content)').choices([
        'emjpm',
        'native',
        'ndjson',
        'json',
      ]),
    )
    .option('--map <file>', "JSON mapping file describing the columns of another program's export")
    .option('--dry-run', 'validate and print the plan without sending anything')
    .option(
      '--prune',
      'delete your mesures that the file does not contain (en_attente ones are kept)',
    )
    .option(
      '--max-delete <limit>',
      'with --prune, the maximum number of mesures to delete, or a percentage of yours (default: 10%)',
    )
    .option('--report <file>', 'write every invalid, rejected or repaired row to this CSV file')
    .option(
      '--batch-size <count>',
      `mesures per POST /mesures/batch request, 1 to ${maxBatchSize}`,
      String(maxBatchSize),
    )
    .option('--concurrency <count>', 'requests in flight at once', '2')
    .option(
      '--strict-rg',
      'reject a numero RG unless it has exactly 8 letters or digits once separators (/, -, spaces) are removed, so eMJPM stores it without cutting or padding',
    )
    .option('--all-or-nothing', 'send nothing when any row is invalid')
    .option(
      '--default-type-etablissement <value>',
      'type_etablissement for rows living in an establishment that do not give one',
    )
    .option(
      '--century <century>',
      'read two-digit years in dates with this century (19 or 20) instead of rejecting them',
    )
    .option(
      '-y, --yes',
      'delete without asking (required with --prune when no terminal is attached)',
    )
    .action(async (file: string, options: ImportCommandOptions) => {
      const result = await runImport(toImportOptions(file, options), {
        api: await app.api(),
        sink: app.sink(),
        confirmDeletes: (count, plan) => confirmDeletes(app, count, plan, options.yes === true),
      });
      printResult(app, result, options);
      throwForExitCode(result, options);
    });
  withExample(
    importCommand,
    'emjpm mesures import mesures.csv --dry-run',
    'emjpm mesures import mesures.csv --report problemes.csv',
    'emjpm mesures import export.csv --map logiciel.json --default-type-etablissement etablissement_personne_agee',
    'emjpm mesures import mesures.csv --prune --max-delete 25 --yes',
  );

  const exportCommand = mesures
    .command('export')
    .description(
      'write your mesures in a format that `mesures import` reads back: --output csv (default), ndjson or json',
    )
    .option(
      '--status <statuses>',
      `only these statuses, comma-separated (${mesureStatuses.join(', ')})`,
    )
    .option('--file <path>', 'write to this file instead of stdout')
    .action(async (options: { status?: string; file?: string }) => {
      const format = exportFormat(app.globals().output);
      const statuses = parseStatuses(options.status);
      const api = await app.api();
      const output = options.file ? await openOutputFile(options.file) : undefined;
      const count = await exportMesures(
        api,
        { format, statuses },
        output?.stream ?? app.stdout,
        app.sink(),
      );
      await output?.finish();
      if (options.file) app.sink().info(`Wrote ${count} mesures to ${options.file}.`);
    });
  withExample(
    exportCommand,
    'emjpm mesures export --file mesures.csv',
    'emjpm mesures export --output ndjson --status en_cours > mesures.ndjson',
  );
}

function toImportOptions(file: string, options: ImportCommandOptions): ImportOptions {
  return {
    file,
    format: options.format,
    mapFile: options.map,
    dryRun: options.dryRun === true,
    prune: options.prune === true,
    maxDelete: options.maxDelete === undefined ? undefined : parseDeleteLimit(options.maxDelete),
    reportFile: options.report,
    batchSize: parseCount(options.batchSize, '--batch-size'),
    concurrency: parseCount(options.concurrency, '--concurrency'),
    strictRg: options.strictRg === true,
    allOrNothing: options.allOrNothing === true,
    defaultTypeEtablissement: options.defaultTypeEtablissement,
    century: options.century === undefined ? undefined : parseCount(options.century, '--century'),
  };
}

function parseCount(text: string, option: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${option} must be a whole number, not "${text}".`);
  return Number(text);
}

async function confirmDeletes(
  app: AppContext,
  count: number,
  plan: ImportPlan,
  yes: boolean,
): Promise<boolean> {
  if (!yes && !app.globals().json) {
    const listed = plan.deletes
      .slice(0, shownIssues)
      .map((mesure) => `  ${mesure.id}  ${mesure.numero_rg}  ${mesure.tribunal_siret}`);
    const more =
      plan.deletes.length > shownIssues
        ? [`  … and ${plan.deletes.length - shownIssues} more`]
        : [];
    app.stderr.write(
      ['These mesures are not in the file and will be deleted:', ...listed, ...more, ''].join('\n'),
    );
  }
  await confirmDestructiveAction(app, {
    question: `Delete ${countOf(count, 'mesure')} absent from the file?`,
    yes,
  });
  return true;
}

function printResult(app: AppContext, result: ImportResult, options: ImportCommandOptions): void {
  if (app.globals().json) {
    const body: Record<string, unknown> = { summary: result.summary, issues: result.issues };
    if (result.summary.dryRun && result.plan) body.plan = planForJson(result.plan);
    app.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  printIssues(app, result.issues, options.report);
  if (result.summary.dryRun && result.plan) app.stdout.write(formatPlan(result.plan));
  app.stdout.write(`${formatSummary(result.summary).join('\n')}\n`);
}

function printIssues(app: AppContext, issues: RowIssue[], reportFile: string | undefined): void {
  const sorted = [...issues].sort((a, b) => a.line - b.line || (a.severity === 'error' ? -1 : 1));
  for (const issue of sorted.slice(0, shownIssues)) {
    const where = describePlace(issue);
    const value = issue.value === '' ? '' : ` "${oneLine(issue.value)}"`;
    const label = issue.severity === 'error' ? 'Error' : 'Warning';
    app.stderr.write(`${label}: ${where}${value}: ${issue.message}\n`);
  }
  if (issues.length > shownIssues) {
    const where = reportFile
      ? `all of them are in ${reportFile}`
      : 'add --report FILE.csv to write all of them';
    app.stderr.write(`… and ${issues.length - shownIssues} more issues: ${where}.\n`);
  }
}

/** Names where an issue is: its line and column, or whichever of them applies. */
function describePlace(issue: RowIssue): string {
  if (issue.line === 0) return issue.column;
  if (issue.column === '') return `line ${issue.line}`;
  return `line ${issue.line}, column ${issue.column}`;
}

function formatPlan(plan: ImportPlan): string {
  const lines = [
    ...plan.creates.map((write) => `create  line ${write.line}  ${write.key}`),
    ...plan.updates.map(
      (write) =>
        `update  line ${write.line}  ${write.key}  id ${write.id}: ${write.changes.join(', ')}`,
    ),
    ...plan.deletes.map((mesure) => `delete  id ${mesure.id}  ${mesure.key}`),
  ];
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function planForJson(plan: ImportPlan) {
  return {
    creates: plan.creates.map((write) => ({
      line: write.line,
      key: write.key,
      mesure: write.payload,
    })),
    updates: plan.updates.map((write) => ({
      line: write.line,
      key: write.key,
      id: write.id,
      changes: write.changes,
    })),
    deletes: plan.deletes,
    unchanged: plan.unchanged,
  };
}

/** Turns a partial failure into the error the top-level handler prints, with its exit code. */
function throwForExitCode(result: ImportResult, options: ImportCommandOptions): void {
  const { summary, failure } = result;
  const reportHint = options.report
    ? `See ${options.report} for every row.`
    : 'Add --report FILE.csv to list every row in a file.';
  if (failure) {
    throw new UserError(`Import stopped: ${failure.message}`, {
      exitCode: result.exitCode as (typeof ExitCode)[keyof typeof ExitCode],
      code: failure instanceof UserError ? failure.code : 'import_failed',
      hint: 'Run the same command again: rows already applied are left unchanged and the rest is sent.',
      cause: failure,
    });
  }
  if (result.exitCode === ExitCode.ok) return;
  const rejected = summary.invalid + summary.failed;
  const applied =
    result.heldBack || summary.dryRun ? 'Nothing was sent.' : 'The valid rows were applied.';
  const were = rejected === 1 ? 'was' : 'were';
  const message = `${countOf(rejected, 'row')} ${were} invalid or rejected by eMJPM. ${applied}`;
  throw new UserError(message, {
    exitCode: ExitCode.invalidInput,
    code: 'invalid_rows',
    hint: `Fix the rows listed above and import the file again. ${reportHint}`,
  });
}

function exportFormat(output: string): ExportFormat {
  if (output === 'json' || output === 'ndjson' || output === 'csv') return output;
  return 'csv';
}

function parseStatuses(text: string | undefined): MesureStatus[] {
  if (text === undefined) return [];
  const statuses = text.split(',').map((status) => status.trim());
  const unknown = statuses.filter((status) => !(mesureStatuses as string[]).includes(status));
  if (unknown.length > 0) {
    throw new UsageError(
      `--status: unknown status ${unknown.join(', ')}.`,
      `Use ${mesureStatuses.join(', ')}, comma-separated.`,
    );
  }
  return statuses as MesureStatus[];
}
