/**
 * Renders a header row and data rows as CSV (RFC 4180): `,` between fields, CRLF after each
 * record, and fields containing `"`, `,`, CR or LF quoted with inner quotes doubled.
 */
export function renderCsv(headers: string[], rows: string[][]): string {
  return [headers, ...rows].map((row) => row.map(quoteField).join(',') + '\r\n').join('');
}

function quoteField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
