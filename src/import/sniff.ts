import { open } from 'node:fs/promises';

export type TextEncoding = 'utf-8' | 'windows-1252';

/** Facts read from the first bytes of a file. */
export interface FileSignature {
  /** `zip` for .xlsx/.ods (ZIP containers), `ole` for legacy .xls, `text` otherwise. */
  container: 'zip' | 'ole' | 'text';
  hasUtf8Bom: boolean;
}

const sniffBytes = 64 * 1024;
/** Count of valid non-ASCII UTF-8 bytes after which the rest of the file is not scanned. */
const confidentNonAsciiCount = 200;

/** Reads the first bytes of a file and recognises spreadsheet containers and a UTF-8 BOM. */
export async function readSignature(path: string): Promise<FileSignature> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buffer, 0, 8, 0);
    const head = buffer.subarray(0, bytesRead);
    let container: FileSignature['container'] = 'text';
    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) container = 'zip';
    if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) container = 'ole';
    const hasUtf8Bom = head.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
    return { container, hasUtf8Bom };
  } finally {
    await handle.close();
  }
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

export type Delimiter = ';' | '\t' | ',';

/**
 * Picks the delimiter that splits the header line into the most columns, outside quotes. Ties go
 * to `;` then tab, because files with `;` separators often contain decimal commas in their data.
 */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ';': 0, '\t': 0, ',': 0 };
  let quoted = false;
  for (const character of headerLine) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && character in counts) counts[character as Delimiter] += 1;
  }
  const order: Delimiter[] = [';', '\t', ','];
  return order.reduce((best, candidate) => (counts[candidate] > counts[best] ? candidate : best));
}
