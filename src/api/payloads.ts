import { InvalidInputError } from '../cli/errors.js';

import type { Mesure, MesurePayload } from '../mesure/types.js';

/** Fields the server adds to a mesure; a request body never carries them. */
const serverFields = ['id', 'editor_id', 'created_at', 'latitude', 'longitude'] as const;

/**
 * Fields never sent. `strictNumeroRG: true` makes the server respond 422 yet save the mesure
 * anyway, and `status` is derived by the server from `date_fin_mesure`.
 */
const droppedFields = ['strictNumeroRG', 'status'] as const;

/** Maximum number of mesures the server accepts in one batch. */
export const maxBatchSize = 1000;

/**
 * Maximum JSON size of a batch body. The server refuses bodies above 10 MB with a generic 500,
 * so batches stay well under it.
 */
export const maxBatchBytes = 8 * 1024 * 1024;

/** Converts a mesure as returned into the body that `PUT /mesures/{id}` accepts. */
export function payloadFromMesure(mesure: Mesure): MesurePayload {
  const copy = structuredClone(mesure) as unknown as Record<string, unknown>;
  for (const field of [...serverFields, ...droppedFields]) delete copy[field];
  const payload = copy as unknown as MesurePayload;
  // The server returns `niveau_ressource` as a string of digits but validates a number.
  payload.ressources = (payload.ressources ?? []).map((ressource) => ({
    ...ressource,
    niveau_ressource: toNumberIfDigits(ressource.niveau_ressource),
  }));
  return payload;
}

/** Returns the JSON body for one mesure, without the fields the server must not receive. */
export function requestBody(payload: MesurePayload): Record<string, unknown> {
  const body: Record<string, unknown> = { ...payload };
  for (const field of [...serverFields, ...droppedFields]) delete body[field];
  return body;
}

/**
 * Returns the batch body, rejecting what the server cannot take: more than 1000 items, and any
 * non-null `antenne_id`, which makes the server never respond. Antennes are set afterwards by
 * `PUT /mesures/{id}`.
 */
export function batchBody(payloads: MesurePayload[]): { mesures: Record<string, unknown>[] } {
  if (payloads.length > maxBatchSize) {
    throw new InvalidInputError(
      `A batch contains at most ${maxBatchSize} mesures; this one has ${payloads.length}.`,
      `Split the mesures into batches of ${maxBatchSize} or fewer.`,
    );
  }
  const withAntenne = payloads.flatMap((payload, index) =>
    payload.antenne_id != null ? [`mesures[${index}] (numero_rg ${payload.numero_rg})`] : [],
  );
  if (withAntenne.length > 0) {
    throw new InvalidInputError(
      `A batch cannot set antenne_id, because the eMJPM server never responds to such a batch. Items with an antenne_id: ${withAntenne.slice(0, 5).join(', ')}${withAntenne.length > 5 ? `, and ${withAntenne.length - 5} more` : ''}.`,
      'Send the batch with antenne_id null, then set each antenne with `emjpm mesures update <id> --set antenne_id=<id>`.',
    );
  }
  return { mesures: payloads.map(requestBody) };
}

function toNumberIfDigits(value: number | string): number | string {
  return typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}
