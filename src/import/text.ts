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
 * Normalises a CSV header name: folded, every run of other characters than letters and digits
 * turned into `_`, the linking words de/du/d' dropped, and `N°`, `No` or `Num` before RG or
 * dossier read as `numero`. " Numéro RG", "numero-rg", "NUMERO_RG" and "N° RG" all become
 * `numero_rg`, and "Date de nomination" becomes `date_nomination`.
 */
export function normaliseHeader(header: string): string {
  const words = foldText(header.replace(/^\ufeff/, ''))
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  const kept = words.filter(
    (word, index) => index === 0 || index === words.length - 1 || !linkingWords.has(word),
  );
  return kept.join('_').replace(/^(?:n|no|num)_(rg|dossier)$/, 'numero_$1');
}

const linkingWords = new Set(['de', 'du', 'd']);

/** A cleaned cell and the repairs `cleanCell` made, so the caller can warn about them. */
export interface CleanedCell {
  value: string;
  hadNonBreakingSpace: boolean;
  hadSurroundingSpace: boolean;
  /** True when a spreadsheet's text marker `'` was removed before a digit, as in `'01000`. */
  hadLeadingApostrophe: boolean;
}

/**
 * Replaces non-breaking spaces with plain ones, trims a cell, and removes the apostrophe that
 * spreadsheets put before digits to keep them as text, reporting each repair.
 */
export function cleanCell(raw: string): CleanedCell {
  const withPlainSpaces = raw.replace(/[\u00a0\u202f]/g, ' ');
  const trimmed = withPlainSpaces.trim();
  const hadLeadingApostrophe = /^['\u2019]\d/.test(trimmed);
  return {
    value: hadLeadingApostrophe ? trimmed.slice(1) : trimmed,
    hadNonBreakingSpace: withPlainSpaces !== raw,
    hadSurroundingSpace: trimmed !== withPlainSpaces,
    hadLeadingApostrophe,
  };
}
