import { EnvHttpProxyAgent } from 'undici';

/**
 * Creates an undici dispatcher that honours `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (either
 * case) from `env` rather than from `process.env`, so tests and callers control them.
 */
export function createProxyAwareDispatcher(env: NodeJS.ProcessEnv): EnvHttpProxyAgent {
  return new EnvHttpProxyAgent({
    // An empty string means "no proxy"; undefined would make undici read process.env.
    httpProxy: env.HTTP_PROXY ?? env.http_proxy ?? '',
    httpsProxy: env.HTTPS_PROXY ?? env.https_proxy ?? '',
    noProxy: env.NO_PROXY ?? env.no_proxy ?? '',
    connectTimeout: 10_000,
  });
}
