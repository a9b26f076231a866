import { UsageError } from './errors.js';

import type { Command } from 'commander';

import type { OutputFormat } from './context.js';

const everyFormat: OutputFormat[] = ['table', 'json', 'ndjson', 'csv'];
const tableOrJson: OutputFormat[] = ['table', 'json'];

/**
 * The `--output` formats each command writes, by command path. A command writes its result as a
 * table (or text) by default, so `table` is always supported.
 */
export const supportedOutputs: Record<string, OutputFormat[]> = {
  'auth status': tableOrJson,
  'auth token': tableOrJson,
  login: tableOrJson,
  logout: tableOrJson,
  'config set': tableOrJson,
  'config unset': tableOrJson,
  'config get': tableOrJson,
  'config list': tableOrJson,
  'config path': tableOrJson,
  doctor: tableOrJson,
  'mesures list': everyFormat,
  'mesures get': everyFormat,
  'mesures create': everyFormat,
  'mesures update': everyFormat,
  'mesures delete': ['table', 'json', 'ndjson'],
  'mesures purge': ['table', 'json', 'ndjson'],
  'mesures import': tableOrJson,
  'mesures export': everyFormat,
  'antennes list': everyFormat,
  'tribunaux list': everyFormat,
  sandbox: ['table'],
};

/**
 * Throws a `UsageError` when `format` is one the command cannot write, naming the ones it can,
 * so that `--output csv` is never ignored. A command missing from `supportedOutputs` accepts
 * every format.
 */
export function checkOutputSupported(command: Command, format: OutputFormat): void {
  const path = commandPath(command);
  const supported = supportedOutputs[path];
  if (supported === undefined || supported.includes(format)) return;
  const option = format === 'json' ? '--json' : `--output ${format}`;
  throw new UsageError(
    `\`emjpm ${path}\` cannot write ${option}: it supports --output ${supported.join(', ')}.`,
    `Run the command again with --output ${supported.at(-1) ?? 'table'} or without --output.`,
  );
}

/** Returns the words of a command below the program, such as `mesures get`. */
export function commandPath(command: Command): string {
  const words: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) {
    words.unshift(current.name());
  }
  return words.join(' ');
}
