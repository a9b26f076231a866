/**
 * Destination of everything core functions output besides their result. The CLI writes these
 * lines to stderr, and under `--json` only warnings and errors. Tests collect them.
 */
export interface OutputSink {
  info(message: string): void;
  warn(message: string): void;
  /** Trace line for `--debug`; callers pass text that is already redacted. */
  debug(message: string): void;
  /**
   * False when `debug` drops its input, so callers can skip building costly trace lines. Sinks
   * that leave it undefined receive every line.
   */
  readonly debugEnabled?: boolean;
  /** Progress of long work: `done` of `total` items in the named stage. */
  progress(stage: string, done: number, total: number): void;
  /** Clears any progress display, before a prompt and when the work ends. */
  endProgress?(): void;
}

/** A sink that drops everything, for callers that want only the result. */
export const silentSink: OutputSink = {
  info() {},
  warn() {},
  debug() {},
  progress() {},
};

/** Creates a sink that records every call, for tests of core functions. */
export function createMemorySink(): OutputSink & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    debug: (message) => lines.push(`debug: ${message}`),
    progress: (stage, done, total) => lines.push(`progress: ${stage} ${done}/${total}`),
    endProgress: () => lines.push('endProgress'),
  };
}
