import type { SandboxState } from './types.js';

/** Returns a description of the first problem in a value, or undefined when it conforms. */
type Check = (value: unknown, path: string) => string | undefined;

const isString: Check = (value, path) =>
  typeof value === 'string' ? undefined : `${path} is not a string`;

const isInteger: Check = (value, path) =>
  Number.isSafeInteger(value) ? undefined : `${path} is not an integer`;

const isNumber: Check = (value, path) =>
  typeof value === 'number' && Number.isFinite(value) ? undefined : `${path} is not a number`;

const isBoolean: Check = (value, path) =>
  typeof value === 'boolean' ? undefined : `${path} is not true or false`;

function nullable(check: Check): Check {
  return (value, path) => (value === null ? undefined : check(value, path));
}

function oneOf(...allowed: unknown[]): Check {
  return (value, path) =>
    allowed.includes(value) ? undefined : `${path} is not one of ${allowed.join(', ')}`;
}

function arrayOf(check: Check): Check {
  return (value, path) => {
    if (!Array.isArray(value)) {
      return `${path} is not an array`;
    }
    for (const [index, item] of value.entries()) {
      const problem = check(item, `${path}[${index}]`);
      if (problem) {
        return problem;
      }
    }
    return undefined;
  };
}

function objectOf(shape: Record<string, Check>): Check {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return `${path} is not an object`;
    }
    for (const [key, check] of Object.entries(shape)) {
      const problem = check((value as Record<string, unknown>)[key], `${path}.${key}`);
      if (problem) {
        return problem;
      }
    }
    return undefined;
  };
}

const etat = objectOf({
  date_changement_etat: isString,
  nature_mesure: isString,
  champ_mesure: nullable(isString),
  lieu_vie: isString,
  type_etablissement: nullable(isString),
  code_postal: nullable(isString),
  ville: nullable(isString),
  pays: isString,
});

const ressource = objectOf({
  annee: isInteger,
  niveau_ressource: isString,
  prestations_sociales: arrayOf(isString),
});

const mesure = objectOf({
  id: isInteger,
  owner: isString,
  status: oneOf('en_attente', 'en_cours', 'eteinte'),
  tribunal_id: isInteger,
  numero_rg: isString,
  numero_dossier: nullable(isString),
  annee_naissance: isInteger,
  civilite: isString,
  date_nomination: isString,
  date_premier_mesure: nullable(isString),
  date_protection_en_cours: nullable(isString),
  date_fin_mesure: nullable(isString),
  cause_sortie: nullable(isString),
  resultat_revision: nullable(isString),
  antenne_id: nullable(isInteger),
  tribunal_siret: isString,
  latitude: nullable(isNumber),
  longitude: nullable(isNumber),
  editor_id: isInteger,
  created_at: isString,
  etats: arrayOf(etat),
  ressources: arrayOf(ressource),
});

const state = objectOf({
  version: oneOf(1),
  editor: objectOf({ id: isInteger, name: isString, secret: isString }),
  accounts: arrayOf(
    objectOf({
      id: isInteger,
      login: isString,
      password: isString,
      kind: oneOf('individuel', 'service'),
      name: isString,
      mandataireId: nullable(isInteger),
      serviceId: nullable(isInteger),
      editorLocked: isBoolean,
    }),
  ),
  services: arrayOf(objectOf({ id: isInteger, name: isString })),
  antennes: arrayOf(
    objectOf({
      id: isInteger,
      serviceId: isInteger,
      nom: isString,
      adresse: isString,
      code_postal: isString,
      ville: isString,
    }),
  ),
  mesures: arrayOf(mesure),
  nextMesureId: isInteger,
  tokens: arrayOf(
    objectOf({
      accessToken: isString,
      accessTokenExpiresAt: isNumber,
      refreshToken: isString,
      refreshTokenExpiresAt: isNumber,
      editorId: isInteger,
      accountId: isInteger,
    }),
  ),
  codes: arrayOf(
    objectOf({
      code: isString,
      expiresAt: isNumber,
      redirectUri: isString,
      editorId: isInteger,
      accountId: isInteger,
      used: isBoolean,
    }),
  ),
});

/**
 * Checks that a parsed data file has the shape of a sandbox state and that its mesures keep the
 * table's unique keys. Returns the first problem found, or undefined.
 */
export function findStateProblem(value: unknown): string | undefined {
  const problem = state(value, 'state');
  if (problem) {
    return problem;
  }
  const seenIds = new Map<number, number>();
  const seenCases = new Map<string, number>();
  for (const [index, item] of (value as SandboxState).mesures.entries()) {
    const earlierId = seenIds.get(item.id);
    if (earlierId !== undefined) {
      return `state.mesures[${index}] repeats the id of state.mesures[${earlierId}]`;
    }
    seenIds.set(item.id, index);
    const caseKey = `${item.owner}|${item.tribunal_id}|${item.numero_rg}`;
    const earlierCase = seenCases.get(caseKey);
    if (earlierCase !== undefined) {
      return `state.mesures[${index}] repeats the court and numero_rg of state.mesures[${earlierCase}]`;
    }
    seenCases.set(caseKey, index);
  }
  return undefined;
}
