import { InvalidInputError } from '../cli/errors.js';
import { listMesuresWithStatus } from './list-mesures.js';

import type { ApiClient, MesureWithStatus } from '../api/types.js';
import type { OutputSink } from '../output/sink.js';

/** Above this many ids, one listing per status costs fewer requests than one GET per id. */
const maxIdsCheckedOneByOne = 3;

export interface DeletionResult {
  deleted: MesureWithStatus[];
  /** Mesures the server reported as not deleted (`affected_rows` 0), such as one deleted meanwhile. */
  notDeleted: MesureWithStatus[];
}

/**
 * Returns the user's own mesures with the given ids, or throws `InvalidInputError` naming the ids
 * that are not among them. Deleting another user's id makes the server delete that mesure's
 * états and ressources before it notices, so ids are only deleted after this check.
 */
export async function findOwnMesures(
  api: ApiClient,
  ids: number[],
  sink: OutputSink,
): Promise<MesureWithStatus[]> {
  const requestedIds = [...new Set(ids)];
  const own = new Map<number, MesureWithStatus>();

  if (requestedIds.length <= maxIdsCheckedOneByOne) {
    for (const id of requestedIds) {
      const mesure = await getIfOwn(api, id);
      if (mesure !== undefined) own.set(id, mesure);
    }
  } else {
    const listed = await listMesuresWithStatus(api, {}, sink);
    for (const mesure of listed) if (requestedIds.includes(mesure.id)) own.set(mesure.id, mesure);
  }

  const missing = requestedIds.filter((id) => !own.has(id));
  if (missing.length > 0) {
    const names = missing.length === 1 ? `Mesure ${missing[0]} is` : `Mesures ${missing.join(', ')} are`;
    throw new InvalidInputError(
      `${names} not among your mesures, so nothing was deleted.`,
      'Run `emjpm mesures list` to see the ids of your mesures. emjpm only deletes ids it has just found in your own mesures, because the server damages the mesure of another user when asked to delete its id.',
    );
  }
  return requestedIds.map((id) => own.get(id) as MesureWithStatus);
}

/**
 * Deletes the given mesures one by one, reporting progress. Each outcome is pushed to `result`
 * as it arrives, so a caller interrupted midway can still tell which mesures are gone.
 */
export async function deleteMesures(
  api: ApiClient,
  mesures: MesureWithStatus[],
  sink: OutputSink,
  result: DeletionResult = { deleted: [], notDeleted: [] },
): Promise<DeletionResult> {
  for (const [index, mesure] of mesures.entries()) {
    sink.progress('Deleting mesures', index, mesures.length);
    const affectedRows = await api.deleteMesure(mesure.id);
    (affectedRows > 0 ? result.deleted : result.notDeleted).push(mesure);
  }
  sink.progress('Deleting mesures', mesures.length, mesures.length);
  return result;
}

async function getIfOwn(api: ApiClient, id: number): Promise<MesureWithStatus | undefined> {
  try {
    return await api.getMesure(id);
  } catch (error) {
    // The server responds 404 both for an unknown id and for another user's mesure.
    if (error instanceof Error && 'status' in error && error.status === 404) return undefined;
    throw error;
  }
}
