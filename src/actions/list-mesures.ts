import { mesureStatuses } from '../mesure/enums.js';

import type { ApiClient, MesureWithStatus } from '../api/types.js';
import type { MesureStatus } from '../mesure/enums.js';
import type { OutputSink } from '../output/sink.js';

/**
 * Lists the user's mesures with their status. The server does not return the status, so each
 * status is listed on its own and attached; without a filter the three lists are merged. The
 * server returns rows in no stable order, so the result is sorted by id.
 */
export async function listMesuresWithStatus(
  api: ApiClient,
  options: { status?: MesureStatus },
  sink: OutputSink,
): Promise<MesureWithStatus[]> {
  const statuses = options.status === undefined ? mesureStatuses : [options.status];
  const byId = new Map<number, MesureWithStatus>();

  for (const [index, status] of statuses.entries()) {
    sink.progress('Listing mesures by status', index, statuses.length);
    for (const mesure of await api.listMesures(status)) {
      // A mesure whose end date passes between two calls could appear under two statuses.
      if (!byId.has(mesure.id)) byId.set(mesure.id, { ...mesure, status });
    }
  }
  sink.progress('Listing mesures by status', statuses.length, statuses.length);

  return [...byId.values()].sort((left, right) => left.id - right.id);
}

/** Counts mesures per status, every status present even when zero. */
export function countByStatus(mesures: MesureWithStatus[]): Record<MesureStatus, number> {
  const counts = Object.fromEntries(mesureStatuses.map((status) => [status, 0])) as Record<MesureStatus, number>;
  for (const mesure of mesures) if (mesure.status !== undefined) counts[mesure.status] += 1;
  return counts;
}
