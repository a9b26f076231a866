import { createInterface } from 'node:readline';

import { AuthenticationError, InterruptedError } from '../cli/errors.js';
import { checkCallback, parsePastedRedirect } from './callback.js';
import { loginCommand } from './login-command.js';

import type { OutputSink } from '../output/sink.js';
import type { CallbackOutcome } from './callback.js';

/**
 * Waits for the first of: the browser's redirect, a redirect address pasted on `pasted` (when
 * given), the timeout, or `signal` (Ctrl-C). Rejects with `AuthenticationError` on timeout and
 * `InterruptedError` on abort. Always detaches from `pasted` before settling.
 */
export async function waitForCallback(options: {
  redirect: Promise<CallbackOutcome>;
  expectedState: string;
  pasted: NodeJS.ReadableStream | undefined;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  sink: OutputSink;
  /** Profile whose login command the timeout hint names; default `default`. */
  profileName?: string;
}): Promise<CallbackOutcome> {
  const cleanups: Array<() => void> = [];
  try {
    return await new Promise<CallbackOutcome>((resolve, reject) => {
      options.redirect.then(resolve, reject);

      const timer = setTimeout(
        () => reject(timeoutError(options.timeoutMs, options.profileName ?? 'default')),
        options.timeoutMs,
      );
      cleanups.push(() => clearTimeout(timer));

      if (options.signal) {
        const onAbort = () => reject(new InterruptedError('Login interrupted.'));
        if (options.signal.aborted) onAbort();
        options.signal.addEventListener('abort', onAbort, { once: true });
        cleanups.push(() => options.signal?.removeEventListener('abort', onAbort));
      }

      if (options.pasted) {
        const lines = createInterface({ input: options.pasted, terminal: false });
        lines.on('line', (line) => {
          const params = parsePastedRedirect(line);
          if (params) resolve(checkCallback(params, options.expectedState));
          else if (line.trim() !== '') {
            options.sink.warn(
              'That is not a redirect address: paste the whole URL containing code= and state=.',
            );
          }
        });
        cleanups.push(() => lines.close());
      }
    });
  } finally {
    for (const cleanup of cleanups) cleanup();
  }
}

function timeoutError(timeoutMs: number, profileName: string): AuthenticationError {
  return new AuthenticationError(
    `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for the browser to come back from eMJPM.`,
    `Run \`${loginCommand(profileName)}\` again. \`--timeout SECONDS\` allows more time, and ` +
      '`--no-browser` lets you paste the address.',
  );
}
