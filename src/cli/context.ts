import type { ApiClient } from '../api/types.js';
import type { ResolvedProfile } from '../config/types.js';
import type { OutputSink } from '../output/sink.js';

export type OutputFormat = 'table' | 'json' | 'ndjson' | 'csv';

/** Options accepted by every command, read after commander has parsed the command line. */
export interface GlobalOptions {
  profile: string | undefined;
  /** `--json` or `--output json`: results as JSON on stdout, errors as JSON too. */
  json: boolean;
  output: OutputFormat;
  debug: boolean;
  color: boolean;
}

/** Services that commands receive from the program: streams, environment, lazily built clients. */
export interface AppContext {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** True when a person can answer prompts: stdin and stderr are terminals. */
  readonly interactive: boolean;
  globals(): GlobalOptions;
  /** Messages, warnings, debug lines and progress, all on stderr. */
  sink(): OutputSink;
  profile(): Promise<ResolvedProfile>;
  /** The API client for the selected profile, logged in; throws `AuthenticationError` otherwise. */
  api(): Promise<ApiClient>;
}
