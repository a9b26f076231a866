import { writableMesureFields } from './native-columns.js';
import { sortEtats } from './payload.js';
import type { IssueLog } from './issues.js';
import type { MappedRow, MesureFields } from './mapped-row.js';
import type { JsonRow } from './json-rows.js';
import type { Etat, Ressource } from '../mesure/types.js';

const oneMesurePerValue =
  'write each mesure as one JSON object, on one line for NDJSON, as `emjpm mesures export --output ndjson` does';

/**
 * Turns one NDJSON line (a mesure as `emjpm mesures export --output ndjson` writes it) into API
 * fields. Its `etats` and `ressources`, when present, replace the remote history. Values are
 * checked later by the validation stage; returns undefined for a line that is not a JSON object.
 */
export function mapJsonRow(row: JsonRow, log: IssueLog): MappedRow | undefined {
  if (row.value instanceof SyntaxError) {
    log.error(
      row.line,
      '',
      row.text ?? '',
      `not valid JSON (${row.value.message}): ${oneMesurePerValue}`,
    );
    return undefined;
  }
  if (typeof row.value !== 'object' || row.value === null || Array.isArray(row.value)) {
    log.error(row.line, '', row.value, `not a JSON object: ${oneMesurePerValue}`);
    return undefined;
  }
  const source = row.value as Record<string, unknown>;
  const mesure: Record<string, unknown> = {};
  for (const field of writableMesureFields) {
    if (field in source) mesure[field] = source[field];
  }
  if (typeof mesure.annee_naissance === 'string' && /^\d+$/.test(mesure.annee_naissance)) {
    mesure.annee_naissance = Number(mesure.annee_naissance);
  }
  // Identifiers written as JSON numbers by another program: the API takes strings.
  for (const field of [
    'numero_rg',
    'numero_dossier',
    'tribunal_siret',
    'tribunal_cabinet',
  ] as const) {
    if (typeof mesure[field] === 'number') mesure[field] = String(mesure[field]);
  }
  if (mesure.tribunal_cabinet === null) delete mesure.tribunal_cabinet;

  const mapped: MappedRow = {
    line: row.line,
    mesure: mesure as MesureFields,
    etat: {},
    columns: {},
  };
  if ('etats' in source) {
    mapped.etats = sortEtatsIfDated(withDefaultCountry(source.etats));
  } else {
    log.error(
      row.line,
      'etats',
      '',
      'etats is missing: give each mesure its list of états, as `emjpm mesures export --output ndjson` writes it',
    );
  }
  if ('ressources' in source) mapped.ressources = normaliseRessources(source.ressources);
  return mapped;
}

/** Gives the états without a `pays` the API's default, FR. */
function withDefaultCountry(etats: unknown): unknown {
  if (!Array.isArray(etats)) return etats;
  return etats.map((etat: unknown) => {
    if (typeof etat !== 'object' || etat === null || (etat as Partial<Etat>).pays != null)
      return etat;
    return { ...etat, pays: 'FR' };
  });
}

/** Sorts états by date as the server stores them, leaving a malformed list for validation to report. */
function sortEtatsIfDated(etats: unknown): Etat[] {
  if (!Array.isArray(etats)) return etats as Etat[];
  const dated = etats.every(
    (etat: unknown) => typeof (etat as Partial<Etat> | null)?.date_changement_etat === 'string',
  );
  return dated ? sortEtats(etats as Etat[]) : (etats as Etat[]);
}

/** Turns `niveau_ressource` back into a number: the server returns it as a string of digits. */
function normaliseRessources(ressources: unknown): Ressource[] {
  if (!Array.isArray(ressources)) return ressources as Ressource[];
  return ressources.map((ressource: unknown) => {
    if (typeof ressource !== 'object' || ressource === null) return ressource as Ressource;
    const copy = { ...(ressource as Ressource) };
    if (typeof copy.niveau_ressource === 'string' && /^\d+(\.\d+)?$/.test(copy.niveau_ressource)) {
      copy.niveau_ressource = Number(copy.niveau_ressource);
    }
    return copy;
  });
}
