import { stat } from 'node:fs/promises';
import { extname } from 'node:path';

import { InvalidInputError } from '../cli/errors.js';
import { readCsvRecords } from './csv-records.js';
import { columnAliases } from './fields.js';
import {
  builtInColumnNames,
  headerSearchLines,
  locateHeader,
  nameOfKey,
  readHeader,
} from './header.js';
import { readJsonArrayRows, readNdjsonRows } from './json-rows.js';
import { detectEncoding, readSignature } from './sniff.js';
import { normaliseHeader } from './text.js';
import { peekable, readText, skipLines } from './text-stream.js';
import type { CsvRecord, StrayQuote } from './csv-records.js';
import type { Header } from './header.js';
import type { JsonRow } from './json-rows.js';
import type { Delimiter, FileSignature, TextEncoding } from './sniff.js';

export type { JsonRow } from './json-rows.js';

/** `json` is a JSON array of mesures, as `emjpm mesures export --output json` writes. */
export type ImportFormat = 'emjpm' | 'native' | 'ndjson' | 'json' | 'map';

/** One data row of a CSV file, keyed by header key (see `Header.keys`). */
export interface CsvRow {
  kind: 'csv';
  /** 1-based line where the row starts; quoted fields may span several lines. */
  line: number;
  values: Map<string, string>;
  /** The reason the row could not be split into cells. Such a row is invalid and `values` empty. */
  readError?: { column: string; value: string; message: string };
  /** True for a line that repeats the header, as in files made of several exports. */
  repeatsHeader?: boolean;
  /**
   * Set when the row has more cells than the header has columns, the extra ones empty: harmless
   * alone, but the likely cause when the row's values are invalid.
   */
  surplusCells?: { cells: number; columns: number };
}

export type SourceRow = CsvRow | JsonRow;

/** An input file, opened and recognised, whose rows are read lazily. */
export interface Source {
  path: string;
  format: ImportFormat;
  encoding: TextEncoding;
  /** Undefined for JSON. */
  delimiter: Delimiter | undefined;
  /** 1-based line of the header; 0 for JSON. */
  headerLine: number;
  /** Header keys (see `Header.keys`), in file order, without the unnamed columns. */
  headers: string[];
  /** The header as written in the file, by key, for messages. */
  headerLabels: Map<string, string>;
  /** Normalised names given to more than one column, with their 1-based column numbers. */
  repeatedColumns: Map<string, number[]>;
  rows: AsyncIterable<SourceRow>;
  /** Bytes of the file read so far and in all, for progress. */
  bytes(): { read: number; total: number };
}

export interface OpenSourceOptions {
  /** `--format`; detected from the extension and the content when absent. */
  format?: Exclude<ImportFormat, 'map'>;
  /** With `--map`: the normalised column names the mapping file reads, to find the header. */
  mappedColumns?: readonly string[];
}

/** Characters read ahead to find the header and recognise JSON. */
const headText = 256 * 1024;

/**
 * Opens an input file for a streaming import: rejects spreadsheets and binary files, detects the
 * encoding (a byte-order mark, UTF-16, UTF-8, else Windows-1252), JSON or CSV, the header line
 * (after any title lines), the delimiter and the format. The rows are parsed as they are
 * iterated, so memory does not grow with the file.
 */
export async function openSource(path: string, options: OpenSourceOptions = {}): Promise<Source> {
  const signature = await readFileSignature(path);
  rejectNonText(path, signature.container);
  const encoding = signature.encoding ?? (await detectEncoding(path));
  const counter = { read: 0, total: (await stat(path)).size };
  const openText = (skippedLines: number) => readText(path, encoding, counter, skippedLines);
  const chunks = peekable(openText(0));
  const head = await chunks.peekUntil(
    (text) => text.length > headText || countLines(text) > headerSearchLines,
  );
  if (head.trim() === '') {
    const content = counter.total === 0 ? 'is empty' : 'contains only blank lines';
    throw new InvalidInputError(`${path} ${content}: it has no header line and no mesures.`);
  }

  if (head.trimStart().startsWith('<')) {
    throw new InvalidInputError(
      `${path} is an HTML or XML document, as some programs export for Excel, not a CSV file.`,
      `Open it in your spreadsheet program and ${saveAsCsv}.`,
    );
  }

  const base = {
    path,
    encoding,
    headerLine: 0,
    headers: [],
    headerLabels: new Map(),
    repeatedColumns: new Map(),
  };
  const bytes = () => ({ ...counter });
  const start = head.trimStart()[0];
  const csvFormat = options.format === 'emjpm' || options.format === 'native';
  const isJson =
    options.format === 'ndjson' ||
    options.format === 'json' ||
    (isJsonPath(path) && !csvFormat) ||
    start === '{' ||
    start === '[';
  if (isJson && !options.mappedColumns) {
    if (csvFormat) {
      throw new InvalidInputError(
        `${path} contains JSON, not ${options.format} CSV.`,
        'Use --format ndjson.',
      );
    }
    if (start === '[') {
      return {
        ...base,
        format: 'json',
        delimiter: undefined,
        rows: readJsonArrayRows(chunks),
        bytes,
      };
    }
    return { ...base, format: 'ndjson', delimiter: undefined, rows: readNdjsonRows(chunks), bytes };
  }

  const expected = options.mappedColumns ? new Set(options.mappedColumns) : builtInColumnNames;
  const location = locateHeader(head.split('\n'), expected)!;
  const records = readCsvRecords(
    skipLines(chunks, location.index),
    openText,
    location.delimiter,
    location.index,
  );
  const first = await records.next();
  if (!first.done && first.value.strayQuote) {
    throw new InvalidInputError(
      `The header of ${path}, line ${location.index + 1}, has a quote (") that is never closed.`,
      'Remove the quote from the header line, or write it twice ("") if it belongs to a column name.',
    );
  }
  const header = readHeader(first.done ? [] : first.value.cells);
  if (header.labels.size === 0) {
    throw new InvalidInputError(
      `${path} has no column names: line ${location.index + 1}, where the header should be, has only empty cells.`,
      'Put the column names of the eMJPM template on the first line, such as date_nomination;type;ville.',
    );
  }
  const format = options.mappedColumns
    ? 'map'
    : (options.format ?? detectFormat(path, header.keys));
  return {
    ...base,
    format,
    delimiter: location.delimiter,
    headerLine: first.value.line,
    headers: header.keys.filter((key) => key !== ''),
    headerLabels: header.labels,
    repeatedColumns: header.repeated,
    rows: toCsvRows(records, header, location.delimiter),
    bytes,
  };
}

/** Reads the first bytes of the file, turning a missing file or a folder into a clear error. */
async function readFileSignature(path: string): Promise<FileSignature> {
  try {
    return await readSignature(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new InvalidInputError(
        `File not found: ${path}.`,
        'Check the path and the name of the file.',
      );
    }
    if (code === 'EISDIR') {
      throw new InvalidInputError(
        `${path} is a folder, not a file.`,
        'Give the path of the CSV or NDJSON file inside it.',
      );
    }
    throw new InvalidInputError(`Failed to read ${path}: ${(error as Error).message}`);
  }
}

const saveAsCsv = 'save it as "CSV UTF-8" with ";" as separator, then import the .csv file';

function rejectNonText(path: string, container: FileSignature['container']): void {
  if (container === 'zip' || container === 'ole') {
    throw new InvalidInputError(
      `${path} is an Excel workbook, not a CSV file.`,
      `Open it in your spreadsheet program and ${saveAsCsv}.`,
    );
  }
  if (container === 'pdf') {
    throw new InvalidInputError(
      `${path} is a PDF document, not a CSV file.`,
      'Export the mesures from your business software as CSV or NDJSON instead.',
    );
  }
  if (container === 'binary') {
    throw new InvalidInputError(
      `${path} is not a text file: it contains binary data.`,
      `Export the mesures as CSV or NDJSON. A spreadsheet file must be opened in its program first: ${saveAsCsv}.`,
    );
  }
}

/**
 * Recognises the format from the header: the native export has `nature_mesure` (the CSV of
 * `mesures list` has `etat.nature_mesure`), the eMJPM template has `type` (or `type_mesure`),
 * `residence` or `date_ouverture`. Else a `lieu_vie` column means the native format.
 */
function detectFormat(path: string, headers: string[]): 'emjpm' | 'native' {
  const names = headers.map((key) => {
    const name = nameOfKey(key);
    return columnAliases[name] ?? name;
  });
  if (names.includes('nature_mesure')) return 'native';
  if (names.includes('type')) return 'emjpm';
  if (headers.some((key) => ['residence', 'date_ouverture'].includes(nameOfKey(key)))) {
    return 'emjpm';
  }
  if (names.includes('lieu_vie')) return 'native';
  throw new InvalidInputError(
    `Cannot tell the format of ${path} from its header (${headers.filter(Boolean).join(', ')}).`,
    'Use the eMJPM template columns, the columns of `emjpm mesures export --output csv`, or describe your columns with --map MAP.json.',
  );
}

function isJsonPath(path: string): boolean {
  return ['.ndjson', '.jsonl', '.json'].includes(extname(path).toLowerCase());
}

function countLines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
    count += 1;
  return count;
}

async function* toCsvRows(
  records: AsyncGenerator<CsvRecord>,
  header: Header,
  delimiter: Delimiter,
): AsyncGenerator<CsvRow> {
  const labelOf = (index: number) =>
    header.labels.get(header.keys[index] ?? '') ?? `column ${index + 1}`;
  const headerNames = header.keys.map(nameOfKey);
  for await (const record of records) {
    const { line, cells } = record;
    if (record.strayQuote) {
      yield {
        kind: 'csv',
        line,
        values: new Map(),
        readError: describeStrayQuote(record.strayQuote, line, labelOf),
      };
      continue;
    }
    if (cells.every((cell) => cell.trim() === '')) continue;
    if (isHeaderAgain(cells, headerNames)) {
      yield { kind: 'csv', line, values: new Map(), repeatsHeader: true };
      continue;
    }
    const readError = checkCells(cells, header, delimiter);
    if (readError) {
      yield { kind: 'csv', line, values: new Map(), readError };
      continue;
    }
    const values = new Map<string, string>();
    cells.forEach((cell, index) => {
      const key = header.keys[index];
      if (key) values.set(key, cell);
    });
    const columns = header.keys.length;
    const surplusCells = cells.length > columns ? { cells: cells.length, columns } : undefined;
    yield { kind: 'csv', line, values, surplusCells };
  }
}

/**
 * Tells whether a row repeats the header: each cell names its column, and more than one cell is
 * filled. Cells are normalised one at a time and the check stops at the first that differs, so a
 * data row usually costs one normalisation.
 */
function isHeaderAgain(cells: readonly string[], headerNames: readonly string[]): boolean {
  for (let index = 0; index < headerNames.length; index += 1) {
    const cell = cells[index];
    const name = cell === undefined ? '' : normaliseHeader(cell);
    if (name !== headerNames[index]) return false;
  }
  let named = 0;
  for (const cell of cells) if (normaliseHeader(cell) !== '') named += 1;
  return named > 1;
}

/**
 * Finds non-empty cells beyond the header's columns: a delimiter inside an unquoted cell shifts
 * the cells after it, so the row cannot be trusted.
 */
function checkCells(
  cells: readonly string[],
  header: Header,
  delimiter: Delimiter,
): CsvRow['readError'] {
  const extra = cells.slice(header.keys.length).filter((cell) => cell.trim() !== '');
  if (extra.length === 0) return undefined;
  return {
    column: '',
    value: extra.join(delimiter),
    message: `the row has ${cells.length} cells but the header has ${header.keys.length} columns, so its cells may be shifted: a cell probably contains an unquoted "${shownDelimiter(delimiter)}". Put that cell in double quotes, or remove the cells after the last column`,
  };
}

function describeStrayQuote(
  quote: StrayQuote,
  line: number,
  labelOf: (index: number) => string,
): NonNullable<CsvRow['readError']> {
  const column = labelOf(quote.column);
  const fix = 'remove that quote, or write it twice ("") if it belongs to the text';
  const message =
    quote.joinedUntil === undefined
      ? `a quote (") opens the cell in column ${column} and is never closed, so the rest of the file would be one cell: ${fix}. The next lines were read on their own`
      : `a quote (") opens the cell in column ${column} and joins lines ${line} to ${quote.joinedUntil} into one cell: ${fix}. The next lines were read on their own`;
  return { column, value: quote.value, message };
}

/** Names a delimiter for messages: the tab by its name. */
export function shownDelimiter(delimiter: Delimiter | undefined): string {
  return delimiter === '\t' ? 'tab' : (delimiter ?? ';');
}
