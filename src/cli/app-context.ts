import { Chalk, supportsColor, supportsColorStderr } from 'chalk';

import { createStderrSink } from '../output/stderr-sink.js';

import type { ChalkInstance } from 'chalk';

import type { ApiClient } from '../api/types.js';
import type { ResolvedProfile } from '../config/types.js';
import type { OutputSink } from '../output/sink.js';
import type { AppContext, GlobalOptions } from './context.js';

export interface AppStreams {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/** The CLI's `AppContext`, plus what the program needs around the command it runs. */
export interface CliContext extends AppContext {
  readonly stdout: AppStreams['stdout'];
  readonly stderr: AppStreams['stderr'];
  /** Colours for stdout: off for pipes, `NO_COLOR` and `--no-color`. */
  stdoutChalk(): ChalkInstance;
  /** Colours for stderr, with the same rules. */
  stderrChalk(): ChalkInstance;
  /** Width of the terminal on stdout, undefined when stdout is not a terminal. */
  stdoutWidth(): number | undefined;
  /** Closes the API connections and stops any spinner, so the process can exit. */
  dispose(): Promise<void>;
}

/**
 * Builds the context every command receives. `readGlobals` reads the global options once
 * commander has parsed them; services are built on first use so `--help` stays fast.
 */
export function createAppContext(streams: AppStreams, readGlobals: () => GlobalOptions): CliContext {
  let sink: (OutputSink & { close(): void }) | undefined;
  let profilePromise: Promise<ResolvedProfile> | undefined;
  let apiPromise: Promise<ApiClient> | undefined;

  function colorLevel(stream: { isTTY?: boolean }, detected: { level: number } | false): 0 | 1 | 2 | 3 {
    const noColor = streams.env.NO_COLOR !== undefined && streams.env.NO_COLOR !== '';
    if (!readGlobals().color || noColor || stream.isTTY !== true || detected === false) return 0;
    return detected.level as 0 | 1 | 2 | 3;
  }

  const context: CliContext = {
    env: streams.env,
    stdin: streams.stdin,
    stdout: streams.stdout,
    stderr: streams.stderr,
    get interactive() {
      return streams.stdin.isTTY === true && streams.stderr.isTTY === true;
    },
    globals: readGlobals,

    sink() {
      const globals = readGlobals();
      sink ??= createStderrSink({
        stream: streams.stderr,
        json: globals.json,
        debug: globals.debug,
        chalk: context.stderrChalk(),
      });
      return sink;
    },

    profile() {
      profilePromise ??= import('../config/profile.js').then(({ resolveProfile }) =>
        resolveProfile({ profileName: readGlobals().profile, env: streams.env }),
      );
      return profilePromise;
    },

    api() {
      apiPromise ??= buildApiClient();
      return apiPromise;
    },

    stdoutChalk: () => new Chalk({ level: colorLevel(streams.stdout, supportsColor) }),
    stderrChalk: () => new Chalk({ level: colorLevel(streams.stderr, supportsColorStderr) }),
    stdoutWidth: () => (streams.stdout.isTTY === true ? streams.stdout.columns : undefined),

    async dispose() {
      sink?.close();
      const api = apiPromise;
      apiPromise = undefined;
      if (api) await api.then((client) => client.close()).catch(() => undefined);
    },
  };

  async function buildApiClient(): Promise<ApiClient> {
    const profile = await context.profile();
    const [{ createTokenProvider }, { createApiClient }, { clientSettingsFromEnv }] = await Promise.all([
      import('../auth/token-provider.js'),
      import('../api/client.js'),
      import('../api/settings.js'),
    ]);
    const settings = clientSettingsFromEnv(streams.env);
    const tokens = await createTokenProvider(profile, { env: streams.env, sink: context.sink() });
    return createApiClient({ apiUrl: profile.apiUrl, tokens, sink: context.sink(), settings, env: streams.env });
  }

  return context;
}
