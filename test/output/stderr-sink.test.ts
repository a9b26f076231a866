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

  it('writes warnings as text', () => {
    const { sink, text } = capture();
    sink.warn('careful');
    expect(text()).toBe('Warning: careful\n');
  });

  it('writes warnings as JSON under --json', () => {
    const { sink, text } = capture({ json: true });
    sink.warn('careful');
    expect(text()).toBe('{"warning":{"message":"careful"}}\n');
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
      '[2025-01-01T00:00:01.000Z] Sending: 4/100',
      '[2025-01-01T00:00:02.000Z] Sending: 8/100',
    ]);
  });

  it('writes nothing for a stage done within a second', () => {
    const time = Date.parse('2025-01-01T00:00:00Z');
    const { sink, text } = capture({ now: () => time });
    sink.progress('Listing', 0, 3);
    sink.progress('Listing', 3, 3);
    expect(text()).toBe('');
  });

  it('writes the final line of a stage that wrote lines', () => {
    let time = Date.parse('2025-01-01T00:00:00Z');
    const { sink, text } = capture({ now: () => time });
    sink.progress('Sending', 0, 2);
    time += 1500;
    sink.progress('Sending', 1, 2);
    sink.progress('Sending', 2, 2);
    expect(text().trimEnd().split('\n').at(-1)).toBe('[2025-01-01T00:00:01.500Z] Sending: 2/2');
  });

  it('writes no progress under --json', () => {
    const { sink, text } = capture({ json: true });
    sink.progress('Sending', 1, 2);
    expect(text()).toBe('');
  });

  it('stops redrawing the spinner after endProgress', async () => {
    // ora draws with the cursor methods of a tty.WriteStream.
    const stream = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 80,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    });
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    const sink = createStderrSink({ stream, json: false, debug: false, chalk: new Chalk({ level: 0 }) });
    sink.progress('Listing mesures by status', 0, 3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(text).toContain('Listing mesures by status: 0/3');
    sink.endProgress?.();
    const written = text.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(text.length).toBe(written);
  });
});
