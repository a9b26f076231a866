import { ApiError } from './types.js';

/**
 * Returns the items of a list response. The server sends `{"<key>": […]}` while the published
 * documentation shows a bare array, so both shapes are accepted.
 */
export function readList<T>(body: string, key: string, route: { method: string; path: string }): T[] {
  const json = parseJson(body);
  if (Array.isArray(json)) return json as T[];
  if (typeof json === 'object' && json !== null) {
    const list = (json as Record<string, unknown>)[key];
    if (Array.isArray(list)) return list as T[];
  }
  throw unexpectedAnswer(route, `a list of ${key}`);
}

/** Returns the JSON object of a response, or throws naming what was expected. */
export function readObject<T>(body: string, what: string, route: { method: string; path: string }): T {
  const json = parseJson(body);
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) return json as T;
  throw unexpectedAnswer(route, what);
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function unexpectedAnswer(route: { method: string; path: string }, expected: string): ApiError {
  return new ApiError(`Unexpected response to ${route.method} ${route.path}: expected ${expected}.`, {
    status: 200,
    method: route.method,
    path: route.path,
    hint: 'Check that the API address points at an eMJPM server; --debug shows the response.',
  });
}
