import { sendJson } from '../http/respond.js';
import { parseIntegerId } from './call.js';

import type { EditorsCall } from './call.js';

/**
 * `DELETE /mesures/{id}`: `{"affected_rows":1}` for the caller's mesure, 0 otherwise. Like
 * production, it first deletes the états and ressources of the id, whatever its owner, so another
 * owner's mesure loses them. A non-integer id makes production hang, and the sandbox too.
 */
export function deleteMesure(call: EditorsCall): void {
  const id = parseIntegerId(call.id);
  if (id === undefined) {
    call.exchange.hang();
    return;
  }
  const mesure = call.context.mesures.get(id);
  let affectedRows = 0;
  if (mesure && mesure.owner === call.owner) {
    call.context.mesures.remove(id);
    affectedRows = 1;
  } else if (mesure) {
    mesure.etats = [];
    mesure.ressources = [];
  }
  recordDelete(call, affectedRows);
  sendJson(call.exchange.response, 200, { affected_rows: affectedRows });
}

/**
 * `DELETE /mesures`: deletes all the caller's mesures, `en_attente` ones included whatever
 * `forceDeleteAwaitingMesures` is set to, because production ignores that flag.
 */
export function deleteAllMesures(call: EditorsCall): void {
  const affectedRows = call.context.mesures.removeOwner(call.owner);
  recordDelete(call, affectedRows);
  sendJson(call.exchange.response, 200, { affected_rows: affectedRows });
}

function recordDelete(call: EditorsCall, affectedRows: number): void {
  call.caller.account.editorLocked = true;
  call.context.stats.countWrite(affectedRows);
  call.context.markChanged();
}
