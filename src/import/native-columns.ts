import { sortEtats } from './payload.js';
import type { MesureWithStatus } from '../api/types.js';
import type { Etat, Mesure } from '../mesure/types.js';

/** Mesure fields a client may write; `id`, `editor_id`, `created_at` and coordinates are read-only. */
export const writableMesureFields = [
  'numero_rg',
  'numero_dossier',
  'annee_naissance',
  'civilite',
  'date_nomination',
  'date_premier_mesure',
  'date_protection_en_cours',
  'date_fin_mesure',
  'cause_sortie',
  'resultat_revision',
  'antenne_id',
  'tribunal_siret',
  'tribunal_cabinet',
] as const;

/** Columns of the native format that the server sets, so the import does not read them. */
export const serverSetColumns = [
  'id',
  'latitude',
  'longitude',
  'editor_id',
  'created_at',
  'status',
] as const;

/**
 * Columns of the native CSV format: every field of the returned mesure, then its current
 * (latest) état, then the read-only fields and the status. `emjpm mesures export --output csv`
 * writes them and `emjpm mesures import` reads them back; the import ignores `id`, `latitude`,
 * `longitude`, `editor_id`, `created_at` and `status`, and matches mesures on court and RG.
 */
export const nativeColumns = [
  ...writableMesureFields,
  'date_changement_etat',
  'nature_mesure',
  'champ_mesure',
  'lieu_vie',
  'type_etablissement',
  'code_postal',
  'ville',
  'pays',
  ...serverSetColumns,
] as const;

/** Returns the cells of a mesure in `nativeColumns` order; null becomes an empty cell. */
export function nativeRow(mesure: Mesure | MesureWithStatus): unknown[] {
  const etats = sortEtats(mesure.etats ?? []);
  const current: Partial<Etat> = etats[etats.length - 1] ?? {};
  const fields = mesure as unknown as Record<string, unknown>;
  return nativeColumns.map((column) =>
    column in current ? current[column as keyof Etat] : fields[column],
  );
}
