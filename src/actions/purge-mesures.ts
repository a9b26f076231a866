import { countByStatus, listMesuresWithStatus } from './list-mesures.js';
import { deleteMesures } from './delete-mesures.js';

import type { ApiClient, MesureWithStatus } from '../api/types.js';
import type { DeletionResult } from './delete-mesures.js';
import type { MesureStatus } from '../mesure/enums.js';
import type { OutputSink } from '../output/sink.js';

export interface PurgePlan {
  includePending: boolean;
  counts: Record<MesureStatus, number>;
  /** Mesures that the purge will delete. */
  toDelete: MesureWithStatus[];
  /** `en_attente` mesures that stay, when `includePending` is false. */
  kept: MesureWithStatus[];
}

/** Lists the user's mesures and decides which ones a purge deletes. */
export async function planPurge(
  api: ApiClient,
  options: { includePending: boolean },
  sink: OutputSink,
): Promise<PurgePlan> {
  const mesures = await listMesuresWithStatus(api, {}, sink);
  const isKept = (mesure: MesureWithStatus) => !options.includePending && mesure.status === 'en_attente';
  return {
    includePending: options.includePending,
    counts: countByStatus(mesures),
    toDelete: mesures.filter((mesure) => !isKept(mesure)),
    kept: mesures.filter(isKept),
  };
}

/**
 * Deletes what the plan lists and returns the number of mesures deleted, pushing each one-by-one
 * outcome to `result` as `deleteMesures` does. `DELETE /mesures` also
 * deletes `en_attente` mesures regardless of its flag, so it is used only with `includePending`;
 * otherwise the other mesures are deleted one by one.
 */
export async function runPurge(
  api: ApiClient,
  plan: PurgePlan,
  sink: OutputSink,
  result: DeletionResult = { deleted: [], notDeleted: [] },
): Promise<number> {
  if (plan.toDelete.length === 0) return 0;
  if (plan.includePending) return api.purgeMesures();
  await deleteMesures(api, plan.toDelete, sink, result);
  return result.deleted.length;
}
