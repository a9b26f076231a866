import { gunzipSync, inflateSync } from 'node:zlib';

import iconv from 'iconv-lite';

import type { IncomingMessage } from 'node:http';

/** A request body after the JSON and form parsers, which run on every route as in Express. */
export type ParsedBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: Record<string, string | string[]> }
  /** Malformed JSON, an unsupported charset or encoding, or a body over the limit: a 500. */
  | { kind: 'invalid' };

/** The production parsers' limit: 10 MB. */
export const BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/** Returns the media type of a request, lower-cased, without parameters. */
export function mediaTypeOf(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Reads and parses the body when its media type is JSON or a form; drains any other body. */
export async function readBody(request: IncomingMessage): Promise<ParsedBody> {
  const mediaType = mediaTypeOf(request);
  const hasBody =
    request.headers['transfer-encoding'] !== undefined ||
    request.headers['content-length'] !== undefined;
  const parsed =
    mediaType === 'application/json' || mediaType === 'application/x-www-form-urlencoded';
  if (!hasBody || !parsed) {
    request.resume();
    return { kind: 'none' };
  }

  // Like body-parser, a rejected body is still read to its end before the error is sent.
  const raw = await readLimited(request);
  const text = raw && decodeBody(raw, request, mediaType);
  if (text === undefined) {
    return { kind: 'invalid' };
  }
  return mediaType === 'application/json'
    ? parseJson(text)
    : { kind: 'form', value: paramsToObject(new URLSearchParams(text)) };
}

/**
 * Inflates and decodes a body as body-parser 1.x does, or returns undefined where it fails:
 * gzip and deflate are inflated within the limit, JSON accepts any `utf-*` charset that
 * iconv-lite supports and forms only UTF-8. A leading byte-order mark is dropped.
 */
function decodeBody(raw: Buffer, request: IncomingMessage, mediaType: string): string | undefined {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  let bytes: Buffer;
  try {
    if (encoding === 'identity') {
      bytes = raw;
    } else if (encoding === 'gzip') {
      bytes = gunzipSync(raw, { maxOutputLength: BODY_LIMIT_BYTES });
    } else if (encoding === 'deflate') {
      bytes = inflateSync(raw, { maxOutputLength: BODY_LIMIT_BYTES });
    } else {
      return undefined;
    }
  } catch {
    return undefined;
  }

  const charset = (
    /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1] ?? 'utf-8'
  ).toLowerCase();
  const supported =
    mediaType === 'application/json'
      ? charset.startsWith('utf-') && iconv.encodingExists(charset)
      : charset === 'utf-8';
  return supported ? iconv.decode(bytes, charset) : undefined;
}

/** Reads the whole body, keeping it only while it stays within the limit. */
function readLimited(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) {
        chunks.push(chunk);
      }
    });
    request.on('end', () => resolve(size <= BODY_LIMIT_BYTES ? Buffer.concat(chunks) : undefined));
    request.on('error', reject);
  });
}

/**
 * Parses JSON like body-parser in strict mode: an empty body is `{}`, and after JSON's own
 * whitespace only an object or an array passes, so a blank body fails.
 */
function parseJson(text: string): ParsedBody {
  if (text.length === 0) {
    return { kind: 'json', value: {} };
  }
  const first = /^[\x20\x09\x0a\x0d]*(.)/s.exec(text)?.[1];
  if (first !== '{' && first !== '[') {
    return { kind: 'invalid' };
  }
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'invalid' };
  }
}

/** Converts URL parameters to the object Express's parsers give: a repeated key gets an array. */
export function paramsToObject(params: URLSearchParams): Record<string, string | string[]> {
  // No prototype, so that a key such as `__proto__` stays an ordinary field.
  const fields: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of params) {
    const previous = fields[key];
    if (previous === undefined) {
      fields[key] = value;
    } else {
      fields[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
    }
  }
  return fields;
}
