import { SaveError } from './save-error.js';

import type { MesureStore } from '../store/mesure-store.js';
import type { Ressource, StoredMesure } from '../store/types.js';
import type { MesureDraft } from './mesure-draft.js';

/** The writer of a change: the owner of the mesures and the editor acting for them. */
export interface Writer {
  owner: string;
  editorId: number;
  createdAt: string;
}

const CASE_CONSTRAINT = 'mesures_mandataire_service_tribunal_numero_rg_unique';
const DOSSIER_CONSTRAINT = 'mesures_editor_id_service_id_numero_dossier_unique';

function uniqueViolation(constraint: string): SaveError {
  return new SaveError(`duplicate key value violates unique constraint "${constraint}"`);
}

/**
 * Plans the upsert of one mesure: the mesure of the same owner, court and normalised RG is
 * overwritten with its id, creation time and antenne kept, since `POST` never stores an antenne.
 * NOTE: whether production's upsert keeps or clears an antenne set by `PUT` is not recorded.
 */
export function planUpsert(store: MesureStore, writer: Writer, draft: MesureDraft): StoredMesure {
  const existing = store.findByCase(writer.owner, draft.tribunal_id, draft.numero_rg);
  return {
    ...draft,
    id: existing?.id ?? 0,
    owner: writer.owner,
    antenne_id: existing?.antenne_id ?? null,
    editor_id: writer.editorId,
    created_at: existing?.created_at ?? writer.createdAt,
  };
}

/** Plans the full replacement of a mesure by `PUT`, which also sets its antenne. */
export function planReplacement(
  existing: StoredMesure,
  writer: Writer,
  draft: MesureDraft,
  antenneId: number | null,
): StoredMesure {
  return {
    ...draft,
    id: existing.id,
    owner: existing.owner,
    antenne_id: antenneId,
    editor_id: writer.editorId,
    created_at: existing.created_at,
    ressources: mergeRessources(existing.ressources, draft.ressources),
  };
}

/**
 * Matches ressources by `annee`: sent years update the stored ones in place, new years are
 * appended and years not sent are deleted.
 */
function mergeRessources(stored: Ressource[], sent: Ressource[]): Ressource[] {
  const sentByYear = new Map(sent.map((ressource) => [ressource.annee, ressource]));
  const kept = stored
    .filter((ressource) => sentByYear.has(ressource.annee))
    .map((ressource) => sentByYear.get(ressource.annee)!);
  const storedYears = new Set(stored.map((ressource) => ressource.annee));
  const added = [...sentByYear.values()].filter((ressource) => !storedYears.has(ressource.annee));
  return [...kept, ...added];
}

/**
 * Stores planned mesures in one transaction: the unique constraints on (owner, court, RG) and
 * on (editor, service, numero_dossier) are checked for the whole set first, so any violation
 * throws a SaveError before anything is written. Returns the stored mesures in plan order.
 */
export function commitMesures(store: MesureStore, planned: StoredMesure[]): StoredMesure[] {
  checkUniqueConstraints(store, planned);
  return planned.map((mesure) => {
    const stored = mesure.id === 0 ? { ...mesure, id: store.allocateId() } : mesure;
    store.put(stored);
    return stored;
  });
}

function checkUniqueConstraints(store: MesureStore, planned: StoredMesure[]): void {
  const plannedIds = new Set(
    planned.filter((mesure) => mesure.id !== 0).map((mesure) => mesure.id),
  );
  const caseKeys = new Set<string>();
  const dossierKeys = new Set<string>();

  for (const mesure of planned) {
    const caseKey = `${mesure.owner}|${mesure.tribunal_id}|${mesure.numero_rg}`;
    const caseHolder = store.findByCase(mesure.owner, mesure.tribunal_id, mesure.numero_rg);
    const heldByOther = caseHolder && caseHolder.id !== mesure.id && !plannedIds.has(caseHolder.id);
    if (caseKeys.has(caseKey) || heldByOther) {
      throw uniqueViolation(CASE_CONSTRAINT);
    }
    caseKeys.add(caseKey);

    if (!mesure.owner.startsWith('service:') || mesure.numero_dossier === null) {
      continue;
    }
    const dossierKey = `${mesure.editor_id}|${mesure.owner}|${mesure.numero_dossier}`;
    const dossierHolder = store.findByDossier(mesure);
    const dossierTaken =
      dossierHolder && dossierHolder.id !== mesure.id && !plannedIds.has(dossierHolder.id);
    if (dossierKeys.has(dossierKey) || dossierTaken) {
      throw uniqueViolation(DOSSIER_CONSTRAINT);
    }
    dossierKeys.add(dossierKey);
  }
}
