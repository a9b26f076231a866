import type { FieldError } from '../api/types.js';
import { isCountryCode } from './countries.js';
import { isIsoDate } from './dates.js';
import {
  causeSortieLabels,
  champMesureLabels,
  civiliteLabels,
  isEnumValue,
  lieuVieLabels,
  lieuxVieInEtablissement,
  natureMesureLabels,
  prestationsSocialesLabels,
  resultatRevisionLabels,
  typeEtablissementLabels,
} from './enums.js';
import type { Tribunal } from './types.js';

/**
 * One broken rule of a mesure. `param` and `msg` are what the server would return in a 422, where
 * `msg` is often just "Invalid value". `detail` states in plain words what is expected.
 */
export interface ValidationIssue extends FieldError {
  param: string;
  msg: string;
  detail: string;
}

export interface ValidationContext {
  /** The courts a `tribunal_siret` may name (`GET /tribunaux`); the court check is skipped when absent. */
  tribunaux?: readonly Pick<Tribunal, 'siret'>[];
  /** Ids of the user's antennes (`GET /service-antennes`); the antenne check is skipped when absent. */
  antenneIds?: readonly number[];
}

const invalidValue = 'Invalid value';
const siretSets = new WeakMap<readonly Pick<Tribunal, 'siret'>[], Set<string>>();

/**
 * Checks a mesure body (`POST`, `PUT` or batch item) against the server's validation rules and
 * returns every broken rule, in the server's order: the court first, then the fields, then each
 * état and ressource. The server stops at a failed court check; this function reports everything.
 */
export function validateMesure(
  payload: unknown,
  context: ValidationContext = {},
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const report = (param: string, msg: string, value: unknown, detail: string) =>
    issues.push({ param, msg, value, detail });

  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    report('', invalidValue, payload, 'a mesure must be a JSON object');
    return issues;
  }
  const mesure = payload as Record<string, unknown>;

  checkTribunal(mesure.tribunal_siret, context, report);
  checkMesureFields(mesure, context, report);
  checkEtats(mesure.etats, report);
  checkRessources(mesure.ressources, report);
  return issues;
}

type Report = (param: string, msg: string, value: unknown, detail: string) => void;

function checkTribunal(siret: unknown, context: ValidationContext, report: Report): void {
  const known = context.tribunaux ? siretSetOf(context.tribunaux) : undefined;
  if (typeof siret !== 'string' || siret === '' || (known && !known.has(siret))) {
    const detail = known
      ? 'tribunal_siret must be the 14-digit SIRET of a court known to eMJPM'
      : 'tribunal_siret is required';
    report('tribunal_siret', 'siret is not valid', siret ?? '', detail);
  }
}

function siretSetOf(tribunaux: readonly Pick<Tribunal, 'siret'>[]): Set<string> {
  let set = siretSets.get(tribunaux);
  if (!set) {
    set = new Set(tribunaux.map((tribunal) => tribunal.siret));
    siretSets.set(tribunaux, set);
  }
  return set;
}

function checkMesureFields(
  mesure: Record<string, unknown>,
  context: ValidationContext,
  report: Report,
): void {
  const rg = mesure.numero_rg;
  if (typeof rg !== 'string' || rg.trim() === '') {
    report('numero_rg', invalidValue, rg, 'numero_rg is required');
  } else if (!/[A-Za-z0-9]/.test(rg)) {
    report('numero_rg', invalidValue, rg, 'numero_rg must contain at least one letter or digit');
  }

  const annee = mesure.annee_naissance;
  if (!isWholeNumber(annee)) {
    report('annee_naissance', invalidValue, annee, 'annee_naissance must be a year such as 1948');
  }

  if (!isEnumValue(civiliteLabels, mesure.civilite)) {
    report('civilite', invalidValue, mesure.civilite, 'civilite must be madame or monsieur');
  }

  checkDates(mesure, report);
  checkEnum(mesure, 'cause_sortie', causeSortieLabels, report);
  checkEnum(mesure, 'resultat_revision', resultatRevisionLabels, report);
  checkAntenne(mesure.antenne_id, context, report);
}

function checkDates(mesure: Record<string, unknown>, report: Report): void {
  const nomination = mesure.date_nomination;
  if (!isIsoDate(nomination)) {
    report(
      'date_nomination',
      invalidValue,
      nomination,
      'date_nomination must be a date yyyy-MM-dd',
    );
  }
  for (const field of ['date_premier_mesure', 'date_protection_en_cours', 'date_fin_mesure']) {
    const value = mesure[field];
    if (value != null && !isIsoDate(value)) {
      report(field, invalidValue, value, `${field} must be a date yyyy-MM-dd or empty`);
    }
  }
  if (!isIsoDate(nomination)) return;

  const premier = mesure.date_premier_mesure;
  if (isIsoDate(premier) && nomination < premier) {
    report(
      'date_nomination',
      'date_nomination must be after or equivalent to date_premier_mesure',
      nomination,
      `date_nomination ${nomination} is before date_premier_mesure ${premier}`,
    );
  }

  // The server compares with the last état in the order sent, not with the latest date.
  const etats = mesure.etats;
  const last = Array.isArray(etats) ? (etats[etats.length - 1] as unknown) : undefined;
  const lastDate = isRecord(last) ? last.date_changement_etat : undefined;
  if (isIsoDate(lastDate) && nomination > lastDate) {
    report(
      'date_nomination',
      'date_nomination must be before or equivalent to date_changement_etat',
      nomination,
      `date_nomination ${nomination} is after the date_changement_etat ${lastDate} of the last état`,
    );
  }
}

function checkEnum(
  record: Record<string, unknown>,
  field: string,
  labels: Record<string, string>,
  report: Report,
  param = field,
): void {
  const value = record[field];
  if (value != null && !isEnumValue(labels, value)) {
    report(param, invalidValue, value, `${field} must be one of ${Object.keys(labels).join(', ')}`);
  }
}

function checkAntenne(antenneId: unknown, context: ValidationContext, report: Report): void {
  if (antenneId == null) return;
  if (!isWholeNumber(antenneId) || typeof antenneId !== 'number') {
    report(
      'antenne_id',
      invalidValue,
      antenneId,
      'antenne_id must be the integer id of an antenne',
    );
  } else if (context.antenneIds && !context.antenneIds.includes(antenneId)) {
    report(
      'antenne_id',
      'antenne_id does not match with your service.',
      antenneId,
      `antenne_id ${antenneId} is not one of your service's antennes`,
    );
  }
}

function checkEtats(etats: unknown, report: Report): void {
  if (!Array.isArray(etats) || etats.length === 0) {
    report('etats', invalidValue, etats, 'etats must be a non-empty list of états');
    return;
  }
  etats.forEach((etat: unknown, index) => checkEtat(etat, `etats[${index}]`, report));
}

function checkEtat(etat: unknown, param: string, report: Report): void {
  if (!isRecord(etat)) {
    report(param, invalidValue, etat, 'an état must be an object');
    return;
  }
  if (!isIsoDate(etat.date_changement_etat)) {
    report(
      `${param}.date_changement_etat`,
      invalidValue,
      etat.date_changement_etat,
      'date_changement_etat must be a date yyyy-MM-dd',
    );
  }
  if (!isEnumValue(natureMesureLabels, etat.nature_mesure)) {
    report(
      `${param}.nature_mesure`,
      invalidValue,
      etat.nature_mesure,
      `nature_mesure must be one of ${Object.keys(natureMesureLabels).join(', ')}`,
    );
  }
  checkEnum(etat, 'champ_mesure', champMesureLabels, report, `${param}.champ_mesure`);
  if (!isEnumValue(lieuVieLabels, etat.lieu_vie)) {
    report(
      `${param}.lieu_vie`,
      invalidValue,
      etat.lieu_vie,
      `lieu_vie must be one of ${Object.keys(lieuVieLabels).join(', ')}`,
    );
  }
  checkTypeEtablissement(etat, param, report);
  if (!isCountryCode(etat.pays)) {
    report(
      `${param}.pays`,
      invalidValue,
      etat.pays,
      'pays must be an ISO 3166-1 alpha-2 code such as FR',
    );
  }
}

function checkTypeEtablissement(
  etat: Record<string, unknown>,
  param: string,
  report: Report,
): void {
  const type = etat.type_etablissement;
  const required = lieuxVieInEtablissement.some((lieu) => lieu === etat.lieu_vie);
  const allowed = Object.keys(typeEtablissementLabels).join(', ');
  if (type == null || type === '') {
    if (required) {
      report(
        param,
        'type_etablissement is required',
        etat,
        `type_etablissement is required when lieu_vie is ${String(etat.lieu_vie)}: one of ${allowed}`,
      );
    }
  } else if (!isEnumValue(typeEtablissementLabels, type)) {
    report(
      param,
      'type_etablissement is not valid',
      etat,
      `type_etablissement must be one of ${allowed}`,
    );
  }
}

function checkRessources(ressources: unknown, report: Report): void {
  if (!Array.isArray(ressources)) {
    report(
      'ressources',
      invalidValue,
      ressources,
      'ressources must be a list (an empty one is fine)',
    );
    return;
  }
  ressources.forEach((ressource: unknown, index) => {
    const param = `ressources[${index}]`;
    if (!isRecord(ressource)) {
      report(param, invalidValue, ressource, 'a ressource must be an object');
      return;
    }
    if (!isWholeNumber(ressource.annee)) {
      report(`${param}.annee`, invalidValue, ressource.annee, 'annee must be a year such as 2024');
    }
    const niveau = ressource.niveau_ressource;
    if (!(
      typeof niveau === 'number' ||
      (typeof niveau === 'string' && /^\d+(\.\d+)?$/.test(niveau))
    )) {
      report(
        `${param}.niveau_ressource`,
        invalidValue,
        niveau,
        'niveau_ressource must be a number',
      );
    }
    checkPrestations(ressource.prestations_sociales, `${param}.prestations_sociales`, report);
  });
}

function checkPrestations(prestations: unknown, param: string, report: Report): void {
  if (prestations == null) return;
  const allowed = Object.keys(prestationsSocialesLabels).join(', ');
  if (!Array.isArray(prestations)) {
    report(param, invalidValue, prestations, `prestations_sociales must be a list of ${allowed}`);
    return;
  }
  prestations.forEach((value: unknown, index) => {
    // The server does not validate these; an unknown value fails later inside its database.
    if (!isEnumValue(prestationsSocialesLabels, value)) {
      report(
        `${param}[${index}]`,
        invalidValue,
        value,
        `prestations_sociales values must be among ${allowed}`,
      );
    }
  });
}

function isWholeNumber(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value);
  return typeof value === 'string' && /^\d+$/.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
