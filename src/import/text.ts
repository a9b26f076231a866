/**
 * Folds text for tolerant comparison: no accents, lower case, typographic apostrophes as plain
 * ones, inner white space collapsed, no surrounding space.
 * "  Curatelle Renforcée  à la personne" and "curatelle renforcee a la personne" fold alike.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Normalises a CSV header name: folded, with spaces, dashes and dots turned into `_`, so
 * " Numéro RG", "numero-rg" and "NUMERO_RG" all become `numero_rg`.
 */
export function normaliseHeader(header: string): string {
  return foldText(header.replace(/^\ufeff/, ''))
    .replace(/[\s.-]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** A cleaned cell and the repairs `cleanCell` made, so the caller can warn about them. */
export interface CleanedCell {
  value: string;
  hadNonBreakingSpace: boolean;
  hadSurroundingSpace: boolean;
}

/** Replaces non-breaking spaces with plain ones and trims a cell, reporting each repair. */
export function cleanCell(raw: string): CleanedCell {
  const withPlainSpaces = raw.replace(/[\u00a0\u202f]/g, ' ');
  const value = withPlainSpaces.trim();
  return {
    value,
    hadNonBreakingSpace: withPlainSpaces !== raw,
    hadSurroundingSpace: value !== withPlainSpaces,
  };
}
