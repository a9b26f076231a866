import { ApiError } from './types.js';

/**
 * Returns the items of a list response. The server sends `{"<key>": […]}` while the published
 * documentation shows a bare array, so both shapes are accepted. Every item must be a JSON
 * object, and pass `isItem` when given, so that renderers never meet `null` or a string.
 */
export function readList<T>(
  body: string,
  key: string,
  route: { method: string; path: string },
  isItem: (item: Record<string, unknown>) => boolean = () => true,
): T[] {
  const list = listOf(parseJson(body), key);
  if (list?.every((item) => isPlainObject(item) && isItem(item))) return list as T[];
  throw unexpectedAnswer(route, `a list of ${key}`);
}

/**
 * Returns whether `item` has the parts of a mesure that the client relies on: an integer `id`,
 * and `etats` and `ressources` that are lists of objects when present.
 */
export function hasMesureShape(item: Record<string, unknown>): boolean {
  return Number.isInteger(item.id) && isObjectList(item.etats) && isObjectList(item.ressources);
}

function isObjectList(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.every(isPlainObject));
}

function listOf(json: unknown, key: string): unknown[] | undefined {
  if (Array.isArray(json)) return json;
  if (!isPlainObject(json)) return undefined;
  const list = json[key];
  return Array.isArray(list) ? list : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the JSON object of a response, or throws naming what was expected. */
export function readObject<T>(body: string, what: string, route: { method: string; path: string }): T {
  const json = parseJson(body);
  if (isPlainObject(json)) return json as T;
  throw unexpectedAnswer(route, what);
}

/** Returns the mesure of a response, or throws when it lacks what `hasMesureShape` checks. */
export function readMesure<T>(body: string, route: { method: string; path: string }): T {
  const json = parseJson(body);
  if (isPlainObject(json) && hasMesureShape(json)) return json as T;
  throw unexpectedAnswer(route, 'a mesure');
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
