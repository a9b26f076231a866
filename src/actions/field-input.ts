import { formatIsoDate, isCalendarDate, isIsoDate } from '../mesure/dates.js';

/**
 * Reads a date typed by a person, as `yyyy-MM-dd` or as `dd/mm/yyyy` (the order French users
 * write and the tables show), and returns it as `yyyy-MM-dd`. Returns undefined for anything
 * else, such as a day that does not exist.
 */
export function parseDateInput(text: string): string | undefined {
  const trimmed = text.trim();
  if (isIsoDate(trimmed)) return trimmed;
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isCalendarDate(year, month, day) ? formatIsoDate(year, month, day) : undefined;
}

/**
 * Reads an enumerated value typed by a person: the API value or its French label, ignoring
 * case, accents and the kind of apostrophe ("en etablissement" finds `etablissement`). Returns
 * the API value, or undefined when nothing matches.
 */
export function parseEnumInput(labels: Record<string, string>, text: string): string | undefined {
  const typed = foldLabel(text);
  if (typed === '') return undefined;
  for (const [value, label] of Object.entries(labels)) {
    if (foldLabel(value) === typed || foldLabel(label) === typed) return value;
  }
  return undefined;
}

function foldLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
