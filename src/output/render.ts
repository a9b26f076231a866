import { renderCsv } from './csv.js';
import { renderRecord, renderTable } from './table.js';

import type { OutputFormat } from '../cli/context.js';
import type { TableOptions } from './table.js';

/** One column of a listing: its API name for CSV, its French header for tables. */
export interface Column<T> {
  /** CSV header, the API field name or a dotted path such as `etat.lieu_vie`. */
  name: string;
  /** Table header, in French. */
  label: string;
  /** Raw value for CSV; empty for null. */
  value(item: T): string;
  /** Value shown in tables (French labels, dd/mm/yyyy dates); `value` when absent. */
  display?(item: T): string;
  /** When a table is too wide, columns with the highest number are hidden first; undefined keeps it. */
  priority?: number;
  /** False for values that are useless once cut, such as ids, dates and SIRETs; default true. */
  truncate?: boolean;
}

/** Renders a list in the chosen format, ready for stdout. */
export function renderList<T>(
  items: T[],
  columns: Column<T>[],
  format: OutputFormat,
  tableOptions: TableOptions = {},
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(items, null, 2)}\n`;
    case 'ndjson':
      return items.map((item) => `${JSON.stringify(item)}\n`).join('');
    case 'csv':
      return renderCsv(
        columns.map((column) => column.name),
        items.map((item) => columns.map((column) => column.value(item))),
      );
    case 'table':
      return renderTable(
        columns.map((column) => ({ label: column.label, priority: column.priority, truncate: column.truncate })),
        items.map((item) => columns.map((column) => displayValue(column, item))),
        tableOptions,
      );
  }
}

/** Renders one object: a label/value table on a terminal, the object itself otherwise. */
export function renderOne<T>(
  item: T,
  columns: Column<T>[],
  format: OutputFormat,
  tableOptions: TableOptions = {},
): string {
  if (format === 'json') return `${JSON.stringify(item, null, 2)}\n`;
  if (format !== 'table') return renderList([item], columns, format, tableOptions);
  return renderRecord(
    columns.map((column) => [column.label, displayValue(column, item)]),
    tableOptions,
  );
}

function displayValue<T>(column: Column<T>, item: T): string {
  return column.display ? column.display(item) : column.value(item);
}

/** Formats a nullable scalar for a cell: empty for null and undefined. */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(' ');
  return String(value);
}

/** Formats a `yyyy-MM-dd` date as `dd/mm/yyyy`, the French order; other text is kept. */
export function frenchDate(value: unknown): string {
  const text = cell(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : text;
}

/**
 * Formats an ISO timestamp as `dd/mm/yyyy HH:MM` in the local time zone; text that is not a
 * timestamp is kept.
 */
export function frenchDateTime(value: unknown): string {
  const text = cell(value);
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(date.getTime())) return text;
  const pad = (part: number) => String(part).padStart(2, '0');
  const day = `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Returns the French label of an enumerated value, or the value when it has none. */
export function label(labels: Record<string, string>, value: unknown): string {
  const text = cell(value);
  return Object.hasOwn(labels, text) ? (labels[text] ?? text) : text;
}
