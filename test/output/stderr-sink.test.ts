import { PassThrough } from 'node:stream';

import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';

import { createStderrSink } from '../../src/output/stderr-sink.js';

function capture(options: { json?: boolean; debug?: boolean; now?: () => number } = {}) {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  const sink = createStderrSink({
    stream,
    json: options.json ?? false,
    debug: options.debug ?? false,
    chalk: new Chalk({ level: 0 }),
    now: options.now,
  });
  return { sink, text: () => text };
}

describe('createStderrSink', () => {
  it('writes info lines', () => {
    const { sink, text } = capture();
    sink.info('Deleted 2 mesures.');
    expect(text()).toBe('Deleted 2 mesures.\n');
  });

  it('silences info under --json', () => {
    const { sink, text } = capture({ json: true });
    sink.info('hidden');
    expect(text()).toBe('');
  });

  it('keeps warnings under --json', () => {
    const { sink, text } = capture({ json: true });
    sink.warn('careful');
    expect(text()).toBe('Warning: careful\n');
  });

  it('drops debug lines without --debug', () => {
    const { sink, text } = capture();
    sink.debug('trace');
    expect(text()).toBe('');
  });

  it('writes timestamped debug lines with --debug', () => {
    const { sink, text } = capture({ debug: true, now: () => Date.parse('2025-01-01T00:00:00Z') });
    sink.debug('trace');
    expect(text()).toBe('[debug 2025-01-01T00:00:00.000Z] trace\n');
  });

  it('writes at most one progress line per second', () => {
    let time = Date.parse('2025-01-01T00:00:00Z');
    const { sink, text } = capture({ now: () => time });
    for (let done = 0; done < 10; done += 1) {
      sink.progress('Sending', done, 100);
      time += 250;
    }
    expect(text().trimEnd().split('\n')).toEqual([
      '[2025-01-01T00:00:00.000Z] Sending: 0/100',
      '[2025-01-01T00:00:01.000Z] Sending: 4/100',
      '[2025-01-01T00:00:02.000Z] Sending: 8/100',
    ]);
  });

  it('always writes the final progress line', () => {
    const time = Date.parse('2025-01-01T00:00:00Z');
    const { sink, text } = capture({ now: () => time });
    sink.progress('Sending', 0, 2);
    sink.progress('Sending', 2, 2);
    expect(text()).toContain('Sending: 2/2');
  });

  it('writes no progress under --json', () => {
    const { sink, text } = capture({ json: true });
    sink.progress('Sending', 1, 2);
    expect(text()).toBe('');
  });
});
