/**
 * The enumerations of the eMJPM mesure, as API values with their French labels. The labels are
 * the ones eMJPM shows in its web app; tables and interactive prompts display them.
 */
export const civiliteLabels = {
  madame: 'Madame',
  monsieur: 'Monsieur',
} as const;

export const natureMesureLabels = {
  curatelle_renforcee: 'Curatelle renforcée',
  curatelle_simple: 'Curatelle simple',
  mandat_protection_future: 'Mandat de protection future',
  mesure_accompagnement_judiciaire: "Mesure d'accompagnement judiciaire",
  mesure_ad_hoc: 'Mesure ad hoc',
  sauvegarde_justice: 'Sauvegarde de justice',
  subroge_curateur: 'Subrogé curateur',
  subroge_tuteur: 'Subrogé tuteur',
  tutelle: 'Tutelle',
} as const;

export const champMesureLabels = {
  protection_bien: 'Protection des biens',
  protection_personne: 'Protection de la personne',
  protection_bien_personne: 'Protection des biens et de la personne',
} as const;

export const lieuVieLabels = {
  domicile: 'Domicile',
  etablissement: 'En établissement',
  etablissement_conservation_domicile: 'En établissement avec conservation du domicile',
  sdf: 'SDF',
} as const;

export const typeEtablissementLabels = {
  autre_etablissement: 'Autre établissement',
  autre_etablissement_s_ms: 'Autre établissement social ou médico-social',
  etablissement_handicapes: 'Établissement pour personnes handicapées',
  etablissement_hospitalier: 'Établissement hospitalier',
  etablissement_personne_agee: 'Établissement pour personnes âgées',
  etablissement_psychiatrique: 'Établissement psychiatrique',
} as const;

export const causeSortieLabels = {
  caducite: 'Caducité',
  deces: 'Décès',
  dessaisissement_autre_mjpm: 'Dessaisissement au profit d’un autre MJPM',
  dessaisissement_famille: 'Dessaisissement au profit de la famille',
  mainlevee: 'Mainlevée',
} as const;

export const resultatRevisionLabels = {
  aggravation: 'Aggravation',
  allegement: 'Allègement',
  dessaisissement_autre_mjpm: 'Dessaisissement au profit d’un autre MJPM',
  dessaisissement_famille: 'Dessaisissement au profit de la famille',
  mainlevee: 'Mainlevée',
  reconduction: 'Reconduction',
} as const;

/** Social benefits a ressource may list; the server stores them in an enumerated column. */
export const prestationsSocialesLabels = {
  AAH: 'AAH',
  ALS: 'ALS',
  APA: 'APA',
  APL: 'APL',
  ASI: 'ASI',
  ASPA: 'ASPA',
  PCH: 'PCH',
  RSA: 'RSA',
} as const;

export const mesureStatusLabels = {
  en_attente: 'En attente',
  en_cours: 'En cours',
  eteinte: 'Éteinte',
} as const;

export type Civilite = keyof typeof civiliteLabels;
export type NatureMesure = keyof typeof natureMesureLabels;
export type ChampMesure = keyof typeof champMesureLabels;
export type LieuVie = keyof typeof lieuVieLabels;
export type TypeEtablissement = keyof typeof typeEtablissementLabels;
export type CauseSortie = keyof typeof causeSortieLabels;
export type ResultatRevision = keyof typeof resultatRevisionLabels;
export type PrestationSociale = keyof typeof prestationsSocialesLabels;
export type MesureStatus = keyof typeof mesureStatusLabels;

export const mesureStatuses = Object.keys(mesureStatusLabels) as MesureStatus[];

/** Lieux de vie that require a `type_etablissement` in every état. */
export const lieuxVieInEtablissement: readonly LieuVie[] = [
  'etablissement',
  'etablissement_conservation_domicile',
];

/** Returns whether `value` is one of the keys of `labels`. */
export function isEnumValue<T extends Record<string, string>>(
  labels: T,
  value: unknown,
): value is keyof T & string {
  return typeof value === 'string' && Object.hasOwn(labels, value);
}
