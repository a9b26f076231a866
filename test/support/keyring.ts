import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';

import type { ChildProcess } from 'node:child_process';

const execFileAsync = promisify(execFile);

/** A private D-Bus session with a GNOME keyring daemon, for tests of the keychain store. */
export interface KeyringSession {
  /** Variables to pass to processes that should use this keyring. */
  env: { DBUS_SESSION_BUS_ADDRESS: string };
  stop(): Promise<void>;
}

export interface KeyringOptions {
  /**
   * Text written to the daemon's stdin, where it reads the unlock password. The default, one
   * empty line, is an empty password and creates the default "login" collection. An empty
   * string creates no collection: reads then succeed and every save fails.
   */
  stdin?: string;
}

/**
 * Starts `dbus-daemon --session` and `gnome-keyring-daemon --unlock --components=secrets` on it,
 * with a keyring folder in a temporary directory, and waits until the Secret Service responds on
 * the bus. `stop` kills both daemons by PID and removes the folder.
 */
export async function startKeyring(options: KeyringOptions = {}): Promise<KeyringSession> {
  const home = await mkdtemp(join(tmpdir(), 'emjpm-keyring-'));
  const { stdout } = await execFileAsync('dbus-daemon', [
    '--session',
    '--fork',
    '--print-address=1',
    '--print-pid=1',
  ]);
  const [address = '', pidText = ''] = stdout.trim().split('\n');
  const busPid = Number(pidText);
  if (!address.startsWith('unix:') || !Number.isInteger(busPid)) {
    throw new Error(`dbus-daemon printed an unexpected address and pid: ${JSON.stringify(stdout)}`);
  }

  const keyring: ChildProcess = spawn(
    'gnome-keyring-daemon',
    ['--unlock', '--components=secrets', '--foreground'],
    {
      env: {
        PATH: process.env.PATH,
        HOME: home,
        XDG_DATA_HOME: join(home, 'data'),
        XDG_RUNTIME_DIR: home,
        DBUS_SESSION_BUS_ADDRESS: address,
      },
      stdio: ['pipe', 'ignore', 'ignore'],
    },
  );
  keyring.stdin?.end(options.stdin ?? '\n');

  const session: KeyringSession = {
    env: { DBUS_SESSION_BUS_ADDRESS: address },
    async stop() {
      keyring.kill('SIGTERM');
      killQuietly(busPid);
      await rm(home, { recursive: true, force: true });
    },
  };
  try {
    await waitForSecretService(address);
  } catch (error) {
    await session.stop();
    throw error;
  }
  return session;
}

/** Polls the bus until the Secret Service name has an owner, for at most 10 s. */
async function waitForSecretService(address: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const { stdout } = await execFileAsync(
        'dbus-send',
        [
          '--session',
          '--print-reply',
          '--dest=org.freedesktop.DBus',
          '/org/freedesktop/DBus',
          'org.freedesktop.DBus.NameHasOwner',
          'string:org.freedesktop.secrets',
        ],
        { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address } },
      );
      if (stdout.includes('boolean true')) return;
    } catch {
      // The bus is still starting.
    }
    if (Date.now() > deadline) {
      throw new Error('gnome-keyring-daemon did not register on the bus within 10 s');
    }
    await delay(100);
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}
