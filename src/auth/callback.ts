import { stateMatches } from './pkce.js';

/** Outcome of the redirect back from eMJPM. */
export type CallbackOutcome =
  | { kind: 'code'; code: string }
  /** The user clicked *Refuser*: eMJPM sends `error=access_denied` without `state`. */
  | { kind: 'denied'; error: string; description: string | undefined }
  /** A wrong or missing `state`, or no code: the code, if any, must not be exchanged. */
  | { kind: 'invalid'; reason: string };

/** Checks the query of a redirect against the `state` sent with the authorization request. */
export function checkCallback(params: URLSearchParams, expectedState: string): CallbackOutcome {
  const state = params.get('state');
  const error = params.get('error');
  if (error !== null) {
    if (state !== null && !stateMatches(state, expectedState)) {
      return { kind: 'invalid', reason: 'the state parameter does not match this login' };
    }
    return { kind: 'denied', error, description: params.get('error_description') ?? undefined };
  }

  if (state === null || state === '') {
    return { kind: 'invalid', reason: 'the state parameter is missing' };
  }
  if (!stateMatches(state, expectedState)) {
    return { kind: 'invalid', reason: 'the state parameter does not match this login' };
  }
  const code = params.get('code');
  if (!code) return { kind: 'invalid', reason: 'the code parameter is missing' };
  return { kind: 'code', code };
}

/**
 * Reads the query of an address pasted by the user: the whole redirect URL from the browser's
 * address bar, or just its `code=…&state=…` part. Returns undefined for anything else.
 */
export function parsePastedRedirect(text: string): URLSearchParams | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  let query: string;
  try {
    query = new URL(trimmed).search;
  } catch {
    query = trimmed.startsWith('?') ? trimmed : `?${trimmed}`;
  }
  const params = new URLSearchParams(query);
  return params.has('code') || params.has('error') ? params : undefined;
}
