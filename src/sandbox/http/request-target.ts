/** The path and query string of a request, as Express routes them. */
export interface RequestTarget {
  /** The raw path: still percent-encoded, with `.` and `..` segments and repeated slashes kept. */
  pathname: string;
  /** The query string without its `?`. */
  search: string;
}

/**
 * Splits a request target the way Express's `parseurl` does. A WHATWG `URL` would resolve `..`
 * segments and read `//host/path` as a host, so production and the sandbox would route
 * different paths.
 */
export function splitRequestTarget(target: string | undefined): RequestTarget {
  const text = target ?? '/';
  if (!text.startsWith('/')) {
    // An absolute-form target, such as `http://host/path`, as sent to a proxy.
    const url = URL.canParse(text) ? new URL(text) : undefined;
    return { pathname: url?.pathname ?? text, search: url?.search.slice(1) ?? '' };
  }
  const queryStart = text.indexOf('?');
  return queryStart === -1
    ? { pathname: text, search: '' }
    : { pathname: text.slice(0, queryStart), search: text.slice(queryStart + 1) };
}

/** Tells whether a path is below a mount prefix as Express matches it: case-insensitive. */
export function isUnderPrefix(pathname: string, prefix: string): boolean {
  const lower = pathname.toLowerCase();
  return lower === prefix || lower.startsWith(`${prefix}/`);
}

/** Tells whether a path names a route as Express matches it: case-insensitive, one `/` more. */
export function isRoutePath(pathname: string, route: string): boolean {
  const lower = pathname.toLowerCase();
  return lower === route || lower === `${route}/`;
}
