import { requireMesureId } from '../api/ids.js';
import { InvalidInputError, UsageError } from './errors.js';

/**
 * Parses a mesure id given on the command line. A malformed id is a usage error (exit 2), unlike
 * an id read from a file, which is invalid input.
 */
export function parseMesureIdArgument(text: string): number {
  try {
    return requireMesureId(text);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new UsageError(error.message, error.hint);
    throw error;
  }
}
