import {
  causeSortieLabels,
  champMesureLabels,
  lieuVieLabels,
  natureMesureLabels,
  resultatRevisionLabels,
  typeEtablissementLabels,
} from '../mesure/enums.js';
import { parseDate } from './dates.js';
import { lieuVieAliases, mesureTypeOf, typeEtablissementAliases } from './emjpm-types.js';
import {
  parseCivilite,
  parseCountry,
  parseEnum,
  parseInteger,
  parseNumeroRg,
  parsePostalCode,
  parseSiret,
  parseYear,
} from './values.js';
import type { MesureType } from './emjpm-types.js';
import type { Parsed, PostalCode } from './values.js';

/** Context of the field parsers beyond the cell text. */
export interface FieldContext {
  dateFormat?: string;
  century?: number;
  knownSirets?: ReadonlySet<string>;
  frenchPostalCodes: ReadonlySet<string>;
}

/**
 * Destination of a parsed value: a field of the mesure, a field of its current état, or one of
 * the input-only fields (`type` gives nature and champ, `antenne` is a name to resolve to an id).
 */
export type FieldTarget = 'mesure' | 'etat' | 'type' | 'antenne' | 'code_postal';

export interface FieldSpec {
  target: FieldTarget;
  /** An empty cell sets the field to null; otherwise an empty cell leaves the field out. */
  nullable: boolean;
  parse(text: string, context: FieldContext): Parsed<unknown>;
}

const text = (value: string): Parsed<string> => ({ value });
const date = (value: string, context: FieldContext) =>
  parseDate(value, { format: context.dateFormat, century: context.century });

function enumField(labels: Record<string, string>, aliases: Record<string, string> = {}) {
  return (value: string) => parseEnum(value, labels, aliases);
}

function parseMesureType(value: string): Parsed<MesureType> {
  const type = mesureTypeOf(value);
  if (type) return { value: type };
  return {
    error: `"${value}" is not a type of mesure of the eMJPM template, such as "curatelle renforcée", "tutelle aux biens" or "sauvegarde de justice"`,
  };
}

/**
 * The fields an input row may carry, by the name used in mapping files and CSV headers. Mesure
 * and état fields are the API's; `type`, `residence`, `annee` and `antenne` are the eMJPM
 * template's names.
 */
export const fieldSpecs = {
  numero_rg: { target: 'mesure', nullable: false, parse: parseNumeroRg },
  numero_dossier: { target: 'mesure', nullable: true, parse: text },
  annee_naissance: {
    target: 'mesure',
    nullable: false,
    parse: (value: string, context: FieldContext) => parseYear(value, context.century),
  },
  civilite: { target: 'mesure', nullable: false, parse: parseCivilite },
  date_nomination: { target: 'mesure', nullable: false, parse: date },
  date_premier_mesure: { target: 'mesure', nullable: true, parse: date },
  date_protection_en_cours: { target: 'mesure', nullable: true, parse: date },
  date_fin_mesure: { target: 'mesure', nullable: true, parse: date },
  cause_sortie: { target: 'mesure', nullable: true, parse: enumField(causeSortieLabels) },
  resultat_revision: { target: 'mesure', nullable: true, parse: enumField(resultatRevisionLabels) },
  antenne_id: { target: 'mesure', nullable: true, parse: parseInteger },
  tribunal_siret: {
    target: 'mesure',
    nullable: false,
    parse: (value: string, context: FieldContext) => parseSiret(value, context.knownSirets),
  },
  // The server never returns the cabinet, so an empty cell means "unknown", not "none".
  tribunal_cabinet: { target: 'mesure', nullable: false, parse: text },
  date_changement_etat: { target: 'etat', nullable: false, parse: date },
  nature_mesure: { target: 'etat', nullable: false, parse: enumField(natureMesureLabels) },
  champ_mesure: { target: 'etat', nullable: true, parse: enumField(champMesureLabels) },
  lieu_vie: { target: 'etat', nullable: false, parse: enumField(lieuVieLabels, lieuVieAliases) },
  type_etablissement: {
    target: 'etat',
    nullable: true,
    parse: enumField(typeEtablissementLabels, typeEtablissementAliases),
  },
  code_postal: {
    target: 'code_postal',
    nullable: true,
    parse: (value: string, context: FieldContext): Parsed<PostalCode> =>
      parsePostalCode(value, context.frenchPostalCodes),
  },
  ville: { target: 'etat', nullable: true, parse: text },
  pays: { target: 'etat', nullable: false, parse: parseCountry },
  type: { target: 'type', nullable: false, parse: parseMesureType },
  antenne: { target: 'antenne', nullable: true, parse: text },
} satisfies Record<string, FieldSpec>;

export type FieldName = keyof typeof fieldSpecs;

export const fieldNames = Object.keys(fieldSpecs) as FieldName[];

/** Field names that stand for another one: the eMJPM template's `annee` and `residence`. */
export const fieldAliases: Record<string, FieldName> = {
  annee: 'annee_naissance',
  residence: 'lieu_vie',
  date_ouverture: 'date_nomination',
};

/**
 * Column names, normalised (see `normaliseHeader`), that business programs give to the fields of
 * the eMJPM template and of the native format, on top of the field names and `fieldAliases`.
 */
export const columnAliases: Record<string, FieldName> = {
  ...fieldAliases,
  type_mesure: 'type',
  sexe: 'civilite',
  cp: 'code_postal',
  commune: 'ville',
  date_naissance: 'annee_naissance',
  siret_tribunal: 'tribunal_siret',
  cabinet: 'tribunal_cabinet',
  ...listedEtatColumns(),
};

/**
 * Aliases for the columns of `emjpm mesures list --output csv`, which names the current état's
 * fields `etat.nature_mesure`, `etat.lieu_vie`…: the header normalisation turns the dot into `_`.
 */
function listedEtatColumns(): Record<string, FieldName> {
  const etatFields = Object.entries(fieldSpecs)
    .filter(([, spec]) => spec.target === 'etat' || spec.target === 'code_postal')
    .map(([name]) => name as FieldName);
  return Object.fromEntries(etatFields.map((field) => [`etat_${field}`, field]));
}

export function isFieldName(name: string): name is FieldName {
  return Object.hasOwn(fieldSpecs, name);
}
