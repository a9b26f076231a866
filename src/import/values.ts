import { isCountryCode } from '../mesure/countries.js';
import { isEnumValue } from '../mesure/enums.js';
import { parseDate } from './dates.js';
import { foldText } from './text.js';
import type { Civilite } from '../mesure/enums.js';

/** The outcome of reading one cell: a value, possibly with a warning about a repair, or an error. */
export type Parsed<T> = { value: T; warning?: string; error?: undefined } | { error: string };

/**
 * Reads a court SIRET. Spaces, dots and dashes between digit groups are removed, a `.0` that a
 * spreadsheet added is dropped, and a SIRET that lost its leading zero is restored when the
 * padded value is a known court, each with a warning. Scientific notation (`1,78001E+13`) is read
 * when it kept every digit, or when the digits it shows and the zeros after them make a known
 * court. Otherwise the digits are lost for good and the SIRET is rejected with the fix.
 */
export function parseSiret(text: string, knownSirets?: ReadonlySet<string>): Parsed<string> {
  const scientific = /^(\d)[.,]?(\d*)e\+?(\d+)$/i.exec(text);
  if (scientific) return parseScientificSiret(text, scientific, knownSirets);

  const decimal = /^(\d+)[.,]0+$/.exec(text);
  const digits = decimal ? decimal[1]! : text.replace(/[\s.-]/g, '');
  let warning: string | undefined;
  if (decimal) warning = `SIRET "${text}" written as a decimal number: read as ${digits}`;
  else if (/^[\d\s]+$/.test(text) && digits !== text)
    warning = `spaces removed from SIRET "${text}"`;
  else if (digits !== text) warning = `separators removed from SIRET "${text}": read as ${digits}`;
  if (!/^\d+$/.test(digits)) return { error: `"${text}" is not a SIRET: it must be 14 digits` };
  if (digits.length === 13 && knownSirets?.has(`0${digits}`)) {
    warning = `SIRET "${text}" lost its leading zero: read as 0${digits}`;
    return { value: `0${digits}`, warning };
  }
  if (digits.length !== 14) {
    return { error: `"${text}" is not a SIRET: it must be 14 digits, not ${digits.length}` };
  }
  return { value: digits, warning };
}

function parseScientificSiret(
  text: string,
  [, first, fraction, exponent]: RegExpExecArray,
  knownSirets: ReadonlySet<string> | undefined,
): Parsed<string> {
  const fractionDigits = fraction!.length;
  const power = Number(exponent);
  if (fractionDigits <= power) {
    const value = `${first}${fraction}${'0'.repeat(power - fractionDigits)}`;
    const exact = fractionDigits === power;
    if (value.length === 14 && (exact || knownSirets?.has(value))) {
      return {
        value,
        warning: `SIRET "${text}" written in scientific notation: read as ${value}${exact ? '' : ', a known court'}`,
      };
    }
  }
  return {
    error: `"${text}" is a SIRET turned into a number in scientific notation, which lost its last digits: format the column as text in the spreadsheet, type the 14 digits again and save the file`,
  };
}

/**
 * Reads a numero RG. A program that took an RG of digits for a number may have written it with
 * `.0` (removed with a warning) or in scientific notation, which is read when it kept every digit
 * and rejected otherwise.
 */
export function parseNumeroRg(text: string): Parsed<string> {
  const decimal = /^(\d+)\.0$/.exec(text);
  if (decimal) {
    return {
      value: decimal[1]!,
      warning: `numero RG "${text}" written as a decimal number: read as ${decimal[1]}`,
    };
  }
  const scientific = /^(\d)[.,]?(\d*)e\+?(\d+)$/i.exec(text);
  if (!scientific) return { value: text };
  const [, first, fraction, exponent] = scientific;
  if (fraction!.length === Number(exponent)) {
    const value = `${first}${fraction}`;
    return {
      value,
      warning: `numero RG "${text}" written in scientific notation: read as ${value}`,
    };
  }
  return {
    error: `"${text}" is a numero RG turned into a number in scientific notation, which lost digits: format the column as text in the spreadsheet, type the RG again and save the file`,
  };
}

/** A postal code, plus the country it implies when it is not French. */
export interface PostalCode {
  code: string;
  /** `BE` for a 4-digit code that is not a French code missing its leading zero. */
  pays?: string;
}

/**
 * Reads a postal code. Spaces inside it and a `.0` that a spreadsheet added are removed with a
 * warning. A 4-digit code whose zero-padded form exists in `frenchCodes` is a French code that
 * lost its leading zero, so it is repaired with a warning. Any other 4-digit code is kept as a
 * Belgian code, as eMJPM's own importer does.
 */
export function parsePostalCode(
  text: string,
  frenchCodes: ReadonlySet<string>,
): Parsed<PostalCode> {
  const code = text.replace(/\s/g, '').replace(/[.,]0+$/, '');
  const repaired =
    code !== text && /^\d{4,5}$/.test(code) ? `postal code "${text}" read as ${code}` : undefined;
  if (/^\d{5}$/.test(code)) return { value: { code }, warning: repaired };
  if (/^\d{4}$/.test(code)) {
    const padded = `0${code}`;
    if (frenchCodes.has(padded)) {
      return {
        value: { code: padded },
        warning: `postal code "${text}" lost its leading zero: read as ${padded}`,
      };
    }
    return {
      value: { code, pays: 'BE' },
      warning: `postal code "${text}" has 4 digits and ${padded} is not a French postal code: kept as a Belgian postal code (pays BE)`,
    };
  }
  if (/^2[ab]\d{3}$/i.test(code)) {
    return {
      error: `"${text}" is the INSEE code of a commune of Corsica, not its postal code: write the postal code, which is 5 digits starting with 20`,
    };
  }
  return { error: `"${text}" is not a postal code: a French postal code has 5 digits` };
}

/** Birth years further back than this many years get a warning. */
const oldestAge = 120;

/**
 * Reads a birth year: four digits, also written as a decimal number (`1985.0`), with a space
 * (`1 985`), or as a whole date whose year is taken, each with a warning. A two-digit year is
 * rejected unless `century` gives its century. A year in the future or more than 120 years
 * ago gets a warning, because the server accepts any whole number.
 */
export function parseYear(text: string, century?: number, today = new Date()): Parsed<number> {
  const read = readYear(text, century);
  if (read.error !== undefined) return read;
  const thisYear = today.getFullYear();
  let warning = read.warning;
  if (read.value > thisYear) warning = `birth year ${read.value} is in the future: check it`;
  if (read.value < thisYear - oldestAge) {
    warning = `birth year ${read.value} is more than ${oldestAge} years ago: check it`;
  }
  return { value: read.value, warning };
}

function readYear(text: string, century: number | undefined): Parsed<number> {
  if (/^\d{4}$/.test(text)) return { value: Number(text) };
  const compact = text.replace(/\s/g, '').replace(/[.,]0+$/, '');
  if (/^\d{4}$/.test(compact)) {
    return { value: Number(compact), warning: `birth year "${text}" read as ${compact}` };
  }
  const date = parseDate(text, { century });
  if (date.error === undefined) {
    const year = Number(date.value.slice(0, 4));
    return { value: year, warning: `"${text}" is a date, not a year: its year ${year} is kept` };
  }
  if (/^\d{2}$/.test(compact)) {
    if (century !== undefined) {
      const year = century * 100 + Number(compact);
      return {
        value: year,
        warning: `two-digit year "${text}" read as ${year} (--century ${century})`,
      };
    }
    return {
      error: `"${text}" is a two-digit year: write the four digits, such as 19${compact}, or pass --century 19 to read it so`,
    };
  }
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
  feminin: 'madame',
  mme: 'madame',
  mlle: 'madame',
  madame: 'madame',
  mademoiselle: 'madame',
  h: 'monsieur',
  homme: 'monsieur',
  masculin: 'monsieur',
  m: 'monsieur',
  mr: 'monsieur',
  monsieur: 'monsieur',
};

/**
 * Reads `F`/`H` (the eMJPM template), `Mme`/`M.`/`Mlle`, `femme`/`homme` or the API values
 * `madame`/`monsieur`, in any case, with or without a final dot.
 */
export function parseCivilite(text: string): Parsed<Civilite> {
  const civilite = civiliteForms[foldText(text).replace(/\.$/, '')];
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
  const value = foldedEnumValues(labels).get(folded) as T | undefined;
  if (value !== undefined) return { value };
  const alias = aliases[folded];
  if (alias) return { value: alias };
  return { error: `"${text}" is not one of ${Object.keys(labels).join(', ')}` };
}

const foldedEnumCache = new WeakMap<object, ReadonlyMap<string, string>>();

/**
 * Returns the values of an enumeration by folded label and by folded value (`_` read as a space),
 * built once per enumeration. A folded text shared by two values gives the first one.
 */
function foldedEnumValues(labels: Record<string, string>): ReadonlyMap<string, string> {
  const cached = foldedEnumCache.get(labels);
  if (cached) return cached;
  const byFolded = new Map<string, string>();
  for (const [value, label] of Object.entries(labels)) {
    for (const folded of [foldText(label), foldText(value.replace(/_/g, ' '))]) {
      if (!byFolded.has(folded)) byFolded.set(folded, value);
    }
  }
  foldedEnumCache.set(labels, byFolded);
  return byFolded;
}

/** Reads an ISO 3166-1 alpha-2 country code in any case, or "France". */
export function parseCountry(text: string): Parsed<string> {
  const upper = text.toUpperCase();
  if (isCountryCode(upper)) return { value: upper };
  if (foldText(text) === 'france') return { value: 'FR' };
  return {
    error: `"${text}" is not a country code: write the ISO 3166-1 alpha-2 code, such as FR`,
  };
}
