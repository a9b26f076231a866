import { sendEmpty, sendJson } from '../http/respond.js';
import { STATUSES } from './enums.js';
import { viewMesure } from './mesure-view.js';
import { parseIntegerId } from './call.js';

import type { EditorsCall } from './call.js';

/** `GET /mesures?status=`: the owner's mesures in table order, without pagination. */
export function listMesures(call: EditorsCall): void {
  const status = call.exchange.query.status;
  let mesures = call.context.mesures.list(call.owner);
  if (Array.isArray(status)) {
    mesures = [];
  } else if (status !== undefined && status !== '') {
    mesures = STATUSES.includes(status) ? mesures.filter((mesure) => mesure.status === status) : [];
  }
  sendJson(call.exchange.response, 200, { mesures: mesures.map(viewMesure) });
}

/** `GET /mesures/{id}`: 404 with no body for a missing id or another owner's mesure. */
export function getMesure(call: EditorsCall): void {
  const id = parseIntegerId(call.id);
  if (id === undefined) {
    sendJson(call.exchange.response, 400, {
      errors: [{ msg: 'oups, something goes wrong. please contact support.' }],
    });
    return;
  }
  const mesure = call.context.mesures.get(id);
  if (!mesure || mesure.owner !== call.owner) {
    sendEmpty(call.exchange.response, 404);
    return;
  }
  sendJson(call.exchange.response, 200, viewMesure(mesure));
}

/** `GET /service-antennes`: the antennes of the caller's service, none for an individual. */
export function listAntennes(call: EditorsCall): void {
  const serviceId = call.caller.account.serviceId;
  const antennes = call.context.state.antennes
    .filter((antenne) => serviceId !== null && antenne.serviceId === serviceId)
    .map(({ id, nom, adresse, code_postal, ville }) => ({ id, nom, adresse, code_postal, ville }));
  sendJson(call.exchange.response, 200, { antennes });
}

/** `GET /tribunaux`: every court a `tribunal_siret` may name. */
export function listTribunaux(call: EditorsCall): void {
  const tribunaux = call.context.reference.courts.map((court) => ({
    siret: court.siret,
    nom: court.nom,
    adresse: court.adresse,
    code_postal: court.code_postal,
    ville: court.ville,
    latitude: court.latitude,
    longitude: court.longitude,
  }));
  sendJson(call.exchange.response, 200, { tribunaux });
}
