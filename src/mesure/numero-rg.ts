/** Length of a numero RG as the eMJPM server stores it. */
export const numeroRgLength = 8;

/** Outcome of the server's normalisation of a numero RG, so the import can warn about losses. */
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

/** The rule of `--strict-rg`, for messages. */
export const strictNumeroRgMessage =
  'numero RG must have exactly 8 letters or digits once separators are removed, so that eMJPM stores it without cutting or padding it';

/**
 * Returns whether `raw` keeps exactly 8 letters or digits once every other character (`/`, `-`,
 * spaces…) is removed, the rule of `--strict-rg`: eMJPM then stores those 8 characters upper-cased,
 * with nothing cut or padded. The server's own `strictNumeroRG` flag rejects the request but saves
 * the mesures anyway, so emjpm never sends it and checks this rule itself.
 */
export function isStrictNumeroRg(raw: string): boolean {
  return raw.replace(/[^A-Za-z0-9]/g, '').length === numeroRgLength;
}
