import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { waitForCallback } from '../../src/auth/wait-for-callback.js';
import { AuthenticationError, InterruptedError } from '../../src/cli/errors.js';
import { createMemorySink } from '../../src/output/sink.js';

import type { CallbackOutcome } from '../../src/auth/callback.js';

const never = new Promise<CallbackOutcome>(() => {});

describe('waiting for the callback', () => {
  it('times out with an authentication error', async () => {
    const waiting = waitForCallback({
      redirect: never,
      expectedState: 's',
      pasted: undefined,
      timeoutMs: 20,
      signal: undefined,
      sink: createMemorySink(),
    });
    await expect(waiting).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('stops on abort with an interruption', async () => {
    const controller = new AbortController();
    const waiting = waitForCallback({
      redirect: never,
      expectedState: 's',
      pasted: undefined,
      timeoutMs: 10_000,
      signal: controller.signal,
      sink: createMemorySink(),
    });
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(InterruptedError);
  });

  it('accepts a pasted address', async () => {
    const pasted = new PassThrough();
    const sink = createMemorySink();
    const waiting = waitForCallback({
      redirect: never,
      expectedState: 's',
      pasted,
      timeoutMs: 10_000,
      signal: undefined,
      sink,
    });
    pasted.write('not an address\n');
    pasted.write('http://127.0.0.1:8765/callback?code=pasted&state=s\n');
    expect(await waiting).toEqual({ kind: 'code', code: 'pasted' });
    expect(sink.lines[0]).toContain('not a redirect address');
  });

  it('checks the state of a pasted address', async () => {
    const pasted = new PassThrough();
    const waiting = waitForCallback({
      redirect: never,
      expectedState: 's',
      pasted,
      timeoutMs: 10_000,
      signal: undefined,
      sink: createMemorySink(),
    });
    pasted.write('code=pasted&state=wrong\n');
    expect((await waiting).kind).toBe('invalid');
  });
});
