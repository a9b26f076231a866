import { normaliseNumeroRg } from '../mesure/numero-rg.js';
import type { MappedRow } from './mapped-row.js';
import type { Etat, Mesure, MesurePayload, Ressource } from '../mesure/types.js';

/**
 * Identity of a mesure on the server: its court and normalised numero RG. Two rows with the same
 * key are the same mesure, and the server upserts on it.
 */
export function mesureKey(mesure: { tribunal_siret?: string; numero_rg?: string }): string {
  return `${mesure.tribunal_siret ?? ''}/${normaliseNumeroRg(mesure.numero_rg ?? '')}`;
}

/**
 * Builds the body that creates a row's mesure: the fields the row carries, null for the optional
 * ones it lacks, one état dated `date_nomination` unless the row dates it, `pays` FR and no
 * ressources unless the row gives them.
 */
export function toCreatePayload(row: MappedRow): MesurePayload {
  const mesure = row.mesure;
  const etat = {
    date_changement_etat: mesure.date_nomination as string,
    champ_mesure: null,
    type_etablissement: null,
    code_postal: null,
    ville: null,
    pays: 'FR',
    ...row.etat,
  } as Etat;
  const payload = {
    numero_dossier: null,
    date_premier_mesure: null,
    date_protection_en_cours: null,
    date_fin_mesure: null,
    cause_sortie: null,
    resultat_revision: null,
    ...mesure,
    antenne_id: mesure.antenne_id ?? null,
    etats: row.etats ?? [etat],
    ressources: row.ressources ?? [],
  };
  return payload as MesurePayload;
}

/** Builds the body that writes a remote mesure back unchanged, without its read-only fields. */
export function payloadFromMesure(mesure: Mesure): MesurePayload {
  return {
    numero_rg: mesure.numero_rg,
    numero_dossier: mesure.numero_dossier ?? null,
    annee_naissance: Number(mesure.annee_naissance),
    civilite: mesure.civilite,
    date_nomination: mesure.date_nomination,
    date_premier_mesure: mesure.date_premier_mesure ?? null,
    date_protection_en_cours: mesure.date_protection_en_cours ?? null,
    date_fin_mesure: mesure.date_fin_mesure ?? null,
    cause_sortie: mesure.cause_sortie ?? null,
    resultat_revision: mesure.resultat_revision ?? null,
    antenne_id: mesure.antenne_id ?? null,
    tribunal_siret: mesure.tribunal_siret,
    etats: sortEtats((mesure.etats ?? []).map(etatOf)),
    ressources: (mesure.ressources ?? []).map(ressourceOf),
  };
}

function etatOf(etat: Etat): Etat {
  return {
    date_changement_etat: etat.date_changement_etat,
    nature_mesure: etat.nature_mesure,
    champ_mesure: etat.champ_mesure ?? null,
    lieu_vie: etat.lieu_vie,
    type_etablissement: etat.type_etablissement ?? null,
    code_postal: etat.code_postal ?? null,
    ville: etat.ville ?? null,
    pays: etat.pays ?? 'FR',
  };
}

function ressourceOf(ressource: Ressource): Ressource {
  return {
    annee: Number(ressource.annee),
    niveau_ressource: Number(ressource.niveau_ressource),
    prestations_sociales: ressource.prestations_sociales ?? [],
  };
}

/** Sorts états by `date_changement_etat`, as the server stores them; returns a new array. */
export function sortEtats(etats: Etat[]): Etat[] {
  return [...etats].sort((a, b) => a.date_changement_etat.localeCompare(b.date_changement_etat));
}

/**
 * Returns whether two bodies would store the same mesure: numero RG compared normalised, empty
 * strings as null, états and ressources in date and year order. `tribunal_cabinet` is left out
 * because the server never returns it.
 */
export function sameMesure(a: MesurePayload, b: MesurePayload): boolean {
  return changedFields(a, b).length === 0;
}

/** Names the fields that differ between two bodies, compared as `sameMesure` does. */
export function changedFields(before: MesurePayload, after: MesurePayload): string[] {
  const canonicalBefore = canonicalFields(before);
  const canonicalAfter = canonicalFields(after);
  return Object.keys(canonicalBefore).filter(
    (field) => canonicalBefore[field] !== canonicalAfter[field],
  );
}

// NOTE: `tribunal_cabinet` cannot be compared because the server never returns it, so a row
// whose only change is its cabinet counts as unchanged and the new cabinet is not sent.
function canonicalFields(payload: MesurePayload): Record<string, string> {
  return {
    numero_rg: normaliseNumeroRg(payload.numero_rg ?? ''),
    numero_dossier: blank(payload.numero_dossier),
    annee_naissance: String(Number(payload.annee_naissance)),
    civilite: blank(payload.civilite),
    date_nomination: blank(payload.date_nomination),
    date_premier_mesure: blank(payload.date_premier_mesure),
    date_protection_en_cours: blank(payload.date_protection_en_cours),
    date_fin_mesure: blank(payload.date_fin_mesure),
    cause_sortie: blank(payload.cause_sortie),
    resultat_revision: blank(payload.resultat_revision),
    antenne_id: blank(payload.antenne_id),
    tribunal_siret: blank(payload.tribunal_siret),
    etats: JSON.stringify(
      (payload.etats.length > 1 ? sortEtats(payload.etats) : payload.etats).map((etat) => [etat.date_changement_etat, ...canonicalEtat(etat)]),
    ),
    ressources: JSON.stringify(
      [...payload.ressources]
        .sort((a, b) => Number(a.annee) - Number(b.annee))
        .map((ressource) => [
          Number(ressource.annee),
          Number(ressource.niveau_ressource),
          [...(ressource.prestations_sociales ?? [])].sort(),
        ]),
    ),
  };
}

/** Writes a field's value as JSON, with an empty string or a missing value written as null. */
function blank(value: unknown): string {
  return JSON.stringify(value === '' || value === undefined ? null : value);
}

/** Returns the fields of an état that describe the situation, without its date, for comparisons. */
export function canonicalEtat(etat: Partial<Etat>): unknown[] {
  const blank = (value: unknown) => (value === '' || value === undefined ? null : value);
  return [
    etat.nature_mesure,
    blank(etat.champ_mesure),
    etat.lieu_vie,
    blank(etat.type_etablissement),
    blank(etat.code_postal),
    blank(etat.ville),
    etat.pays ?? 'FR',
  ];
}
