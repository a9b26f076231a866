import type { IncomingMessage } from 'node:http';

/** A request body after the JSON and form parsers, which run on every route as in Express. */
export type ParsedBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: Record<string, string | string[]> }
  /** Malformed JSON, an unsupported charset or a body over the limit: production responds 500. */
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
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(
    request.headers['content-type'] ?? '',
  )?.[1];
  if (raw === undefined || (charset && !charset.toLowerCase().startsWith('utf-'))) {
    return { kind: 'invalid' };
  }
  const text = raw.toString('utf8');
  return mediaType === 'application/json'
    ? parseJson(text)
    : { kind: 'form', value: paramsToObject(new URLSearchParams(text)) };
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

/** Parses JSON like body-parser in strict mode: empty is `{}`, only objects and arrays pass. */
function parseJson(text: string): ParsedBody {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { kind: 'json', value: {} };
  }
  if (trimmed[0] !== '{' && trimmed[0] !== '[') {
    return { kind: 'invalid' };
  }
  try {
    return { kind: 'json', value: JSON.parse(trimmed) };
  } catch {
    return { kind: 'invalid' };
  }
}

/** Converts URL parameters to the object Express's parsers give: a repeated key gets an array. */
export function paramsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
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
