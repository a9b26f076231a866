import { formatIsoDate, isCalendarDate } from '../mesure/dates.js';
import { foldText } from './text.js';
import type { Parsed } from './values.js';

/**
 * A date layout made of `dd`/`d`, `MM`/`M` and `yyyy`/`yy` with any separators, such as
 * `dd/MM/yyyy`. `auto` accepts `dd/mm/yyyy` and `yyyy-MM-dd`, each also with `/`, `-` or `.`,
 * and dates with a month name.
 */
export type DateFormat = string;

export interface DateOptions {
  format?: DateFormat;
  /** Century for two-digit years (`--century 20` reads 28/11/10 as 2010-11-28); rejected otherwise. */
  century?: number;
}

interface DateParts {
  day: string;
  month: string;
  year: string;
}

/**
 * Parses a date cell into `yyyy-MM-dd`. A time after the date, as spreadsheets add it, is
 * dropped: silently at midnight, with a warning otherwise. A spreadsheet serial number is read
 * with a warning. Two-digit years are rejected with the fix.
 */
export function parseDate(text: string, options: DateOptions = {}): Parsed<string> {
  const time = /[ T](\d{1,2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  const withoutTime = time ? text.slice(0, time.index) : text;
  const serial = /^(\d{5})([.,]\d+)?$/.exec(withoutTime);
  if (serial) return readSerialDate(text, Number(serial[1]));
  const parts = splitDate(withoutTime, options.format);
  if (!parts) {
    const expected = options.format && options.format !== 'auto' ? options.format : 'dd/mm/yyyy';
    return { error: `"${text}" is not a date: write it as ${expected}` };
  }
  const parsed = expandDate(text, parts, options.century);
  const midnight = !time || (Number(time[1]) === 0 && Number(time[2]) === 0);
  if (parsed.error !== undefined || midnight) return parsed;
  return {
    value: parsed.value,
    warning: parsed.warning ?? `time of "${text}" dropped: read as ${parsed.value}`,
  };
}

/** Day 0 of the serial numbers of Excel and LibreOffice (their default 1900 date system). */
const serialEpochMs = Date.UTC(1899, 11, 30);
const dayMs = 24 * 60 * 60 * 1000;

/**
 * Reads a spreadsheet serial number, a count of days, as a date. Five digits cover 1927 to 2173.
 */
// NOTE: a workbook in the 1904 date system (Excel for Mac before 2011) counts from 1904-01-01,
// so its serial numbers read 4 years and 1 day too early. The warning shows the date read.
function readSerialDate(text: string, days: number): Parsed<string> {
  const date = new Date(serialEpochMs + days * dayMs);
  const value = formatIsoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  return {
    value,
    warning: `"${text}" is a spreadsheet serial number, read as ${value} in the 1900 date system of Excel and LibreOffice: format the column as a date dd/mm/yyyy to avoid this`,
  };
}

function splitDate(text: string, format: DateFormat | undefined): DateParts | undefined {
  if (format && format !== 'auto') return splitWithFormat(text, format);
  const iso = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(text);
  if (iso) return { year: iso[1]!, month: iso[3]!, day: iso[4]! };
  const french = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})$/.exec(text);
  if (french) return { day: french[1]!, month: french[3]!, year: french[4]! };
  return splitMonthName(text);
}

/** Month numbers by name and abbreviation, French and English, folded and without dots. */
const monthNumbers: Record<string, number> = {};
const monthNames = [
  ['janvier', 'janv', 'jan', 'january'],
  ['fevrier', 'fevr', 'fev', 'feb', 'february'],
  ['mars', 'mar', 'march'],
  ['avril', 'avr', 'apr', 'april'],
  ['mai', 'may'],
  ['juin', 'jun', 'june'],
  ['juillet', 'juil', 'jul', 'july'],
  ['aout', 'aug', 'august'],
  ['septembre', 'sept', 'sep', 'september'],
  ['octobre', 'oct', 'october'],
  ['novembre', 'nov', 'november'],
  ['decembre', 'dec', 'december'],
];
monthNames.forEach((names, index) => {
  for (const name of names) monthNumbers[name] = index + 1;
});

/**
 * Splits a date whose month is a name, as spreadsheets display dates: "12 janvier 2021",
 * "1er févr. 2021", "12-janv.-21" or "12-Jan-2021".
 */
function splitMonthName(text: string): DateParts | undefined {
  const match = /^(\d{1,2})(?:er)?[\s/-]+([^\d\s/-]+?)\.?[\s/-]+(\d{2}|\d{4})$/i.exec(text);
  if (!match) return undefined;
  const month = monthNumbers[foldText(match[2]!).replace(/\./g, '')];
  if (month === undefined) return undefined;
  return { day: match[1]!, month: String(month), year: match[3]! };
}

function splitWithFormat(text: string, format: DateFormat): DateParts | undefined {
  const groups: (keyof DateParts)[] = [];
  const pattern = format.replace(/yyyy|yy|MM|M|dd|d|[^A-Za-z]/g, (token) => {
    if (/^y+$/.test(token)) {
      groups.push('year');
      return token.length === 4 ? '(\\d{4}|\\d{2})' : '(\\d{2}|\\d{4})';
    }
    if (/^M+$/.test(token)) {
      groups.push('month');
      return '(\\d{1,2})';
    }
    if (/^d+$/.test(token)) {
      groups.push('day');
      return '(\\d{1,2})';
    }
    return token.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  });
  const match = new RegExp(`^${pattern}$`).exec(text);
  if (!match || groups.length !== 3) return undefined;
  const parts: Partial<DateParts> = {};
  groups.forEach((group, index) => (parts[group] = match[index + 1]));
  return parts as DateParts;
}

function expandDate(text: string, parts: DateParts, century: number | undefined): Parsed<string> {
  let year = Number(parts.year);
  let warning: string | undefined;
  if (parts.year.length === 2) {
    if (century === undefined) {
      return {
        error: `"${text}" has a two-digit year: write the year with four digits, or pass --century 20 (or 19) to read it as 20${parts.year} (or 19${parts.year})`,
      };
    }
    year = century * 100 + year;
    warning = `two-digit year in "${text}" read as ${year} (--century ${century})`;
  }
  const month = Number(parts.month);
  const day = Number(parts.day);
  if (!isCalendarDate(year, month, day))
    return { error: `"${text}" is not a calendar date: check the day and the month` };
  return { value: formatIsoDate(year, month, day), warning };
}
