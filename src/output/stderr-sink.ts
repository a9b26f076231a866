import { createPlainProgress, createSpinnerProgress } from './progress.js';

import type { ChalkInstance } from 'chalk';

import type { ProgressDisplay } from './progress.js';
import type { OutputSink } from './sink.js';

export interface StderrSinkOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** Under `--json`, info and progress are silent, warnings are JSON, debug lines still appear. */
  json: boolean;
  debug: boolean;
  chalk: ChalkInstance;
  now?: () => number;
}

/** Creates the CLI's sink, which writes every message on stderr so stdout carries only the result. */
export function createStderrSink(options: StderrSinkOptions): OutputSink & { close(): void } {
  const { stream, json, chalk } = options;
  const now = options.now ?? Date.now;
  let progress: ProgressDisplay | undefined;

  function write(line: string): void {
    const emit = () => stream.write(`${line}\n`);
    if (progress) progress.around(emit);
    else emit();
  }

  return {
    debugEnabled: options.debug,
    info(message) {
      if (!json) write(message);
    },
    warn(message) {
      // Under --json, stderr carries one JSON object per line, so scripts can parse warnings too.
      write(json ? JSON.stringify({ warning: { message } }) : chalk.yellow(`Warning: ${message}`));
    },
    debug(message) {
      if (options.debug) write(chalk.dim(`[debug ${new Date(now()).toISOString()}] ${message}`));
    },
    progress(stage, done, total) {
      if (json) return;
      progress ??= stream.isTTY === true ? createSpinnerProgress(stream) : createPlainProgress(stream, now);
      progress.update(stage, done, total);
    },
    endProgress() {
      progress?.stop();
    },
    close() {
      progress?.stop();
    },
  };
}
