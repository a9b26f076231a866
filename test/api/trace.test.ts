import { describe, expect, it } from 'vitest';

import { traceRequest, traceResponse } from '../../src/api/trace.js';
import { createMemorySink } from '../../src/output/sink.js';

describe('trace lines', () => {
  it('skips requests when debug is off', () => {
    const sink = { ...createMemorySink(), debugEnabled: false };
    traceRequest(sink, { method: 'GET', url: 'http://127.0.0.1/x', attempt: 1, headers: {} });
    expect(sink.lines).toEqual([]);
  });

  it('skips responses when debug is off', () => {
    const sink = { ...createMemorySink(), debugEnabled: false };
    traceResponse(sink, {
      method: 'GET',
      url: 'http://127.0.0.1/x',
      status: 200,
      durationMs: 1,
      headers: {},
      body: '{}',
    });
    expect(sink.lines).toEqual([]);
  });

  it('writes requests when debug is on', () => {
    const sink = { ...createMemorySink(), debugEnabled: true };
    traceRequest(sink, { method: 'GET', url: 'http://127.0.0.1/x', attempt: 1, headers: {} });
    expect(sink.lines).toHaveLength(1);
  });
});
