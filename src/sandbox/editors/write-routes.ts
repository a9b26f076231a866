import { sendJson } from '../http/respond.js';
import { dayOf } from './dates.js';
import { draftMesure } from './mesure-draft.js';
import { viewMesure } from './mesure-view.js';
import { isStrictNumeroRg } from './numero-rg.js';
import { readIntegerColumn } from './postgres-input.js';
import { commitMesures, planReplacement, planUpsert } from './save.js';
import { SaveError } from './save-error.js';
import {
  fieldsOf,
  readAntenneId,
  resolveCourt,
  validateAntenne,
  validateMesureFields,
} from './validation.js';

import type { Court } from '../reference-data.js';
import type { StoredMesure } from '../store/types.js';
import type { EditorsCall } from './call.js';
import type { Writer } from './save.js';
import type { BusinessError, ValidatorError } from './validation.js';

type Fields = Record<string, unknown>;

export const MAX_BATCH_SIZE = 1000;

// Production's text goes on after "characters", and only this beginning is recorded.
const STRICT_RG_MESSAGE = 'Numero RG must contain exactly 8 uppercase alphanumeric characters';

/** `POST /mesures`: validates, then upserts on (owner, court, normalised RG). Responds 201. */
export function createMesure(call: EditorsCall): void {
  const body = fieldsOf(call.body);
  const court = validateSingle(call, body);
  if (!court) {
    return;
  }
  const saved = save(call, () => [
    planUpsert(call.context.mesures, writerOf(call), draftOf(call, body, court)),
  ]);
  if (!saved) {
    return;
  }
  finishWrite(call, saved, [body], () => viewMesure(saved[0]!));
}

/**
 * `PUT /mesures/{id}`: full replacement of the caller's mesure, antenne included. Responds 201,
 * or 422 for an id that is not the caller's.
 */
export function replaceMesure(call: EditorsCall): void {
  const body = fieldsOf(call.body);
  const court = validateSingle(call, body);
  if (!court) {
    return;
  }
  const id = attempt(call, () => readIntegerColumn(call.id, 'id'));
  if (id === undefined) {
    return;
  }
  const existing = call.context.mesures.get(id);
  if (!existing || existing.owner !== call.owner) {
    const [column, value] = ownerColumn(call);
    sendSaveError(
      call,
      new SaveError(`mesure with id = ${id} not found with ${column} = ${value}`),
    );
    return;
  }
  const antenneId = readAntenneId(body.antenne_id) ?? null;
  const saved = save(call, () => [
    planReplacement(existing, writerOf(call), draftOf(call, body, court), antenneId),
  ]);
  if (!saved) {
    return;
  }
  finishWrite(call, saved, [body], () => viewMesure(saved[0]!));
}

/**
 * `POST /mesures/batch`: up to 1000 mesures in one transaction. An empty list, a missing
 * `mesures` key or a bare array saves nothing and gets 201. Any non-null antenne_id makes
 * production hang, so the sandbox does too.
 */
export function createBatch(call: EditorsCall): void {
  const envelope = call.body;
  const items = Array.isArray(envelope) ? undefined : fieldsOf(envelope).mesures;
  if (items === undefined || items === null || (Array.isArray(items) && items.length === 0)) {
    sendJson(call.exchange.response, 201, { mesures: [] });
    return;
  }
  if (!Array.isArray(items)) {
    sendSaveError(call, new SaveError('datas.mesures is not iterable'));
    return;
  }
  if (items.length > MAX_BATCH_SIZE) {
    sendJson(call.exchange.response, 422, {
      errors: [{ msg: `The number of mesures must be <= ${MAX_BATCH_SIZE}` }],
    });
    return;
  }
  const bodies = items.map(fieldsOf);
  if (bodies.some((body) => body.antenne_id !== undefined && body.antenne_id !== null)) {
    call.exchange.hang();
    return;
  }

  const courts = validateBatch(call, bodies);
  if (!courts) {
    return;
  }
  const writer = writerOf(call);
  const saved = save(call, () =>
    bodies.map((body, index) =>
      planUpsert(call.context.mesures, writer, draftOf(call, body, courts[index]!)),
    ),
  );
  if (!saved) {
    return;
  }
  const strictBatch = fieldsOf(envelope).strictNumeroRG === true;
  finishWrite(call, saved, bodies, () => ({ mesures: saved.map(viewMesure) }), strictBatch);
}

/**
 * Runs the single-mesure checks in production's order: the court first, hiding every other
 * error when it fails, then the express-validator rules, then the antenne.
 */
function validateSingle(call: EditorsCall, body: Fields): Court | undefined {
  const court = resolveCourt(body, call.context.reference);
  if (!court) {
    const error: BusinessError = {
      msg: 'siret is not valid',
      param: 'tribunal_siret',
      value: body.tribunal_siret ?? '',
    };
    sendJson(call.exchange.response, 422, { errors: [error] });
    return undefined;
  }
  const errors = validateMesureFields(body);
  if (errors.length > 0) {
    sendJson(call.exchange.response, 422, { errors });
    return undefined;
  }
  const antenneError = validateAntenne(body, call.caller.account, call.context.state.antennes);
  if (antenneError) {
    sendJson(call.exchange.response, 422, { errors: [antenneError] });
    return undefined;
  }
  return court;
}

/**
 * Validates every batch item; unknown courts are listed apart in `tiErrors`. Returns the
 * items' courts, or undefined after responding 422.
 */
function validateBatch(call: EditorsCall, bodies: Fields[]): Court[] | undefined {
  const courts: Court[] = [];
  const errors: ValidatorError[] = [];
  const tiErrors: BusinessError[] = [];
  bodies.forEach((body, index) => {
    const court = resolveCourt(body, call.context.reference);
    if (court) {
      courts.push(court);
    } else {
      tiErrors.push({
        msg: 'Le SIRET du Tribunal est invalide',
        param: 'tribunal_siret',
        value: body.tribunal_siret,
      });
    }
    errors.push(...validateMesureFields(body, `mesures[${index}].`));
  });
  if (errors.length === 0 && tiErrors.length === 0) {
    return courts;
  }
  // NOTE: how production combines `errors` and `tiErrors` when both occur is not recorded.
  // This sends `errors` always and `tiErrors` when a court is unknown.
  sendJson(call.exchange.response, 422, tiErrors.length > 0 ? { errors, tiErrors } : { errors });
  return undefined;
}

function draftOf(call: EditorsCall, body: Fields, court: Court) {
  return draftMesure(body, court, call.context.reference, dayOf(call.context.now()));
}

function writerOf(call: EditorsCall): Writer {
  return {
    owner: call.owner,
    editorId: call.caller.editorId,
    createdAt: new Date(call.context.now()).toISOString(),
  };
}

/** Plans and commits mesures. On a SaveError, responds 422 and returns undefined. */
function save(call: EditorsCall, plan: () => StoredMesure[]): StoredMesure[] | undefined {
  return attempt(call, () => commitMesures(call.context.mesures, plan()));
}

/** Runs one step of a write. On a SaveError, responds 422 and returns undefined. */
function attempt<T>(call: EditorsCall, step: () => T): T | undefined {
  try {
    return step();
  } catch (error) {
    if (error instanceof SaveError) {
      sendSaveError(call, error);
      return undefined;
    }
    throw error;
  }
}

function sendSaveError(call: EditorsCall, error: SaveError): void {
  sendJson(call.exchange.response, 422, { errors: [{ msg: error.message }] });
}

/**
 * Records the write, then responds 201, or 422 when `strictNumeroRG` was set and a sent RG is
 * not already 8 upper-case letters or digits: production saves the mesures in that case too.
 */
function finishWrite(
  call: EditorsCall,
  saved: StoredMesure[],
  bodies: Fields[],
  view: () => unknown,
  strictBatch = false,
): void {
  call.caller.account.editorLocked = true;
  call.context.stats.countWrite(saved.length);
  call.context.markChanged();

  const strictErrors = bodies
    .filter(
      (body) => (strictBatch || body.strictNumeroRG === true) && !isStrictNumeroRg(body.numero_rg),
    )
    .map((body) => ({ msg: STRICT_RG_MESSAGE, param: 'numero_rg', value: body.numero_rg }));
  if (strictErrors.length > 0) {
    sendJson(call.exchange.response, 422, { errors: strictErrors });
    return;
  }
  sendJson(call.exchange.response, 201, view());
}

function ownerColumn(call: EditorsCall): [string, number | null] {
  const account = call.caller.account;
  // NOTE: production's message is recorded for individual mandataires only. For a service
  // member the sandbox names service_id.
  return account.kind === 'service'
    ? ['service_id', account.serviceId]
    : ['mandataire_id', account.mandataireId];
}
