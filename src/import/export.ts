import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

import { listMesuresWithStatus } from '../actions/list-mesures.js';
import { UsageError } from '../cli/errors.js';
import { formatCsvLine, utf8Bom } from './csv-format.js';
import { nativeColumns, nativeRow } from './native-columns.js';
import type { ApiClient, MesureWithStatus } from '../api/types.js';
import type { MesureStatus } from '../mesure/enums.js';
import type { OutputSink } from '../output/sink.js';

export type ExportFormat = 'csv' | 'ndjson' | 'json';

export interface ExportOptions {
  format: ExportFormat;
  /** Only mesures with these statuses; all when empty. */
  statuses: MesureStatus[];
}

/**
 * Lists the user's mesures (with their status) and writes them to `output` in a format that
 * `emjpm mesures import` reads back: CSV in the native columns (UTF-8 with BOM, `;`, CRLF), one
 * mesure per line for NDJSON, or one JSON array. Returns the number of mesures written.
 */
export async function exportMesures(
  api: ApiClient,
  options: ExportOptions,
  output: NodeJS.WritableStream,
  sink: OutputSink,
): Promise<number> {
  const mesures = await listSelected(api, options.statuses, sink);
  if (options.format === 'json') {
    await write(output, `${JSON.stringify(mesures, null, 2)}\n`);
  } else if (options.format === 'ndjson') {
    for (const mesure of mesures) await write(output, `${JSON.stringify(mesure)}\n`);
  } else {
    await write(output, `${utf8Bom}${formatCsvLine(nativeColumns)}\r\n`);
    for (const mesure of mesures) await write(output, `${formatCsvLine(nativeRow(mesure))}\r\n`);
  }
  return mesures.length;
}

async function listSelected(
  api: ApiClient,
  statuses: MesureStatus[],
  sink: OutputSink,
): Promise<MesureWithStatus[]> {
  if (statuses.length === 0) return listMesuresWithStatus(api, {}, sink);
  const selected: MesureWithStatus[] = [];
  for (const status of statuses)
    selected.push(...(await listMesuresWithStatus(api, { status }, sink)));
  return selected.sort((left, right) => left.id - right.id);
}

async function write(output: NodeJS.WritableStream, text: string): Promise<void> {
  if (!output.write(text)) await once(output, 'drain');
}

/** A file opened for writing, and the function that ends it and waits until it is closed. */
export interface OutputFile {
  stream: NodeJS.WritableStream;
  finish(): Promise<void>;
}

/**
 * Opens `path` for writing and returns the stream with a function that waits for it to close.
 * Throws `UsageError` when the file cannot be created.
 */
export async function openOutputFile(path: string): Promise<OutputFile> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new UsageError(
      `Failed to open ${path} for writing: ${(error as Error).message}`,
      'Check that its folder exists and is writable.',
    );
  }
  return {
    stream,
    async finish() {
      const closed = once(stream, 'close');
      stream.end();
      await closed;
    },
  };
}
