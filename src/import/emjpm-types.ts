import { natureMesureLabels } from '../mesure/enums.js';
import { foldText } from './text.js';
import type { ChampMesure, LieuVie, NatureMesure, TypeEtablissement } from '../mesure/enums.js';

/** The `nature_mesure` and `champ_mesure` that a `type` label of the eMJPM template stands for. */
export interface MesureType {
  nature_mesure: NatureMesure;
  champ_mesure: ChampMesure | null;
}

const champSuffixes: [string, ChampMesure | null][] = [
  ['', null],
  [' a la personne', 'protection_personne'],
  [' aux biens', 'protection_bien'],
  [' aux biens et a la personne', 'protection_bien_personne'],
  [' a la personne et aux biens', 'protection_bien_personne'],
];

/** Folded `type` label → mesure type, built from the forms eMJPM's import template accepts. */
const mesureTypes = new Map<string, MesureType>();

function addWithChamps(prefix: string, nature: NatureMesure): void {
  for (const [suffix, champ] of champSuffixes) {
    mesureTypes.set(prefix + suffix, { nature_mesure: nature, champ_mesure: champ });
  }
}

addWithChamps('curatelle', 'curatelle_simple');
addWithChamps('curatelle simple', 'curatelle_simple');
addWithChamps('curatelle renforcee', 'curatelle_renforcee');
addWithChamps('tutelle', 'tutelle');
for (const [label, nature] of [
  ['maj', 'mesure_accompagnement_judiciaire'],
  ["mesure d'accompagnement judiciaire", 'mesure_accompagnement_judiciaire'],
  ['mandat de protection future', 'mandat_protection_future'],
  ['mesure ad hoc', 'mesure_ad_hoc'],
  ['sauvegarde de justice', 'sauvegarde_justice'],
  ['sauvegarde de justice avec mandat special', 'sauvegarde_justice'],
  ['subroge curateur', 'subroge_curateur'],
  ['subroge tuteur', 'subroge_tuteur'],
] as const) {
  mesureTypes.set(label, { nature_mesure: nature, champ_mesure: null });
}
// The API's own values, such as `curatelle_renforcee`, read as labels once `_` is a space.
for (const nature of Object.keys(natureMesureLabels) as NatureMesure[]) {
  const label = nature.replace(/_/g, ' ');
  if (!mesureTypes.has(label))
    mesureTypes.set(label, { nature_mesure: nature, champ_mesure: null });
}

/**
 * Maps a `type` label of the eMJPM template ("Curatelle renforcée aux biens") to the API values,
 * ignoring case, accents, and dashes or underscores between words ("Subrogé-tuteur").
 */
export function mesureTypeOf(label: string): MesureType | undefined {
  return mesureTypes.get(foldText(label.replace(/[-_]/g, ' ')));
}

/** Every accepted `type` label, folded, for messages and tests. */
export const mesureTypeLabels: readonly string[] = [...mesureTypes.keys()];

/** `residence` forms of the eMJPM template, folded, on top of the API values and French labels. */
export const lieuVieAliases: Record<string, LieuVie> = {
  'a domicile': 'domicile',
  'en etablissement': 'etablissement',
  'en etablissement avec conservation du domicile': 'etablissement_conservation_domicile',
  'etablissement avec conservation du domicile': 'etablissement_conservation_domicile',
  'sans domicile fixe': 'sdf',
  'sans domicile stable': 'sdf',
  'sans domicile': 'sdf',
};

/** Common names and acronyms of establishments, folded, by the type they belong to. */
export const typeEtablissementAliases: Record<string, TypeEtablissement> = {
  ehpad: 'etablissement_personne_agee',
  ehpa: 'etablissement_personne_agee',
  usld: 'etablissement_personne_agee',
  'maison de retraite': 'etablissement_personne_agee',
  'residence autonomie': 'etablissement_personne_agee',
  hopital: 'etablissement_hospitalier',
  ch: 'etablissement_hospitalier',
  chu: 'etablissement_hospitalier',
  clinique: 'etablissement_hospitalier',
  'hopital psychiatrique': 'etablissement_psychiatrique',
  chs: 'etablissement_psychiatrique',
  epsm: 'etablissement_psychiatrique',
  mas: 'etablissement_handicapes',
  fam: 'etablissement_handicapes',
  'foyer de vie': 'etablissement_handicapes',
};
