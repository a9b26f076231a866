/**
 * Renders a header row and data rows as CSV (RFC 4180): `,` between fields, CRLF after each
 * record, and fields containing `"`, `,`, CR or LF quoted with inner quotes doubled. A cell that
 * a spreadsheet would run as a formula gets a leading `'` (see `neutraliseFormula`).
 */
export function renderCsv(headers: string[], rows: string[][]): string {
  const records = [headers, ...rows.map((row) => row.map(neutraliseFormula))];
  return records.map((row) => row.map(quoteField).join(',') + '\r\n').join('');
}

function quoteField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Prefixes with `'` a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return,
 * because Excel and LibreOffice would run it as a formula (CSV injection). A plain number such
 * as a negative longitude is left alone. The spreadsheet shows the text without the `'`.
 * NOTE: `mesures import` keeps that `'` when it reads this CSV back, except before a digit.
 */
function neutraliseFormula(cell: string): string {
  if (!/^[=+\-@\t\r]/.test(cell) || /^[+-]?\d+(\.\d+)?$/.test(cell)) return cell;
  return `'${cell}`;
}
