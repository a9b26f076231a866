import { readFile } from 'node:fs/promises';

import { InvalidInputError, UserError } from './errors.js';

/** Reads and parses a JSON document from a file, or from stdin when `path` is `-`. */
export async function readJsonInput(path: string, stdin: NodeJS.ReadableStream): Promise<unknown> {
  const source = path === '-' ? 'stdin' : path;
  const text = path === '-' ? await readStream(stdin) : await readFileText(path);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError(`${source} is not valid JSON: ${reason}`, 'Check the file with `jq . FILE`.');
  }
}

async function readFileText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = describeReadError(error as NodeJS.ErrnoException);
    throw new UserError(`Cannot read ${path}: ${reason}.`, {
      hint: 'Give the path of a JSON file, or - to read from stdin.',
      code: 'file_unreadable',
      cause: error,
    });
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function describeReadError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return 'no such file';
  if (error.code === 'EACCES') return 'permission denied';
  if (error.code === 'EISDIR') return 'it is a directory';
  return error.message;
}
