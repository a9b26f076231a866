import { Readable } from 'node:stream';

import { CsvError, parse } from 'csv-parse';

import { InvalidInputError } from '../cli/errors.js';
import type { Delimiter } from './sniff.js';

/** One record of a CSV file, split into cells. */
export interface CsvRecord {
  /** 1-based line of the file where the record starts. Quoted cells may span several lines. */
  line: number;
  cells: string[];
  /**
   * Set when a quote opens a cell of this line by mistake: it is never closed, or it joins the
   * next lines into one cell. `cells` is then empty, and reading goes on at the next line.
   */
  strayQuote?: StrayQuote;
}

export interface StrayQuote {
  /** 0-based column of the cell that the quote opens. */
  column: number;
  /** The text from the quote on, cut after 200 characters, for messages. */
  value: string;
  /** The last line that the quote joined to this one, or undefined when it is never closed. */
  joinedUntil?: number;
}

/** Opens the text of the file from line `skippedLines + 1`, with LF line ends. */
export type TextOpener = (skippedLines: number) => AsyncIterable<string>;

/**
 * Stray quotes after which the file is rejected, because each one makes the reader go over the
 * file again.
 */
const maxStrayQuotes = 20;

/**
 * Parses the CSV records of `text`, whose first line is line `skippedLines + 1` of the file. The
 * first record is the header. A quote that opens a cell by mistake makes the parser read the next
 * lines, up to the next quote or the end of the file, as one cell. So the record that starts on
 * that line is returned with `strayQuote`, and parsing starts again on the next line, read afresh
 * with `openText`. Throws `InvalidInputError` for other CSV syntax errors, naming the line.
 */
export async function* readCsvRecords(
  text: AsyncIterable<string>,
  openText: TextOpener,
  delimiter: Delimiter,
  skippedLines: number,
): AsyncGenerator<CsvRecord> {
  let input = text;
  let offset = skippedLines;
  let headerColumns: number | undefined;
  for (let strayQuotes = 0; ; strayQuotes += 1) {
    let lastLine = offset;
    let returned = 0;
    let restart: CsvRecord | undefined;
    try {
      for await (const parsed of parseRecords(input, delimiter)) {
        const record = toRecord(parsed, offset);
        headerColumns ??= record.cells.length;
        const joined = findJoinedCell(record.cells, delimiter, headerColumns);
        if (joined !== undefined) {
          const joinedUntil = offset + parsed.info.lines;
          const value = shorten(record.cells[joined]!);
          restart = {
            line: record.line,
            cells: [],
            strayQuote: { column: joined, value, joinedUntil },
          };
          break;
        }
        lastLine = offset + parsed.info.lines;
        returned += 1;
        yield record;
      }
      if (!restart) return;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      if (error.code !== 'CSV_QUOTE_NOT_CLOSED') {
        throw new InvalidInputError(
          `Cannot read the CSV file after line ${lastLine}: ${error.message}`,
        );
      }
      // The stream's error drops the records parsed but not yet read: parse them again.
      const complete = typeof error.records === 'number' ? error.records : returned;
      if (complete > returned) {
        const range = { from: returned + 1, to: complete };
        for await (const parsed of parseRecords(openText(offset), delimiter, range)) {
          lastLine = offset + parsed.info.lines;
          yield toRecord(parsed, offset);
        }
      }
      const broken = await firstNonBlankLine(openText(lastLine), lastLine);
      const { column, start } = findUnclosedQuote(broken.text, delimiter);
      const value = shorten(broken.text.slice(start));
      restart = { line: broken.line, cells: [], strayQuote: { column, value } };
    }

    if (strayQuotes === maxStrayQuotes) {
      throw new InvalidInputError(
        `The file has more than ${maxStrayQuotes} quotes (") that open a cell by mistake, the last one on line ${restart.line}.`,
        'Check that the file is a CSV file, and save it again from your spreadsheet program.',
      );
    }
    yield restart;
    offset = restart.line;
    input = openText(offset);
  }
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Parses records. `range` keeps only the records from `from` to `to` (1-based, inclusive). */
function parseRecords(
  text: AsyncIterable<string>,
  delimiter: Delimiter,
  range: { from: number; to: number } | undefined = undefined,
): AsyncIterable<ParsedRecord> {
  const parser = parse({
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    ...range,
  });
  return Readable.from(text).pipe(parser) as AsyncIterable<ParsedRecord>;
}

function toRecord({ record, info }: ParsedRecord, offset: number): CsvRecord {
  // csv-parse gives the line where the record ends; go back over the line breaks it spans.
  return { line: offset + info.lines - countLineBreaks(record), cells: record };
}

/**
 * Returns the column of a cell that looks like several rows joined by a stray quote: it spans
 * lines and contains at least half as many delimiters as the header has columns (two at least).
 * A cell that legitimately spans lines, such as an address, contains few delimiters.
 */
function findJoinedCell(
  cells: readonly string[],
  delimiter: Delimiter,
  headerColumns: number,
): number | undefined {
  const threshold = Math.max(2, Math.floor(headerColumns / 2));
  const index = cells.findIndex(
    (cell) => cell.includes('\n') && cell.split(delimiter).length - 1 >= threshold,
  );
  return index === -1 ? undefined : index;
}

/**
 * Finds the quote still open at the end of `line`: the 0-based column of its cell and its index
 * in the line.
 */
function findUnclosedQuote(line: string, delimiter: Delimiter): { column: number; start: number } {
  let column = 0;
  let opened = { column: 0, start: 0 };
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index];
    if (character === '"') {
      if (!quoted) opened = { column, start: index };
      quoted = !quoted;
    } else if (character === delimiter && !quoted) {
      column += 1;
    }
  }
  return opened;
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Returns the first non-blank line of `text`, which starts after line `offset` of the file. */
async function firstNonBlankLine(
  text: AsyncIterable<string>,
  offset: number,
): Promise<{ line: number; text: string }> {
  let line = offset + 1;
  let current = '';
  for await (const chunk of text) {
    for (const character of chunk) {
      if (character !== '\n') {
        current += character;
        continue;
      }
      if (current.trim() !== '') return { line, text: current };
      line += 1;
      current = '';
    }
  }
  return { line, text: current };
}

function countLineBreaks(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    for (let index = cell.indexOf('\n'); index !== -1; index = cell.indexOf('\n', index + 1)) {
      count += 1;
    }
  }
  return count;
}
