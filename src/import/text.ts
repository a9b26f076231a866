/**
 * Folds text for tolerant comparison: no accents, lower case, typographic apostrophes as plain
 * ones, inner white space collapsed, no surrounding space.
 * "  Curatelle Renforcée  à la personne" and "curatelle renforcee a la personne" fold alike.
 */
export function foldText(text: string): string {
  if (plainAsciiWords.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Printable ASCII words separated by single spaces: text that folding only lowers, since it has no
 * accents, typographic apostrophes or extra spaces.
 */
const plainAsciiWords = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

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
  /**
   * The marker that keeps a value as text in a spreadsheet, removed: `'` before digits as in
   * `'01000`, or the formula `="01000"`.
   */
  textMarker: "'" | '="…"' | undefined;
}

/**
 * Replaces non-breaking spaces with plain ones, trims a cell, and removes the markers that keep
 * digits as text in spreadsheets, reporting each repair. `NULL` and `\N`, which database exports
 * write for a missing value, read as an empty cell.
 */
export function cleanCell(raw: string): CleanedCell {
  const withPlainSpaces = nonBreakingSpace.test(raw) ? raw.replace(nonBreakingSpaces, ' ') : raw;
  const trimmed = withPlainSpaces.trim();
  const cleaned: CleanedCell = {
    value: trimmed,
    hadNonBreakingSpace: withPlainSpaces !== raw,
    hadSurroundingSpace: trimmed !== withPlainSpaces,
    textMarker: undefined,
  };
  if (/^(null|\\n)$/i.test(trimmed)) {
    cleaned.value = '';
  } else if (/^['\u2019]\d/.test(trimmed)) {
    cleaned.value = trimmed.slice(1);
    cleaned.textMarker = "'";
  } else {
    const formula = /^="(.*)"$/.exec(trimmed);
    if (formula) {
      cleaned.value = formula[1]!.trim();
      cleaned.textMarker = '="…"';
    }
  }
  return cleaned;
}

const nonBreakingSpace = /[\u00a0\u202f]/;
const nonBreakingSpaces = /[\u00a0\u202f]/g;
