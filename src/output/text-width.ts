/** Returns the number of terminal columns `text` takes, counting each code point as one. */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text.normalize('NFC')) {
    // Combining marks left after normalisation take no column of their own.
    if (!/\p{M}/u.test(character)) width += 1;
  }
  return width;
}

/** Cuts `text` to `width` columns, ending with `…` when something was removed. */
export function truncateText(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  const characters = [...text.normalize('NFC')];
  return `${characters.slice(0, width - 1).join('')}…`;
}

/** Pads `text` with spaces on the right up to `width` columns. */
export function padText(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}
