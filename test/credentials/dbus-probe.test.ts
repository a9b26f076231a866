import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { UserError } from '../../src/cli/errors.js';
import { probeSessionBus, unixSocketPath } from '../../src/credentials/dbus-probe.js';

import type { Server, Socket } from 'node:net';

describe('unixSocketPath', () => {
  it.each([
    ['unix:path=/run/user/0/bus', '/run/user/0/bus'],
    ['unix:path=/tmp/with%20space,guid=abc', '/tmp/with space'],
    ['unix:abstract=/tmp/dbus-x,guid=1', '\0/tmp/dbus-x'],
    ['tcp:host=127.0.0.1,port=5;unix:path=/b', '/b'],
    ['tcp:host=127.0.0.1,port=5', undefined],
    [undefined, undefined],
  ])('reads %s', (address, expected) => {
    expect(unixSocketPath(address)).toBe(expected);
  });
});

describe('probeSessionBus', () => {
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function listenOnSocket(onConnection: (socket: Socket) => void): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), 'emjpm-bus-'));
    const path = join(folder, 'bus');
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      onConnection(socket);
    });
    await new Promise<void>((resolve) => server.listen(path, resolve));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
      await rm(folder, { recursive: true, force: true });
    });
    return path;
  }

  it('rejects a bus that never answers', async () => {
    const path = await listenOnSocket(() => {});
    const error = await probeSessionBus(`unix:path=${path}`, 100).catch((caught) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('did not respond within 0.1 s');
  });

  it('accepts a bus that answers the handshake', async () => {
    const path = await listenOnSocket((socket) => {
      socket.once('data', () => socket.write('REJECTED EXTERNAL\r\n'));
    });
    await expect(probeSessionBus(`unix:path=${path}`, 1000)).resolves.toBeUndefined();
  });

  it('leaves a missing socket to keytar', async () => {
    await expect(probeSessionBus('unix:path=/nonexistent/emjpm-bus', 1000)).resolves.toBeUndefined();
  });
});
