import { createReadStream } from 'node:fs';

import iconv from 'iconv-lite';

import type { TextEncoding } from './sniff.js';

/** Bytes of the file read so far, shared by every pass over the file, for progress. */
export interface ByteCounter {
  read: number;
  total: number;
}

const iconvNames: Record<TextEncoding, string> = {
  'utf-8': 'utf8',
  'windows-1252': 'win1252',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
};

/**
 * Streams a file as text with LF line ends, without its byte-order mark, from line
 * `skippedLines + 1` on. The lines before are read and dropped, which costs one pass over them.
 */
export function readText(
  path: string,
  encoding: TextEncoding,
  counter: ByteCounter,
  skippedLines = 0,
): AsyncGenerator<string> {
  const text = normaliseLineEndings(decodeFile(path, encoding, counter));
  return skippedLines > 0 ? skipLines(text, skippedLines) : text;
}

async function* decodeFile(
  path: string,
  encoding: TextEncoding,
  counter: ByteCounter,
): AsyncGenerator<string> {
  const file = createReadStream(path);
  file.on('data', (chunk) => {
    counter.read = Math.min(counter.total, counter.read + chunk.length);
  });
  if (encoding === 'windows-1252') {
    yield* decodeLineByLine(file);
    return;
  }
  // iconv-lite strips a byte-order mark by default.
  const stream = file.pipe(iconv.decodeStream(iconvNames[encoding]));
  for await (const chunk of stream) yield String(chunk);
}

/**
 * Decodes each line that is valid UTF-8 as UTF-8 and the others as Windows-1252. A file that is
 * not UTF-8 as a whole is often a Windows-1252 export with lines pasted from UTF-8 text, and a
 * Windows-1252 line of French text is almost never valid UTF-8 by chance.
 */
async function* decodeLineByLine(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of bytes) {
    const data: Buffer = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    const end = data.lastIndexOf(0x0a);
    if (end === -1) {
      rest = data;
      continue;
    }
    rest = data.subarray(end + 1);
    yield decodeLines(data.subarray(0, end + 1));
  }
  if (rest.length > 0) yield decodeLines(rest);
}

/** Decodes whole lines, at once when they are all UTF-8, else one by one. */
function decodeLines(lines: Buffer): string {
  const decoded = decodeUtf8(lines);
  if (decoded !== undefined) return decoded;
  const parts: string[] = [];
  for (let start = 0; start < lines.length;) {
    const next = lines.indexOf(0x0a, start);
    const end = next === -1 ? lines.length : next + 1;
    const line = lines.subarray(start, end);
    parts.push(decodeUtf8(line) ?? iconv.decode(line, iconvNames['windows-1252']));
    start = end;
  }
  return parts.join('');
}

/**
 * Decodes a small file read whole: UTF-8 with or without byte-order mark, else Windows-1252, as
 * Windows editors save text.
 */
export function decodeSmallFile(bytes: Buffer): string {
  const text = decodeUtf8(bytes) ?? iconv.decode(bytes, iconvNames['windows-1252']);
  return text.replace(/^\ufeff/, '');
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
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

/** Drops the first `count` lines of a text stream with LF line ends. */
export async function* skipLines(
  chunks: AsyncIterable<string>,
  count: number,
): AsyncGenerator<string> {
  let remaining = count;
  for await (const chunk of chunks) {
    if (remaining === 0) {
      yield chunk;
      continue;
    }
    let index = 0;
    while (remaining > 0) {
      const next = chunk.indexOf('\n', index);
      if (next === -1) break;
      index = next + 1;
      remaining -= 1;
    }
    if (remaining === 0 && index < chunk.length) yield chunk.slice(index);
  }
}

/** A text stream whose first chunks can be read ahead and are then replayed. */
export interface Peekable extends AsyncIterable<string> {
  /** Buffers chunks until `done(buffered)` is true or the input ends, and returns the buffered text. */
  peekUntil(done: (buffered: string) => boolean): Promise<string>;
}

export function peekable(chunks: AsyncGenerator<string>): Peekable {
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
