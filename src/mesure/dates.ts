/**
 * Returns whether `value` is a calendar date written `yyyy-MM-dd`, the only date form the server
 * accepts (it rejects `dd/mm/yyyy` and ISO date-times with "Invalid value").
 */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  return isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Returns whether the year, month (1–12) and day exist in the Gregorian calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCDate() === day;
}

/** Formats a year, month (1–12) and day as `yyyy-MM-dd`. */
export function formatIsoDate(year: number, month: number, day: number): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Today's date in the local time zone as `yyyy-MM-dd`. */
export function todayIsoDate(now: Date = new Date()): string {
  return formatIsoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
