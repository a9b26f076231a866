import { padText, textWidth, truncateText } from './text-width.js';

/** Spaces between two columns. */
const gap = '  ';
/** Narrowest a text column gets before lower-priority columns are hidden instead. */
const minReadableWidth = 12;
/** Narrowest the value of a label/value record gets on a narrow terminal. */
const minRecordValueWidth = 20;

export interface TableOptions {
  /**
   * Terminal width in columns. Tables hide their lowest-priority columns, then cut text columns
   * with `…`, until they fit. Undefined or 0 (what some terminals report) means no limit.
   */
  maxWidth?: number;
  /** Styles a header cell after padding, such as bold on a terminal. */
  styleHeader?: (text: string) => string;
  /** Receives the headers of the columns hidden to fit `maxWidth`, when any were. */
  onHiddenColumns?: (headers: string[]) => void;
}

/** A table header with how the column behaves on a narrow terminal. */
export interface TableHeader {
  label: string;
  /**
   * Order in which columns are hidden when the table is too wide: the highest number goes first.
   * Undefined keeps the column always.
   */
  priority?: number;
  /** False for values that are useless once cut (ids, numero RG, dates, SIRETs); default true. */
  truncate?: boolean;
}

/**
 * Renders rows as aligned columns under a header line, one line per row, ending with a newline.
 * A header given as a plain string is a column that is always kept and may be cut.
 */
export function renderTable(
  headers: (string | TableHeader)[],
  rows: string[][],
  options: TableOptions = {},
): string {
  const columns = headers.map(toHeader);
  const naturalWidths = columns.map((column, index) =>
    Math.max(textWidth(column.label), ...rows.map((row) => textWidth(oneLine(row[index] ?? '')))),
  );
  const maxWidth = limitOf(options.maxWidth);
  const visible = maxWidth === undefined ? columns.map((_, index) => index) : fitColumns(columns, naturalWidths, maxWidth);
  const hidden = columns.filter((_, index) => !visible.includes(index)).map((column) => column.label);
  if (hidden.length > 0) options.onHiddenColumns?.(hidden);

  const widths = visible.map((index) => naturalWidths[index] ?? 0);
  if (maxWidth !== undefined) {
    shrinkToFit(widths, visible.map((index) => smallestWidth(columns[index], naturalWidths[index])), maxWidth);
  }

  const styleHeader = options.styleHeader ?? ((text: string) => text);
  const pick = (cells: string[]) => visible.map((index) => cells[index] ?? '');
  const headerLine = formatLine(pick(columns.map((column) => column.label)), widths).map(styleHeader).join(gap);
  const lines = rows.map((row) => formatLine(pick(row), widths).join(gap));
  return [headerLine, ...lines].map((line) => line.trimEnd()).join('\n') + '\n';
}

/** Renders label/value pairs as two aligned columns, for a single record. */
export function renderRecord(pairs: [string, string][], options: TableOptions = {}): string {
  const labelWidth = Math.max(0, ...pairs.map(([label]) => textWidth(label)));
  const styleLabel = options.styleHeader ?? ((text: string) => text);
  const maxWidth = limitOf(options.maxWidth);
  const valueWidth =
    maxWidth === undefined ? undefined : Math.max(minRecordValueWidth, maxWidth - labelWidth - gap.length);
  return (
    pairs
      .map(([label, value]) => {
        const text = valueWidth === undefined ? oneLine(value) : truncateText(oneLine(value), valueWidth);
        return `${styleLabel(padText(label, labelWidth))}${gap}${text}`.trimEnd();
      })
      .join('\n') + '\n'
  );
}

function toHeader(header: string | TableHeader): TableHeader {
  return typeof header === 'string' ? { label: header } : header;
}

/** Returns the width limit, or undefined for none: a width of 0 or less is no width at all. */
function limitOf(maxWidth: number | undefined): number | undefined {
  return maxWidth !== undefined && maxWidth > 0 ? maxWidth : undefined;
}

/**
 * Returns the indexes of the columns to show. While the table cannot fit even with its text
 * columns cut to `minReadableWidth`, the column with the highest priority number is hidden.
 * Columns without a priority always stay, so a very narrow terminal may still wrap lines.
 */
function fitColumns(columns: TableHeader[], naturalWidths: number[], maxWidth: number): number[] {
  const visible = columns.map((_, index) => index);
  const smallestTotal = () =>
    visible.reduce((sum, index) => sum + smallestWidth(columns[index], naturalWidths[index]), 0) +
    gap.length * (visible.length - 1);

  while (smallestTotal() > maxWidth) {
    const droppable = visible.filter((index) => columns[index]?.priority !== undefined);
    if (droppable.length === 0) break;
    const last = droppable.reduce((worst, index) =>
      (columns[index]?.priority ?? 0) >= (columns[worst]?.priority ?? 0) ? index : worst,
    );
    visible.splice(visible.indexOf(last), 1);
  }
  return visible;
}

/**
 * Returns the narrowest width a column may be cut to: its full width for values that are useless
 * once cut, else `minReadableWidth` or its header's width, whichever is larger.
 */
function smallestWidth(column: TableHeader | undefined, naturalWidth = 0): number {
  if (column?.truncate === false) return naturalWidth;
  return Math.min(naturalWidth, Math.max(minReadableWidth, textWidth(column?.label ?? '')));
}

/** Narrows the widest column still above its floor, one step at a time, until the line fits. */
function shrinkToFit(widths: number[], floors: number[], maxWidth: number): void {
  const total = () => widths.reduce((sum, width) => sum + width, 0) + gap.length * (widths.length - 1);
  while (total() > maxWidth) {
    const candidates = widths.map((width, index) => (width > (floors[index] ?? width) ? width : -1));
    const widest = candidates.indexOf(Math.max(...candidates));
    if (widest === -1 || (candidates[widest] ?? -1) < 0) return;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
}

function formatLine(cells: string[], widths: number[]): string[] {
  return widths.map((width, column) => padText(truncateText(oneLine(cells[column] ?? ''), width), width));
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}
