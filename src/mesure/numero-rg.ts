/** Length of a numero RG as the eMJPM server stores it. */
export const numeroRgLength = 8;

/** What the server's normalisation did to a numero RG, so the import can warn about losses. */
export interface NumeroRgNormalisation {
  /** The value the server stores: `[A-Z0-9]`, first 8 characters, left-padded with `0`. */
  value: string;
  /** Alphanumeric characters dropped after the 8th, or '' when nothing was cut. */
  truncated: string;
  /** Number of `0` characters added on the left. */
  padding: number;
}

/**
 * Normalises a numero RG the way the eMJPM server does before it stores or matches one: keep
 * `[A-Za-z0-9]`, upper-case, keep the first 8 characters, left-pad with `0` to 8.
 */
export function normaliseNumeroRg(raw: string): string {
  return describeNumeroRgNormalisation(raw).value;
}

/**
 * Normalises a numero RG and reports what the normalisation lost. "rg-2020/123" becomes
 * "RG202012" with `truncated` "3": two RGs that differ only after the 8th character collide.
 */
export function describeNumeroRgNormalisation(raw: string): NumeroRgNormalisation {
  const alphanumeric = raw.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  const kept = alphanumeric.slice(0, numeroRgLength);
  const truncated = alphanumeric.slice(numeroRgLength);
  const value = kept.padStart(numeroRgLength, '0');
  return { value, truncated, padding: value.length - kept.length };
}

/** The message the server uses for `strictNumeroRG`; emjpm checks the rule locally instead. */
export const strictNumeroRgMessage =
  'Numero RG must contain exactly 8 uppercase alphanumeric characters';

/**
 * Returns whether `raw` already is exactly 8 upper-case letters or digits, the rule of
 * `--strict-rg`. The server's own `strictNumeroRG` flag rejects the request but saves the
 * mesures anyway, so emjpm never sends it.
 */
export function isStrictNumeroRg(raw: string): boolean {
  return /^[A-Z0-9]{8}$/.test(raw);
}
