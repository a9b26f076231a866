import { isCountryCode } from '../mesure/countries.js';
import { isEnumValue } from '../mesure/enums.js';
import { foldText } from './text.js';
import type { Civilite } from '../mesure/enums.js';

/** The outcome of reading one cell: a value, possibly with a warning about a repair, or an error. */
export type Parsed<T> = { value: T; warning?: string; error?: undefined } | { error: string };

/**
 * Reads a court SIRET. Spaces are removed (a warning), and a SIRET that lost its leading zero is
 * restored when the padded value is a known court. Scientific notation (`1,77501E+13`) lost digits
 * for good and is rejected with the fix.
 */
export function parseSiret(text: string, knownSirets?: ReadonlySet<string>): Parsed<string> {
  if (/^\d+([.,]\d+)?e[+-]?\d+$/i.test(text)) {
    return {
      error: `"${text}" is a SIRET turned into a number in scientific notation, which lost its last digits: format the column as text in the spreadsheet, type the 14 digits again and save the file`,
    };
  }
  const digits = text.replace(/[\s.]/g, '');
  let warning = digits !== text ? `spaces removed from SIRET "${text}"` : undefined;
  if (!/^\d+$/.test(digits)) return { error: `"${text}" is not a SIRET: it must be 14 digits` };
  if (digits.length === 13 && knownSirets?.has(`0${digits}`)) {
    warning = `SIRET "${text}" lost its leading zero: read as 0${digits}`;
    return { value: `0${digits}`, warning };
  }
  if (digits.length !== 14) return { error: `"${text}" is not a SIRET: it must be 14 digits, not ${digits.length}` };
  return { value: digits, warning };
}

/** A postal code, plus the country it implies when it is not French. */
export interface PostalCode {
  code: string;
  /** `BE` for a 4-digit code that is not a French code missing its leading zero. */
  pays?: string;
}

/**
 * Reads a postal code. A 4-digit code whose zero-padded form exists in `frenchCodes` is a French
 * code that lost its leading zero, so it is repaired with a warning. Any other 4-digit code is
 * kept as a Belgian code, as eMJPM's own importer does.
 */
export function parsePostalCode(text: string, frenchCodes: ReadonlySet<string>): Parsed<PostalCode> {
  if (/^\d{5}$/.test(text)) return { value: { code: text } };
  if (/^\d{4}$/.test(text)) {
    const padded = `0${text}`;
    if (frenchCodes.has(padded)) {
      return { value: { code: padded }, warning: `postal code "${text}" lost its leading zero: read as ${padded}` };
    }
    return {
      value: { code: text, pays: 'BE' },
      warning: `postal code "${text}" has 4 digits and ${padded} is not a French postal code: kept as a Belgian postal code (pays BE)`,
    };
  }
  return { error: `"${text}" is not a postal code: a French postal code has 5 digits` };
}

/** Reads a four-digit year; two-digit years are rejected because the century cannot be known. */
export function parseYear(text: string): Parsed<number> {
  if (/^\d{4}$/.test(text)) return { value: Number(text) };
  if (/^\d{2}$/.test(text)) return { error: `"${text}" is a two-digit year: write the four digits, such as 19${text}` };
  return { error: `"${text}" is not a year: write it as yyyy, such as 1948` };
}

/** Reads a whole number such as an `antenne_id`. */
export function parseInteger(text: string): Parsed<number> {
  if (/^\d+$/.test(text)) return { value: Number(text) };
  return { error: `"${text}" is not a whole number` };
}

const civiliteForms: Record<string, Civilite> = {
  f: 'madame',
  femme: 'madame',
  mme: 'madame',
  madame: 'madame',
  h: 'monsieur',
  homme: 'monsieur',
  m: 'monsieur',
  'm.': 'monsieur',
  mr: 'monsieur',
  monsieur: 'monsieur',
};

/** Reads `F`/`H` (the eMJPM template), `Mme`/`M.` or the API values `madame`/`monsieur`. */
export function parseCivilite(text: string): Parsed<Civilite> {
  const civilite = civiliteForms[foldText(text)];
  if (civilite) return { value: civilite };
  return { error: `"${text}" is not a civilité: write F or H (or madame, monsieur)` };
}

/**
 * Reads an enumerated value given as the API value, its French label, or one of `aliases`
 * (folded keys), ignoring case, accents and spacing.
 */
export function parseEnum<T extends string>(
  text: string,
  labels: Record<T, string>,
  aliases: Record<string, T> = {},
): Parsed<T> {
  if (isEnumValue(labels, text)) return { value: text };
  const folded = foldText(text);
  for (const [value, label] of Object.entries(labels) as [T, string][]) {
    if (foldText(label) === folded || foldText(value.replace(/_/g, ' ')) === folded) return { value };
  }
  const alias = aliases[folded];
  if (alias) return { value: alias };
  return { error: `"${text}" is not one of ${Object.keys(labels).join(', ')}` };
}

/** Reads an ISO 3166-1 alpha-2 country code in any case, or "France". */
export function parseCountry(text: string): Parsed<string> {
  const upper = text.toUpperCase();
  if (isCountryCode(upper)) return { value: upper };
  if (foldText(text) === 'france') return { value: 'FR' };
  return { error: `"${text}" is not a country code: write the ISO 3166-1 alpha-2 code, such as FR` };
}
