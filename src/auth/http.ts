import { invalidProxyError } from './proxy-settings.js';

import type { Dispatcher } from 'undici';

/**
 * Creates an undici dispatcher that honours `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (either
 * case) from `env` rather than from `process.env`, so tests and callers control them. undici is
 * imported on first use so that commands without HTTP start faster.
 */
export async function createProxyAwareDispatcher(env: NodeJS.ProcessEnv): Promise<Dispatcher> {
  const { EnvHttpProxyAgent } = await import('undici');
  try {
    return new EnvHttpProxyAgent({
      // An empty string means "no proxy"; undefined would make undici read process.env.
      httpProxy: env.HTTP_PROXY ?? env.http_proxy ?? '',
      httpsProxy: env.HTTPS_PROXY ?? env.https_proxy ?? '',
      noProxy: env.NO_PROXY ?? env.no_proxy ?? '',
      connectTimeout: 10_000,
    });
  } catch (error) {
    throw invalidProxyError(env, error);
  }
}
