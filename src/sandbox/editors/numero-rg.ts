/**
 * Normalises a numero_rg as the production server stores it: keeps only ASCII letters and
 * digits, upper-cases them, keeps the first 8 and left-pads with `0` to 8 characters.
 * Truncation drops the end, so `rg-2020/123` and `rg-2020/124` both become `RG202012`.
 */
export function normaliseNumeroRg(value: unknown): string {
  const kept = String(value)
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()
    .slice(0, 8);
  return kept.padStart(8, '0');
}

/** Tells whether a numero_rg is already strict: exactly 8 upper-case letters or digits. */
export function isStrictNumeroRg(value: unknown): boolean {
  return typeof value === 'string' && /^[A-Z0-9]{8}$/.test(value);
}
