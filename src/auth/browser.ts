import { spawn } from 'node:child_process';

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
 * Starts the browser on `url` without waiting for it: the process is detached and unreferenced
 * so emjpm can exit while the browser keeps running. `onError` receives a failure to start it.
 */
export function openBrowser(
  url: string,
  options: { env: NodeJS.ProcessEnv; onError: (error: Error) => void; platform?: NodeJS.Platform },
): void {
  const { command, args } = browserCommand(url, options.env, options.platform ?? process.platform);
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', env: options.env });
    child.once('error', options.onError);
    child.unref();
  } catch (error) {
    options.onError(error instanceof Error ? error : new Error(String(error)));
  }
}
