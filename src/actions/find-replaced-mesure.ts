import { normaliseNumeroRg } from '../mesure/numero-rg.js';

import type { ApiClient } from '../api/types.js';
import type { Mesure, MesurePayload } from '../mesure/types.js';

/**
 * Returns the user's mesure that `POST /mesures` would overwrite with `payload`, if any. The
 * server upserts on the tribunal and the normalised numero RG, so a mesure with both the same is
 * replaced, losing its états history and ressources. `mesures` is a listing already fetched;
 * without it, one `GET /mesures` lists every status.
 */
export async function findMesureReplacedBy(
  api: ApiClient,
  payload: Pick<MesurePayload, 'numero_rg' | 'tribunal_siret'>,
  mesures?: Mesure[],
): Promise<Mesure | undefined> {
  return findMesureWithSameRg(api, payload, { mesures });
}

/**
 * Returns the user's mesure, other than `exceptId`, with the tribunal and normalised numero RG
 * of `payload`. The server keeps one mesure per pair: a create overwrites it, and an update that
 * gives another mesure that pair fails on the database's unique constraint.
 */
export async function findMesureWithSameRg(
  api: ApiClient,
  payload: Pick<MesurePayload, 'numero_rg' | 'tribunal_siret'>,
  options: { mesures?: Mesure[]; exceptId?: number } = {},
): Promise<Mesure | undefined> {
  const listed = options.mesures ?? (await api.listMesures());
  const numeroRg = normaliseNumeroRg(String(payload.numero_rg));
  return listed.find(
    (mesure) =>
      mesure.id !== options.exceptId &&
      mesure.tribunal_siret === payload.tribunal_siret &&
      normaliseNumeroRg(mesure.numero_rg) === numeroRg,
  );
}

/** Describes what creating over `existing` would lose, for the confirmation and the error. */
export function describeReplacement(existing: Mesure): string {
  const etats = (existing.etats ?? []).length;
  const ressources = (existing.ressources ?? []).length;
  return (
    `This would replace mesure ${existing.id} (RG ${existing.numero_rg}, tribunal ${existing.tribunal_siret}, ` +
    `its ${etats} ${etats === 1 ? 'état' : 'états'} and ${ressources} ${ressources === 1 ? 'ressource' : 'ressources'}), ` +
    'because eMJPM keeps one mesure per tribunal and numero RG.'
  );
}
