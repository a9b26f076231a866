import { SaveError } from './save-error.js';

/**
 * Column input as production's PostgreSQL database performs it. The server hands body fields to
 * node-postgres, which sends each one as text, and the column type then parses that text.
 * Mirroring both steps makes the sandbox store, or reject, what production would.
 * NOTE: that every column receives the body value unchanged is inferred from production's raw
 * PostgreSQL error texts, and the results for arrays and objects in text columns are not recorded.
 */

const INTEGER_PATTERN = /^\s*[-+]?\d+\s*$/;
const INTEGER_MIN = -2147483648;
const INTEGER_MAX = 2147483647;
const BIGINT_MIN = -9223372036854775808n;
const BIGINT_MAX = 9223372036854775807n;

/**
 * Converts a JSON value to the text node-postgres sends for it: null stays null, an array becomes
 * a PostgreSQL array literal, an object its JSON text, and anything else its `String` form.
 */
export function toParameterText(value: unknown): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  if (Array.isArray(value)) {
    return toArrayLiteral(value);
  }
  if (typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
}

function toArrayLiteral(values: unknown[]): string {
  const elements = values.map((element) => {
    if (element === undefined || element === null) {
      return 'NULL';
    }
    if (Array.isArray(element)) {
      return toArrayLiteral(element);
    }
    const text = toParameterText(element)!;
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${elements.join(',')}}`;
}

/**
 * Parses text as an `integer` column does: spaces around an optional sign and decimal digits,
 * within 32 bits. Returns undefined when PostgreSQL would reject it.
 */
export function parseInteger(text: string): number | undefined {
  if (!INTEGER_PATTERN.test(text)) {
    return undefined;
  }
  const value = Number(text);
  return value >= INTEGER_MIN && value <= INTEGER_MAX ? value : undefined;
}

/** Reads a body value into an `integer` column, or throws PostgreSQL's error text. */
export function readIntegerColumn(value: unknown, column: string): number {
  const text = requireIntegerText(value, column, 'integer');
  const parsed = parseInteger(text);
  if (parsed === undefined) {
    throw new SaveError(`value "${text}" is out of range for type integer`);
  }
  return parsed;
}

/**
 * Reads a body value into a `bigint` column, or throws PostgreSQL's error text. Returns the
 * digits the database sends back, since node-postgres returns a bigint as a string.
 */
export function readBigintColumn(value: unknown, column: string): string {
  const text = requireIntegerText(value, column, 'bigint');
  const parsed = BigInt(text);
  if (parsed < BIGINT_MIN || parsed > BIGINT_MAX) {
    throw new SaveError(`value "${text}" is out of range for type bigint`);
  }
  return parsed.toString();
}

/** Returns the trimmed text of a non-null value with integer syntax, or throws like PostgreSQL. */
function requireIntegerText(value: unknown, column: string, type: string): string {
  const text = toParameterText(value);
  if (text === null) {
    throw new SaveError(`null value in column "${column}" violates not-null constraint`);
  }
  if (!INTEGER_PATTERN.test(text)) {
    throw new SaveError(`invalid input syntax for type ${type}: "${text}"`);
  }
  return text.trim();
}
