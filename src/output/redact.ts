/**
 * Names of headers, form fields, JSON keys and query parameters whose values are secrets. Debug
 * output and error messages pass through `redact*` before they are written.
 */
const secretNames = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'access_token',
  'refresh_token',
  'client_secret',
  'code',
  'code_verifier',
  'password',
  'token',
]);

export const redactedValue = '[redacted]';

export function isSecretName(name: string): boolean {
  return secretNames.has(name.toLowerCase());
}

/** Returns a copy of `headers` with secret values replaced. */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[] | undefined> {
  const copy: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    copy[name] = isSecretName(name) ? redactedValue : value;
  }
  return copy;
}

/**
 * Replaces the values of secret query parameters in a URL, and any user:password part, also in
 * a malformed URL such as a proxy variable set to `user:password@proxy:3128`.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactUserInfo(url);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return redactUserInfo(url);
  if (parsed.password) parsed.password = redactedValue;
  for (const name of [...parsed.searchParams.keys()]) {
    if (isSecretName(name)) parsed.searchParams.set(name, redactedValue);
  }
  return parsed.toString();
}

/** Replaces what follows the first `:` of a `user:password@` prefix, with or without a scheme. */
function redactUserInfo(text: string): string {
  return text.replace(/^((?:[a-z][a-z\d+.-]*:\/\/)?[^:@/]*:)[^@]*@/i, `$1${redactedValue}@`);
}

/**
 * Replaces secret values in a JSON or form-encoded body. Bodies in other formats are returned
 * with any 40-hex-digit run (the shape of eMJPM tokens and codes) replaced.
 */
export function redactBody(body: string): string {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(body), (key, value) =>
        isSecretName(key) && value != null ? redactedValue : value,
      );
    } catch {
      // Not JSON after all: fall through to the generic rules.
    }
  }
  if (/^[\w.%-]+=[^&]*(&[\w.%-]+=[^&]*)*$/.test(trimmed)) {
    const form = new URLSearchParams(trimmed);
    for (const name of [...form.keys()]) {
      if (isSecretName(name)) form.set(name, redactedValue);
    }
    return form.toString();
  }
  return body.replace(/\b[0-9a-f]{40}\b/gi, redactedValue);
}
