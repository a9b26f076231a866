import { open } from 'node:fs/promises';

export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** Facts read from the first bytes of a file. */
export interface FileSignature {
  /**
   * `zip` for .xlsx/.ods (ZIP containers), `ole` for legacy .xls, `pdf`, `binary` for other
   * content that is not text, `text` otherwise.
   */
  container: 'zip' | 'ole' | 'pdf' | 'binary' | 'text';
  /** The encoding named by a byte-order mark, or recognised from UTF-16's zero bytes. */
  encoding: TextEncoding | undefined;
}

const sniffBytes = 64 * 1024;
/** Bytes examined to tell text from binary content and UTF-16 without byte-order mark. */
const signatureBytes = 8 * 1024;
/** Count of valid non-ASCII UTF-8 bytes after which the rest of the file is not scanned. */
const confidentNonAsciiCount = 200;

const boms: [TextEncoding, number[]][] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

/**
 * Reads the first bytes of a file: recognises spreadsheet containers, PDF, binary content, a
 * byte-order mark, and UTF-16 without one (every other byte zero, as in "Unicode text" exports).
 */
export async function readSignature(path: string): Promise<FileSignature> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(signatureBytes);
    const { bytesRead } = await handle.read(buffer, 0, signatureBytes, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }

  const startsWith = (bytes: number[]) => head.subarray(0, bytes.length).equals(Buffer.from(bytes));
  if (startsWith([0x50, 0x4b, 0x03, 0x04])) return { container: 'zip', encoding: undefined };
  if (startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return { container: 'ole', encoding: undefined };
  }
  if (startsWith([0x25, 0x50, 0x44, 0x46])) return { container: 'pdf', encoding: undefined };

  const bom = boms.find(([, bytes]) => startsWith(bytes));
  if (bom) return { container: 'text', encoding: bom[0] };
  const utf16 = detectUtf16WithoutBom(head);
  if (utf16) return { container: 'text', encoding: utf16 };
  return { container: isBinary(head) ? 'binary' : 'text', encoding: undefined };
}

/**
 * Recognises UTF-16 text without a byte-order mark: the text of a CSV file is mostly ASCII, so
 * one byte of each pair is zero. Little-endian puts the zero second, big-endian first.
 */
function detectUtf16WithoutBom(head: Buffer): TextEncoding | undefined {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 2) return undefined;
  let zeroFirst = 0;
  let zeroSecond = 0;
  for (let index = 0; index + 1 < head.length; index += 2) {
    if (head[index] === 0 && head[index + 1] !== 0) zeroFirst += 1;
    if (head[index] !== 0 && head[index + 1] === 0) zeroSecond += 1;
  }
  if (zeroSecond >= pairs * 0.8) return 'utf-16le';
  if (zeroFirst >= pairs * 0.8) return 'utf-16be';
  return undefined;
}

/**
 * Returns whether bytes are not text: any zero byte (outside UTF-16), or more than 1 in 100
 * control characters other than tab, line feed, carriage return and form feed.
 */
function isBinary(head: Buffer): boolean {
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) {
      controls += 1;
    }
  }
  return controls > head.length / 100;
}

/**
 * Tells UTF-8 from Windows-1252 by decoding the file as strict UTF-8 in chunks. The first invalid
 * sequence means Windows-1252. After `confidentNonAsciiCount` valid non-ASCII bytes the file is
 * taken as UTF-8 and the scan stops early. A file of pure ASCII is UTF-8. Memory stays at one chunk.
 */
export async function detectEncoding(path: string): Promise<TextEncoding> {
  const handle = await open(path, 'r');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const buffer = Buffer.alloc(sniffBytes);
  let nonAscii = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, sniffBytes, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return 'windows-1252';
      }
      nonAscii += countNonAscii(chunk);
      if (nonAscii >= confidentNonAsciiCount) return 'utf-8';
    }
  } finally {
    await handle.close();
  }
  try {
    decoder.decode();
    return 'utf-8';
  } catch {
    // A multi-byte sequence cut by the end of the file is not UTF-8.
    return 'windows-1252';
  }
}

function countNonAscii(chunk: Buffer): number {
  let count = 0;
  for (const byte of chunk) if (byte >= 0x80) count += 1;
  return count;
}

export type Delimiter = ';' | '\t' | ',' | '|';

/** The delimiters tried, in the order that breaks ties. */
export const delimiters: readonly Delimiter[] = [';', '\t', ',', '|'];

/** Splits a line on `delimiter` outside double quotes, without unquoting the cells. */
export function splitLine(line: string, delimiter: Delimiter): string[] {
  const cells: string[] = [];
  let quoted = false;
  let start = 0;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index];
    if (character === '"') quoted = !quoted;
    else if (!quoted && character === delimiter) {
      cells.push(line.slice(start, index));
      start = index + 1;
    }
  }
  cells.push(line.slice(start));
  return cells;
}

/**
 * Picks the delimiter that splits the header line into the most columns, outside quotes. Ties go
 * to `;`, tab, `,` then `|`, because files with `;` separators often contain decimal commas.
 */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = delimiters.map((delimiter) => splitLine(headerLine, delimiter).length);
  let best = 0;
  counts.forEach((count, index) => {
    if (count > counts[best]!) best = index;
  });
  return delimiters[best]!;
}
