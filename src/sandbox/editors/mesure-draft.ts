import { PRESTATIONS_SOCIALES } from './enums.js';
import { normaliseNumeroRg } from './numero-rg.js';
import { readBigintColumn, readIntegerColumn, toParameterText } from './postgres-input.js';
import { SaveError } from './save-error.js';
import { fieldsOf } from './validation.js';

import type { Court, ReferenceData } from '../reference-data.js';
import type { Etat, MesureStatus, Ressource, StoredMesure } from '../store/types.js';

/** The fields of a mesure computed from a validated body, before it gets an id and an owner. */
export type MesureDraft = Omit<
  StoredMesure,
  'id' | 'owner' | 'created_at' | 'editor_id' | 'antenne_id'
>;

/** Builds the stored fields of a validated mesure body, or throws a SaveError. */
export function draftMesure(
  body: Record<string, unknown>,
  court: Court,
  reference: ReferenceData,
  today: string,
): MesureDraft {
  const etats = collapseEtats(body.etats);
  const ressources = readRessources(body.ressources);
  const last = etats[etats.length - 1]!;
  const location = reference.locate(last.code_postal, last.ville);
  const dateFin = nullableString(body.date_fin_mesure);

  return {
    status: deriveStatus(dateFin, today),
    tribunal_id: court.id,
    numero_rg: normaliseNumeroRg(body.numero_rg),
    numero_dossier: toParameterText(body.numero_dossier),
    annee_naissance: readIntegerColumn(body.annee_naissance, 'annee_naissance'),
    civilite: String(body.civilite),
    date_nomination: String(body.date_nomination),
    date_premier_mesure: nullableString(body.date_premier_mesure),
    date_protection_en_cours: nullableString(body.date_protection_en_cours),
    date_fin_mesure: dateFin,
    cause_sortie: nullableString(body.cause_sortie),
    resultat_revision: nullableString(body.resultat_revision),
    tribunal_siret: court.siret,
    latitude: location?.latitude ?? null,
    longitude: location?.longitude ?? null,
    etats,
    ressources,
  };
}

/**
 * Derives the status at write time: `eteinte` when date_fin_mesure is today or earlier (UTC
 * day of the sandbox clock), else `en_cours`. A status sent in the body is ignored.
 * NOTE: a mesure whose end date passes later stays `en_cours` until its next write, as with a
 * stored status column, and an `en_attente` mesure overwritten by a write takes the derived
 * status. Production's behaviour in both cases is not recorded.
 */
export function deriveStatus(dateFin: string | null, today: string): MesureStatus {
  return dateFin !== null && dateFin <= today ? 'eteinte' : 'en_cours';
}

/** Sorts états by date ascending; états sharing a date collapse to the last one sent. */
function collapseEtats(value: unknown): Etat[] {
  if (value === undefined || value === null) {
    throw new SaveError(`Cannot read properties of ${String(value)} (reading 'sort')`);
  }
  if (!Array.isArray(value)) {
    throw new SaveError('datas.etats.sort is not a function');
  }
  if (value.length === 0) {
    // The production text for an empty `etats` is not recorded. This one names the first
    // property read from the last état, and clients must not match it anyway.
    throw new SaveError("Cannot read properties of undefined (reading 'code_postal')");
  }

  const byDate = new Map<string, Etat>();
  for (const item of value) {
    const etat = toEtat(fieldsOf(item));
    byDate.delete(etat.date_changement_etat);
    byDate.set(etat.date_changement_etat, etat);
  }
  return [...byDate.values()].sort((a, b) =>
    a.date_changement_etat < b.date_changement_etat ? -1 : 1,
  );
}

function toEtat(fields: Record<string, unknown>): Etat {
  return {
    date_changement_etat: String(fields.date_changement_etat),
    nature_mesure: String(fields.nature_mesure),
    champ_mesure: nullableString(fields.champ_mesure),
    lieu_vie: String(fields.lieu_vie),
    type_etablissement: nullableString(fields.type_etablissement),
    code_postal: toParameterText(fields.code_postal),
    ville: toParameterText(fields.ville),
    pays: nullableString(fields.pays) ?? 'FR',
  };
}

function readRessources(value: unknown): Ressource[] {
  if (!Array.isArray(value)) {
    throw new SaveError('datas.ressources is not iterable');
  }
  return value.map((item) => {
    const fields = fieldsOf(item);
    return {
      annee: readIntegerColumn(fields.annee, 'annee'),
      niveau_ressource: readBigintColumn(fields.niveau_ressource, 'niveau_ressource'),
      prestations_sociales: readPrestations(fields.prestations_sociales),
    };
  });
}

/** Reads the `prestations_sociales` enum array, which PostgreSQL accepts only as an array. */
function readPrestations(value: unknown): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw new SaveError(`malformed array literal: "${toParameterText(value)}"`);
  }
  for (const prestation of value) {
    if (typeof prestation !== 'string' || !PRESTATIONS_SOCIALES.includes(prestation)) {
      throw new SaveError(
        `invalid input value for enum prestations_sociales_type: "${toParameterText(prestation)}"`,
      );
    }
  }
  return value as string[];
}

function nullableString(value: unknown): string | null {
  return value === undefined || value === null ? null : String(value);
}
