import { payloadFromMesure } from '../api/payloads.js';
import { applyAssignments } from './assignments.js';
import { checkMesurePayload } from './check-payload.js';

import type { ApiClient } from '../api/types.js';
import type { Mesure, MesurePayload } from '../mesure/types.js';
import type { OutputSink } from '../output/sink.js';

/**
 * Creates a mesure and returns it as stored. `POST /mesures` validates `antenne_id` but stores
 * null, so a requested antenne is set by a `PUT` of the mesure just created.
 */
export async function createMesure(api: ApiClient, payload: MesurePayload, sink: OutputSink): Promise<Mesure> {
  const created = await api.createMesure(payload);
  if (payload.antenne_id == null || created.antenne_id === payload.antenne_id) return created;

  sink.info(`Mesure ${created.id} created; setting its antenne ${payload.antenne_id}.`);
  return api.updateMesure(created.id, { ...payloadFromMesure(created), antenne_id: payload.antenne_id });
}

/**
 * Fetches a mesure, applies `field=value` assignments and sends the whole mesure back, since
 * `PUT /mesures/{id}` replaces every field. Returns the mesure as stored.
 */
export async function updateMesureFields(
  api: ApiClient,
  id: number,
  assignments: string[],
  sink: OutputSink,
): Promise<Mesure> {
  const current = await api.getMesure(id);
  const changed = applyAssignments(payloadFromMesure(current), assignments);
  const payload = checkMesurePayload(changed, `Mesure ${id} after the changes`, sink);
  return api.updateMesure(id, payload);
}
