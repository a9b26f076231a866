import { UsageError } from '../cli/errors.js';
import { redactUrl, redactedValue } from '../output/redact.js';

const proxyVariables = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
];

/** Proxy variables as the requests of emjpm see them, with any user:password redacted. */
export interface ProxySettings {
  /** Set variables, values redacted. */
  variables: Record<string, string>;
  /** The proxy used for `url`, redacted, or undefined for a direct connection. */
  proxyFor: string | undefined;
  /** Names of set variables whose value is not a valid http(s) URL. */
  invalid: string[];
}

/**
 * Describes the proxy settings that apply to `url`, following the rules of undici's
 * `EnvHttpProxyAgent` (upper-case variables first, `NO_PROXY` matching host suffixes, `*`).
 */
export function describeProxySettings(env: NodeJS.ProcessEnv, url: string): ProxySettings {
  const variables: Record<string, string> = {};
  const invalid: string[] = [];
  for (const name of proxyVariables) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const isList = name.toLowerCase() === 'no_proxy';
    variables[name] = isList ? value : redactProxy(value);
    if (!isList && !isHttpUrl(value)) invalid.push(name);
  }

  const target = new URL(url);
  const proxy =
    target.protocol === 'https:'
      ? (env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy)
      : (env.HTTP_PROXY ?? env.http_proxy);
  const bypass = matchesNoProxy(env.NO_PROXY ?? env.no_proxy ?? '', target);
  return { variables, proxyFor: proxy && !bypass ? redactProxy(proxy) : undefined, invalid };
}

function matchesNoProxy(noProxy: string, target: URL): boolean {
  const host = target.hostname.toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const entry of noProxy.split(/[,\s]+/).filter(Boolean)) {
    if (entry === '*') return true;
    const [entryHost = '', entryPort] = entry.toLowerCase().split(':');
    if (entryPort && entryPort !== port) continue;
    const suffix = entryHost.replace(/^\*?\./, '');
    if (host === suffix || host.endsWith(`.${suffix}`)) return true;
  }
  return false;
}

/** Redacts the password of a proxy URL, keeping `[redacted]` readable rather than percent-encoded. */
function redactProxy(value: string): string {
  return redactUrl(value).replace(encodeURIComponent(redactedValue), redactedValue);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Builds the usage error for proxy variables that undici rejects (`cause`), naming each set
 * variable with its value redacted so that a proxy password is never printed.
 */
export function invalidProxyError(env: NodeJS.ProcessEnv, cause: unknown): UsageError {
  const listed = proxyVariables
    .filter((name) => !name.toLowerCase().startsWith('no_') && env[name])
    .map((name) => `${name}=${redactProxy(env[name] ?? '')}`);
  const error = new UsageError(
    `Invalid proxy setting (${listed.join(', ')}): ${cause instanceof Error ? cause.message : String(cause)}.`,
    'Set the proxy variables to URLs such as http://proxy.example:3128, or unset them.',
  );
  error.cause = cause;
  return error;
}
