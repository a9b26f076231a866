import {
  CAUSES_SORTIE,
  CHAMPS_MESURE,
  CIVILITES,
  ISO_COUNTRY_CODES,
  LIEUX_VIE,
  LIEUX_VIE_EN_ETABLISSEMENT,
  NATURES_MESURE,
  RESULTATS_REVISION,
  TYPES_ETABLISSEMENT,
} from './enums.js';
import { isIsoDate } from './dates.js';
import { parseInteger, toParameterText } from './postgres-input.js';

import type { Court, ReferenceData } from '../reference-data.js';
import type { Account, Antenne } from '../store/types.js';

/** An express-validator error, in that library's field order. */
export interface ValidatorError {
  value?: unknown;
  msg: string;
  param: string;
  location: 'body';
}

/** An error of the server's own business checks (court, antenne). */
export interface BusinessError {
  msg: string;
  param: string;
  value: unknown;
}

type Fields = Record<string, unknown>;

const INVALID = 'Invalid value';

/** Reads a body or item as a field map; anything but a plain object has no fields. */
export function fieldsOf(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Fields)
    : {};
}

/** Resolves the mesure's court, or returns undefined when the SIRET names no known court. */
export function resolveCourt(body: Fields, reference: ReferenceData): Court | undefined {
  const siret = body.tribunal_siret;
  if (typeof siret !== 'string' && typeof siret !== 'number') {
    return undefined;
  }
  return reference.findCourt(String(siret));
}

/** Runs the express-validator rules of one mesure. `prefix` is `mesures[N].` inside a batch. */
export function validateMesureFields(body: Fields, prefix = ''): ValidatorError[] {
  const errors: ValidatorError[] = [];
  const report = (param: string, value: unknown, msg = INVALID): void => {
    errors.push({ value, msg, param: prefix + param, location: 'body' });
  };
  const requireFilled = (field: string): void => {
    const value = body[field];
    if (value === undefined || value === null || String(value) === '') {
      report(field, value);
    }
  };
  const requireOneOf = (field: string, allowed: string[], optional: boolean): void => {
    const value = body[field];
    if (optional && (value === undefined || value === null)) {
      return;
    }
    if (typeof value !== 'string' || !allowed.includes(value)) {
      report(field, value);
    }
  };

  requireFilled('numero_rg');
  requireFilled('annee_naissance');
  requireOneOf('civilite', CIVILITES, false);
  validateDateNomination(body, report);
  for (const field of ['date_premier_mesure', 'date_protection_en_cours', 'date_fin_mesure']) {
    const value = body[field];
    if (value !== undefined && value !== null && !isIsoDate(value)) {
      report(field, value);
    }
  }
  requireOneOf('cause_sortie', CAUSES_SORTIE, true);
  requireOneOf('resultat_revision', RESULTATS_REVISION, true);
  if (Array.isArray(body.etats)) {
    validateEtats(body.etats, report);
  }
  return errors;
}

type Report = (param: string, value: unknown, msg?: string) => void;

function validateDateNomination(body: Fields, report: Report): void {
  const value = body.date_nomination;

  // The production chain is "exists" then "is a date", and both fail on a missing value.
  if (value === undefined) {
    report('date_nomination', value);
  }
  if (!isIsoDate(value)) {
    report('date_nomination', value);
    return;
  }

  const premier = body.date_premier_mesure;
  if (isIsoDate(premier) && value < premier) {
    report(
      'date_nomination',
      value,
      'date_nomination must be after or equivalent to date_premier_mesure',
    );
  }

  // The comparison uses the last état as sent, not the one with the latest date.
  const etats = body.etats;
  const last = Array.isArray(etats) ? fieldsOf(etats[etats.length - 1]) : {};
  const lastDate = last.date_changement_etat;
  if (isIsoDate(lastDate) && value > lastDate) {
    report(
      'date_nomination',
      value,
      'date_nomination must be before or equivalent to date_changement_etat',
    );
  }
}

function validateEtats(etats: unknown[], report: Report): void {
  const each = (check: (etat: Fields, index: number) => void): void => {
    etats.forEach((etat, index) => check(fieldsOf(etat), index));
  };
  const oneOf =
    (field: string, allowed: string[], optional: boolean) =>
    (etat: Fields, index: number): void => {
      const value = etat[field];
      if (optional && (value === undefined || value === null)) {
        return;
      }
      if (typeof value !== 'string' || !allowed.includes(value)) {
        report(`etats[${index}].${field}`, value);
      }
    };

  each((etat, index) => {
    const pays = etat.pays;
    const known = typeof pays === 'string' && ISO_COUNTRY_CODES.has(pays.toUpperCase());
    if (pays !== undefined && pays !== null && !known) {
      report(`etats[${index}].pays`, pays);
    }
  });
  each((etat, index) => {
    if (!isIsoDate(etat.date_changement_etat)) {
      report(`etats[${index}].date_changement_etat`, etat.date_changement_etat);
    }
  });
  each(oneOf('nature_mesure', NATURES_MESURE, false));
  each(oneOf('champ_mesure', CHAMPS_MESURE, true));
  each(oneOf('lieu_vie', LIEUX_VIE, false));
  etats.forEach((etat, index) => {
    const message = typeEtablissementProblem(fieldsOf(etat));
    if (message) {
      report(`etats[${index}]`, etat, message);
    }
  });
}

function typeEtablissementProblem(etat: Fields): string | undefined {
  const type = etat.type_etablissement;
  const given = type !== undefined && type !== null;
  if (given && (typeof type !== 'string' || !TYPES_ETABLISSEMENT.includes(type))) {
    return 'type_etablissement is not valid';
  }
  const lieuVie = etat.lieu_vie;
  if (!given && typeof lieuVie === 'string' && LIEUX_VIE_EN_ETABLISSEMENT.includes(lieuVie)) {
    return 'type_etablissement is required';
  }
  return undefined;
}

/**
 * Checks `antenne_id` against the account: a service member may name an antenne of that
 * service only, and an individual mandataire no antenne at all.
 */
export function validateAntenne(
  body: Fields,
  account: Account,
  antennes: Antenne[],
): BusinessError | undefined {
  const value = body.antenne_id;
  if (value === undefined || value === null) {
    return undefined;
  }
  const antenneId = readAntenneId(value);
  const belongs = antennes.some(
    (antenne) => antenne.serviceId === account.serviceId && antenne.id === antenneId,
  );
  if (account.serviceId !== null && belongs) {
    return undefined;
  }
  return { msg: 'antenne_id does not match with your service.', param: 'antenne_id', value };
}

/** Reads `antenne_id` as its integer column would; undefined when it is absent or not one. */
export function readAntenneId(value: unknown): number | undefined {
  const text = toParameterText(value);
  return text === null ? undefined : parseInteger(text);
}
