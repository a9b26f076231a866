import type { Etat, MesurePayload, Ressource } from '../mesure/types.js';

/** Mesure-level fields of a payload; a key is present only when the input carries that field. */
export type MesureFields = Partial<Omit<MesurePayload, 'etats' | 'ressources'>>;

/**
 * One input row turned into API fields. Only the fields the input format carries are present,
 * so that an update changes those and keeps the rest of the remote mesure.
 */
export interface MappedRow {
  line: number;
  mesure: MesureFields;
  /** The row's current état; dated by `date_changement_etat` only when the format has it. */
  etat: Partial<Etat>;
  /** The whole état history (NDJSON), replacing the remote one. */
  etats?: Etat[];
  /** The whole ressource list (NDJSON), replacing the remote one. */
  ressources?: Ressource[];
  /** Antenne name to resolve to `antenne_id` through the user's antennes. */
  antenneName?: string;
  /** Input column of each API field, for messages about a field. */
  columns: Record<string, string>;
}
