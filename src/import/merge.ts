import { canonicalEtat, payloadFromMesure, sortEtats } from './payload.js';
import type { MappedRow } from './mapped-row.js';
import type { Etat, Mesure, MesurePayload } from '../mesure/types.js';

/**
 * Builds the update body of a remote mesure from a row, keeping what the row cannot express: the
 * fields its format does not carry, the remote état history and the remote ressources. When the
 * row's current état differs from the latest remote one, a new état is added, dated by the row's
 * `date_changement_etat` when the format has one and `today` otherwise. An NDJSON row's `etats`
 * and `ressources` replace the remote ones.
 */
export function mergeRowIntoMesure(remote: Mesure, row: MappedRow, today: string): MesurePayload {
  return mergeRowIntoPayload(payloadFromMesure(remote), row, today);
}

/**
 * Builds the update body as `mergeRowIntoMesure` does, from the body of the remote mesure
 * (`payloadFromMesure`), so that a caller that also needs that body builds it once.
 */
export function mergeRowIntoPayload(
  base: MesurePayload,
  row: MappedRow,
  today: string,
): MesurePayload {
  const merged = { ...base, ...row.mesure } as MesurePayload;
  if (row.etats) merged.etats = row.etats;
  else if (Object.keys(row.etat).length > 0)
    merged.etats = applyCurrentEtat(base.etats, row.etat, today);
  if (row.ressources) merged.ressources = row.ressources;
  return merged;
}

/**
 * Returns the état history with the row's current état applied. States with the same date
 * collapse on the server, so a new état on the date of an existing one replaces it.
 */
export function applyCurrentEtat(
  remoteEtats: Etat[],
  current: Partial<Etat>,
  today: string,
): Etat[] {
  const history = sortEtats(remoteEtats);
  const latest = history[history.length - 1];
  const candidate = { ...latest, ...current } as Etat;
  if (latest && sameSituation(candidate, latest)) return history;

  // NOTE: a row whose état matches the latest remote one but carries another date is taken as
  // unchanged, so a corrected date_changement_etat alone is not sent.
  const date = current.date_changement_etat ?? today;
  const added: Etat = { ...candidate, date_changement_etat: date };
  return sortEtats([...history.filter((etat) => etat.date_changement_etat !== date), added]);
}

function sameSituation(a: Etat, b: Etat): boolean {
  const before = canonicalEtat(a);
  const after = canonicalEtat(b);
  return before.every((value, index) => sameJsonValue(value, after[index]));
}

/**
 * Returns whether two values write the same JSON, without writing it for strings: a string only
 * equals a string, and other values, such as `undefined` and `null`, are compared as JSON.
 */
function sameJsonValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
