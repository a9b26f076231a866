import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

/**
 * Returns the folder that holds `config.json`, `credentials.json` and lock files:
 * `$XDG_CONFIG_HOME/emjpm` when that variable is set, else the platform's usual place
 * (`~/.config/emjpm` on Linux, `~/Library/Preferences/emjpm` on macOS, `%APPDATA%\emjpm` on
 * Windows).
 */
export function configDirectory(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string {
  const xdgConfigHome = env.XDG_CONFIG_HOME;
  if (xdgConfigHome) return join(xdgConfigHome, 'emjpm');

  const home = env.HOME || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Preferences', 'emjpm');
  if (platform === 'win32') {
    const appData = env.APPDATA || win32.join(env.USERPROFILE || home, 'AppData', 'Roaming');
    return win32.join(appData, 'emjpm');
  }
  return join(home, '.config', 'emjpm');
}

export function configFilePath(env: NodeJS.ProcessEnv): string {
  return join(configDirectory(env), 'config.json');
}

export function credentialsFilePath(env: NodeJS.ProcessEnv): string {
  return join(configDirectory(env), 'credentials.json');
}

/** Lock file that serialises token refreshes of one profile across processes. */
export function refreshLockPath(env: NodeJS.ProcessEnv, profileName: string): string {
  return join(configDirectory(env), `refresh-${encodeURIComponent(profileName)}.lock`);
}
