import { once } from 'node:events';

import { formatCsvLine, utf8Bom } from './csv-format.js';
import type { OutputFile } from './export.js';
import type { RowIssue } from './issues.js';

/** Counts of one import run, printed at the end and under `--json`. */
export interface ImportSummary {
  file: string;
  format: string;
  encoding: string;
  dryRun: boolean;
  rowsRead: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** Rows the server rejected. */
  failed: number;
  warnings: number;
  /** HTTP requests sent, retries included. */
  requests: number;
  durationMs: number;
}

/**
 * Writes the `--report` CSV to a file opened with `openOutputFile`, and closes it. Each issue of a
 * row (an error, or a repair with a warning) is one line with its line, column, value and
 * message. The file is UTF-8 with a byte-order mark and `;`, so spreadsheet programs open it as is.
 * Cells that a spreadsheet would run as a formula get a leading `'` (see `neutraliseFormula`).
 */
export async function writeIssueReport(
  output: OutputFile,
  issues: readonly RowIssue[],
): Promise<void> {
  const { stream } = output;
  stream.write(
    `${utf8Bom}${formatCsvLine(['line', 'severity', 'column', 'value', 'message'])}\r\n`,
  );
  const sorted = [...issues].sort((a, b) => a.line - b.line);
  for (const issue of sorted) {
    const cells = [issue.line, issue.severity, issue.column, issue.value, issue.message]
      .map(oneLine)
      .map(neutraliseFormula);
    const line = `${formatCsvLine(cells)}\r\n`;
    if (!stream.write(line)) await once(stream, 'drain');
  }
  await output.finish();
}

/**
 * Writes the line breaks of a cell (a multi-line cell of the input) as `\n`, so that each issue
 * is one line of the report.
 */
export function oneLine(cell: string | number): string | number {
  return typeof cell === 'string' ? cell.replace(/\r?\n/g, '\\n') : cell;
}

/**
 * Prefixes with `'` a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return,
 * which Excel and LibreOffice would run as a formula (CSV injection). The spreadsheet shows the
 * text without the `'`, but a program that reads the report gets it too.
 */
export function neutraliseFormula(cell: string | number): string | number {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Formats the summary as the lines a person reads at the end of an import. */
export function formatSummary(summary: ImportSummary): string[] {
  const seconds = (summary.durationMs / 1000).toFixed(1);
  const verb = summary.dryRun ? 'would be ' : '';
  return [
    `${summary.file}: ${countOf(summary.rowsRead, 'row')} read (${summary.format}, ${summary.encoding}), ${summary.valid} valid, ${summary.invalid} invalid`,
    `${summary.created} ${verb}created, ${summary.updated} ${verb}updated, ${summary.unchanged} unchanged, ${summary.deleted} ${verb}deleted, ${summary.failed} rejected by eMJPM`,
    `${countOf(summary.warnings, 'warning')}, ${countOf(summary.requests, 'request')}, ${seconds} s`,
  ];
}

/** Writes a count with its noun, singular for 1 and plural with `s` otherwise: "1 row", "0 rows". */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
