import { spawn } from 'node:child_process';

import type { ChildProcess } from 'node:child_process';

/** A program and its arguments that open a URL in the user's browser. */
export interface BrowserCommand {
  command: string;
  args: string[];
}

/**
 * Returns how to open `url`: the `BROWSER` variable when set (`%s` is replaced by the URL,
 * otherwise the URL is appended), else the platform's opener.
 */
export function browserCommand(
  url: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): BrowserCommand {
  const browser = env.BROWSER?.trim();
  if (browser) {
    const [command = browser, ...args] = browser.split(/\s+/);
    const hasPlaceholder = args.some((arg) => arg.includes('%s'));
    return {
      command,
      args: hasPlaceholder ? args.map((arg) => arg.replaceAll('%s', url)) : [...args, url],
    };
  }
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // rundll32 takes the URL as one argument, whereas `cmd /c start` would split it at each `&`.
  if (platform === 'win32') {
    return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  }
  return { command: 'xdg-open', args: [url] };
}

/**
 * Returns why no browser can be opened, or undefined when one may be: on Linux and the BSDs, a
 * desktop opener needs an X11 or Wayland display, unless `BROWSER` names a program.
 */
export function browserUnavailableReason(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): string | undefined {
  if (platform === 'darwin' || platform === 'win32') return undefined;
  if (env.BROWSER?.trim() || env.DISPLAY || env.WAYLAND_DISPLAY) return undefined;
  return 'neither DISPLAY nor WAYLAND_DISPLAY is set and BROWSER is not set';
}

// Openers such as xdg-open and `open` exit once they have handed the URL over. A BROWSER program
// may be the browser itself and run until the user closes it, so its exit is only watched this
// long.
const defaultWatchMs = 10_000;

/**
 * Starts the browser on `url` without waiting for it: the process is detached and unreferenced
 * so emjpm can exit while the browser keeps running. `onFailure` receives the reason when the
 * opener cannot start or exits with a non-zero code within `watchMs`. The returned promise
 * settles when the opener exits or the watch ends, and never rejects.
 */
export function openBrowser(
  url: string,
  options: {
    env: NodeJS.ProcessEnv;
    onFailure: (reason: string) => void;
    platform?: NodeJS.Platform;
    watchMs?: number;
  },
): Promise<void> {
  const { command, args } = browserCommand(url, options.env, options.platform ?? process.platform);
  return new Promise((resolve) => {
    let finished = false;
    function finish(failure: string | undefined): void {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (failure !== undefined) options.onFailure(failure);
      resolve();
    }
    const timer = setTimeout(() => finish(undefined), options.watchMs ?? defaultWatchMs);
    timer.unref();

    let child: ChildProcess;
    try {
      child = spawn(command, args, { detached: true, stdio: 'ignore', env: options.env });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      finish(`${command} could not start: ${detail}`);
      return;
    }
    child.once('error', (error) => finish(`${command} could not start: ${error.message}`));
    child.once('exit', (code, signal) => {
      if (code === 0) finish(undefined);
      else if (code === null) finish(`${command} was ended by ${signal ?? 'a signal'}`);
      else finish(`${command} exited with code ${code}`);
    });
    child.unref();
  });
}
