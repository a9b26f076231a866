import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';

import { parse } from 'csv-parse';
import iconv from 'iconv-lite';

import { InvalidInputError } from '../cli/errors.js';
import { detectDelimiter, detectEncoding, readSignature } from './sniff.js';
import { normaliseHeader } from './text.js';
import type { Delimiter, TextEncoding } from './sniff.js';

export type ImportFormat = 'emjpm' | 'native' | 'ndjson' | 'map';

/** One data row of a CSV file, keyed by normalised header name (see `normaliseHeader`). */
export interface CsvRow {
  kind: 'csv';
  /** 1-based line where the row starts; quoted fields may span several lines. */
  line: number;
  values: Map<string, string>;
}

/** One line of an NDJSON file, parsed. */
export interface JsonRow {
  kind: 'json';
  line: number;
  value: unknown;
}

export type SourceRow = CsvRow | JsonRow;

/** An input file, opened and recognised, whose rows are read lazily. */
export interface Source {
  path: string;
  format: ImportFormat;
  encoding: TextEncoding;
  /** Undefined for NDJSON. */
  delimiter: Delimiter | undefined;
  /** Normalised header names, in file order, without the empty trailing ones. */
  headers: string[];
  /** The header as written in the file, by normalised name, for messages. */
  headerLabels: Map<string, string>;
  rows: AsyncIterable<SourceRow>;
  /** Bytes of the file read so far and in all, for progress. */
  bytes(): { read: number; total: number };
}

export interface OpenSourceOptions {
  /** `--format`; detected from the extension and the header when absent. */
  format?: Exclude<ImportFormat, 'map'>;
  /** True with `--map`: the header names are those of the mapping file. */
  mapped?: boolean;
}

/**
 * Opens an input file for a streaming import: rejects spreadsheets, detects the encoding
 * (UTF-8 with or without BOM, else Windows-1252), the delimiter, the header and the format.
 * The rows are parsed as they are iterated, so memory does not grow with the file.
 */
export async function openSource(path: string, options: OpenSourceOptions = {}): Promise<Source> {
  const signature = await readSignature(path).catch((error: unknown) => {
    throw new InvalidInputError(`Failed to read ${path}: ${(error as Error).message}`);
  });
  if (signature.container !== 'text') {
    throw new InvalidInputError(
      `${path} is an Excel workbook, not a CSV file.`,
      'Open it in your spreadsheet program and save it as "CSV UTF-8" with ";" as separator, then import the .csv file.',
    );
  }

  const encoding = signature.hasUtf8Bom ? 'utf-8' : await detectEncoding(path);
  const counter = { read: 0, total: (await stat(path)).size };
  const bytes = () => ({ ...counter });
  const chunks = peekable(normaliseLineEndings(decodeFile(path, encoding, counter)));
  const head = await chunks.peekUntil((text) => /\S/.test(text) && text.trimStart().includes('\n'));
  const isJson = options.format === 'ndjson' || isNdjsonPath(path) || head.trimStart().startsWith('{');

  if (isJson && !options.mapped) {
    if (options.format && options.format !== 'ndjson') {
      throw new InvalidInputError(`${path} contains JSON lines, not ${options.format} CSV.`, 'Use --format ndjson.');
    }
    return { path, format: 'ndjson', encoding, delimiter: undefined, headers: [], headerLabels: new Map(), rows: readJsonRows(chunks), bytes };
  }

  const delimiter = detectDelimiter(head.trimStart().split('\n', 1)[0] ?? '');
  const records = readCsvRecords(chunks, delimiter);
  const first = await records.next();
  if (first.done) throw new InvalidInputError(`${path} is empty: it has no header line.`);
  const headers = first.value.cells.map(normaliseHeader);
  const headerLabels = new Map(headers.map((header, index) => [header, first.value.cells[index]!.replace(/^\ufeff/, '').trim()]));
  const format = options.mapped ? 'map' : (options.format ?? detectFormat(path, headers));
  return {
    path,
    format,
    encoding,
    delimiter,
    headers: headers.filter((header) => header !== ''),
    headerLabels,
    rows: toCsvRows(records, headers),
    bytes,
  };
}

/**
 * Recognises the format from the header: the native export has the état columns
 * (`nature_mesure`, `lieu_vie`), the eMJPM template has `type` and `residence`.
 */
function detectFormat(path: string, headers: string[]): 'emjpm' | 'native' {
  if (headers.includes('nature_mesure') || headers.includes('lieu_vie')) return 'native';
  if (headers.includes('type') || headers.includes('residence') || headers.includes('date_ouverture')) {
    return 'emjpm';
  }
  throw new InvalidInputError(
    `Cannot tell the format of ${path} from its header (${headers.filter(Boolean).join(', ')}).`,
    'Use the eMJPM template columns, the columns of `emjpm mesures export --output csv`, or describe your columns with --map MAP.json.',
  );
}

function isNdjsonPath(path: string): boolean {
  return ['.ndjson', '.jsonl'].includes(extname(path).toLowerCase());
}

async function* decodeFile(path: string, encoding: TextEncoding, counter: { read: number }): AsyncGenerator<string> {
  // iconv-lite strips a UTF-8 byte-order mark by default.
  const decoder = iconv.decodeStream(encoding === 'utf-8' ? 'utf8' : 'win1252');
  const file = createReadStream(path);
  file.on('data', (chunk) => (counter.read += chunk.length));
  const stream = file.pipe(decoder);
  for await (const chunk of stream) yield String(chunk);
}

/** Turns CRLF and lone CR into LF, so that line numbers and multi-line cells read alike. */
async function* normaliseLineEndings(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let pendingCarriageReturn = false;
  for await (const chunk of chunks) {
    let text: string = pendingCarriageReturn ? `\r${chunk}` : chunk;
    pendingCarriageReturn = text.endsWith('\r');
    if (pendingCarriageReturn) text = text.slice(0, -1);
    yield text.replace(/\r\n?/g, '\n');
  }
  if (pendingCarriageReturn) yield '\n';
}

interface Peekable extends AsyncIterable<string> {
  /** Buffers chunks until `done(buffered)` is true or the input ends, and returns the buffered text. */
  peekUntil(done: (buffered: string) => boolean): Promise<string>;
}

function peekable(chunks: AsyncGenerator<string>): Peekable {
  let buffered = '';
  return {
    async peekUntil(done) {
      while (!done(buffered)) {
        const next = await chunks.next();
        if (next.done) break;
        buffered += next.value;
      }
      return buffered;
    },
    async *[Symbol.asyncIterator]() {
      if (buffered !== '') yield buffered;
      buffered = '';
      yield* chunks;
    },
  };
}

interface CsvRecord {
  line: number;
  cells: string[];
}

async function* readCsvRecords(chunks: AsyncIterable<string>, delimiter: Delimiter): AsyncGenerator<CsvRecord> {
  const parser = Readable.from(chunks).pipe(
    parse({ delimiter, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // csv-parse gives the line where the record ends; go back over the line breaks it spans.
      const spannedLines = record.reduce((sum, cell) => sum + countLineBreaks(cell), 0);
      yield { line: info.lines - spannedLines, cells: record };
    }
  } catch (error) {
    throw new InvalidInputError(`Cannot parse the CSV file: ${(error as Error).message}`);
  }
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}

async function* toCsvRows(records: AsyncGenerator<CsvRecord>, headers: string[]): AsyncGenerator<CsvRow> {
  for await (const { line, cells } of records) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    const values = new Map<string, string>();
    cells.forEach((cell, index) => {
      const header = headers[index];
      if (header && !values.has(header)) values.set(header, cell);
    });
    yield { kind: 'csv', line, values };
  }
}

async function* readJsonRows(chunks: AsyncIterable<string>): AsyncGenerator<JsonRow> {
  let line = 0;
  let rest = '';
  const parseLine = (text: string): JsonRow | undefined => {
    line += 1;
    if (text.trim() === '') return undefined;
    try {
      return { kind: 'json', line, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { kind: 'json', line, value: new SyntaxError((error as Error).message) };
    }
  };
  for await (const chunk of chunks) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const text of lines) {
      const row = parseLine(text);
      if (row) yield row;
    }
  }
  const last = parseLine(rest);
  if (last) yield last;
}
