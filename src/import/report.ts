import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

import { formatCsvLine, utf8Bom } from './csv-format.js';
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
 * Writes the `--report` CSV: one line per rejected or warned row with its line, column, value and
 * message, UTF-8 with a byte-order mark and `;` so that spreadsheet programs open it as is.
 */
export async function writeIssueReport(path: string, issues: readonly RowIssue[]): Promise<void> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  const done = once(stream, 'finish');
  stream.write(`${utf8Bom}${formatCsvLine(['line', 'severity', 'column', 'value', 'message'])}\r\n`);
  const sorted = [...issues].sort((a, b) => a.line - b.line);
  for (const issue of sorted) {
    const line = `${formatCsvLine([issue.line, issue.severity, issue.column, issue.value, issue.message])}\r\n`;
    if (!stream.write(line)) await once(stream, 'drain');
  }
  stream.end();
  await done;
}

/** Formats the summary as the lines a person reads at the end of an import. */
export function formatSummary(summary: ImportSummary): string[] {
  const seconds = (summary.durationMs / 1000).toFixed(1);
  const verb = summary.dryRun ? 'would be ' : '';
  return [
    `${summary.file}: ${summary.rowsRead} rows read (${summary.format}, ${summary.encoding}), ${summary.valid} valid, ${summary.invalid} invalid`,
    `${summary.created} ${verb}created, ${summary.updated} ${verb}updated, ${summary.unchanged} unchanged, ${summary.deleted} ${verb}deleted, ${summary.failed} rejected by eMJPM`,
    `${summary.warnings} warnings, ${summary.requests} requests, ${seconds} s`,
  ];
}
