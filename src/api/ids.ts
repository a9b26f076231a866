import { InvalidInputError } from '../cli/errors.js';

/**
 * Returns `value` as a mesure id, or throws `InvalidInputError`. A non-integer id makes
 * `DELETE /mesures/{id}` hang on the server, so every id is checked before it is sent.
 */
export function requireMesureId(value: unknown): number {
  let text = '';
  if (typeof value === 'number') text = String(value);
  if (typeof value === 'string') text = value.trim();
  if (/^\d+$/.test(text)) {
    const id = Number(text);
    if (id > 0 && Number.isSafeInteger(id)) return id;
  }
  throw new InvalidInputError(
    `Invalid mesure id ${JSON.stringify(value)}: expected a positive integer.`,
    'Run `emjpm mesures list` to see the ids of your mesures.',
  );
}
