import type { Tribunal } from '../mesure/types.js';

/**
 * Keeps the courts whose name, city, postal code or SIRET contains every word of `search`,
 * ignoring case and accents ("evry" finds "Évry-Courcouronnes").
 */
export function searchTribunaux(tribunaux: Tribunal[], search: string | undefined): Tribunal[] {
  const words = fold(search ?? '').split(/\s+/).filter(Boolean);
  if (words.length === 0) return tribunaux;
  return tribunaux.filter((tribunal) => {
    const text = fold([tribunal.nom, tribunal.ville, tribunal.code_postal, tribunal.siret].join(' '));
    return words.every((word) => text.includes(word));
  });
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}
