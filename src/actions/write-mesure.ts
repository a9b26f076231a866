import { payloadFromMesure } from '../api/payloads.js';
import { InvalidInputError } from '../cli/errors.js';
import { normaliseNumeroRg } from '../mesure/numero-rg.js';
import { applyAssignments } from './assignments.js';
import { checkMesurePayload } from './check-payload.js';
import { findMesureWithSameRg } from './find-replaced-mesure.js';

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
  const sameCase =
    current.tribunal_siret === payload.tribunal_siret &&
    normaliseNumeroRg(current.numero_rg) === normaliseNumeroRg(String(payload.numero_rg));
  if (!sameCase) await rejectTakenRg(api, id, payload);
  return api.updateMesure(id, payload);
}

/**
 * Replaces mesure `id` with `payload` and returns it as stored, after checking that no other
 * mesure of the user has its tribunal and numero RG.
 */
export async function replaceMesure(api: ApiClient, id: number, payload: MesurePayload): Promise<Mesure> {
  await rejectTakenRg(api, id, payload);
  return api.updateMesure(id, payload);
}

/**
 * Throws `InvalidInputError` naming the user's other mesure that already has the tribunal and
 * normalised numero RG of `payload`. The server would reject the update with a raw
 * unique-constraint error from its database.
 */
async function rejectTakenRg(api: ApiClient, id: number, payload: MesurePayload): Promise<void> {
  const other = await findMesureWithSameRg(api, payload, { exceptId: id });
  if (other === undefined) return;
  throw new InvalidInputError(
    `Mesure ${other.id} already has numero RG ${other.numero_rg} at tribunal ${other.tribunal_siret}, so mesure ${id} cannot take it: eMJPM keeps one mesure per tribunal and numero RG.`,
    `Run \`emjpm mesures get ${other.id}\` to compare the two mesures, and choose another numero_rg or delete one of them.`,
  );
}
