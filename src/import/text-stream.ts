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
  // iconv-lite strips a byte-order mark by default.
  const decoder = iconv.decodeStream(iconvNames[encoding]);
  const file = createReadStream(path);
  file.on('data', (chunk) => {
    counter.read = Math.min(counter.total, counter.read + chunk.length);
  });
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

/** Drops the first `count` lines of a text stream with LF line ends. */
export async function* skipLines(chunks: AsyncIterable<string>, count: number): AsyncGenerator<string> {
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
