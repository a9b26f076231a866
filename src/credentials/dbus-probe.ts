import { connect } from 'node:net';

import { keychainUnavailableError } from './unavailable.js';

/**
 * Checks that the D-Bus session bus responds to the first step of its authentication handshake
 * within `timeoutMs`, and throws the keychain-unavailable error otherwise.
 *
 * keytar (through libsecret) blocks one of libuv's threads on a bus that accepts connections and
 * never replies, and Node cannot exit while that thread runs, not even through `process.exit`.
 * Probing the bus from JavaScript first keeps such a bus from ever reaching keytar. Buses that
 * refuse the connection, or addresses other than `unix:path=` and `unix:abstract=`, are left to
 * keytar, which fails fast on them.
 */
export async function probeSessionBus(address: string | undefined, timeoutMs: number): Promise<void> {
  const socketPath = unixSocketPath(address);
  if (socketPath === undefined) return;

  const answered = await new Promise<boolean>((resolve) => {
    const socket = connect(socketPath);
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(result: boolean): void {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    }
    socket.on('connect', () => {
      const uid = String(process.getuid?.() ?? 0);
      // SASL EXTERNAL with the uid in hex: any line back (OK or REJECTED) shows the bus is alive.
      socket.write(`\0AUTH EXTERNAL ${Buffer.from(uid).toString('hex')}\r\n`);
    });
    socket.on('data', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
  });

  if (!answered) {
    throw keychainUnavailableError(
      `the D-Bus session bus (${address}) did not respond within ${timeoutMs / 1000} s.`,
    );
  }
}

/** Returns the socket path of the first unix transport in a D-Bus address, or undefined. */
export function unixSocketPath(address: string | undefined): string | undefined {
  for (const transport of (address ?? '').split(';')) {
    const [kind, parameters = ''] = transport.split(':', 2);
    if (kind !== 'unix') continue;
    const values = new Map(
      parameters.split(',').map((pair) => {
        const [key = '', value = ''] = pair.split('=', 2);
        return [key, decodeURIComponent(value)] as const;
      }),
    );
    const path = values.get('path');
    if (path) return path;
    const abstract = values.get('abstract');
    if (abstract) return `\0${abstract}`;
  }
  return undefined;
}
