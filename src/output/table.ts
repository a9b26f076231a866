import { padText, textWidth, truncateText } from './text-width.js';

/** Spaces between two columns. */
const gap = '  ';
/** Narrowest a column gets when the table is shrunk to fit the terminal. */
const minColumnWidth = 4;

export interface TableOptions {
  /** Terminal width; the widest columns are truncated with `…` until the table fits. */
  maxWidth?: number;
  /** Styles a header cell after padding, such as bold on a terminal. */
  styleHeader?: (text: string) => string;
}

/** Renders rows as aligned columns under a header line, one line per row, ending with a newline. */
export function renderTable(headers: string[], rows: string[][], options: TableOptions = {}): string {
  const widths = headers.map((header, column) =>
    Math.max(textWidth(header), ...rows.map((row) => textWidth(oneLine(row[column] ?? '')))),
  );
  if (options.maxWidth !== undefined) shrinkToFit(widths, options.maxWidth);

  const styleHeader = options.styleHeader ?? ((text: string) => text);
  const headerLine = formatLine(headers, widths).map(styleHeader).join(gap);
  const lines = rows.map((row) => formatLine(row, widths).join(gap));
  return [headerLine, ...lines].map((line) => line.trimEnd()).join('\n') + '\n';
}

/** Renders label/value pairs as two aligned columns, for a single record. */
export function renderRecord(pairs: [string, string][], options: TableOptions = {}): string {
  const labelWidth = Math.max(0, ...pairs.map(([label]) => textWidth(label)));
  const styleLabel = options.styleHeader ?? ((text: string) => text);
  const valueWidth =
    options.maxWidth === undefined ? undefined : Math.max(minColumnWidth, options.maxWidth - labelWidth - gap.length);
  return (
    pairs
      .map(([label, value]) => {
        const text = valueWidth === undefined ? oneLine(value) : truncateText(oneLine(value), valueWidth);
        return `${styleLabel(padText(label, labelWidth))}${gap}${text}`.trimEnd();
      })
      .join('\n') + '\n'
  );
}

function formatLine(cells: string[], widths: number[]): string[] {
  return widths.map((width, column) => padText(truncateText(oneLine(cells[column] ?? ''), width), width));
}

/** Narrows the widest columns one step at a time until the line fits in `maxWidth`. */
function shrinkToFit(widths: number[], maxWidth: number): void {
  const total = () => widths.reduce((sum, width) => sum + width, 0) + gap.length * (widths.length - 1);
  while (total() > maxWidth) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= minColumnWidth) return;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}
