/** Byte-order mark that makes spreadsheet programs open a CSV file as UTF-8. */
export const utf8Bom = '\ufeff';

/** Formats one CSV line (without its line break), quoting cells that need it. */
export function formatCsvLine(cells: readonly unknown[], delimiter = ';'): string {
  return cells.map((cell) => quoteCell(cell, delimiter)).join(delimiter);
}

function quoteCell(cell: unknown, delimiter: string): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'string' ? cell : String(cell);
  if (text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim()) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}
