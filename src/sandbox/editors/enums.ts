/** Enumerations the editors API accepts, with the production server's values. */

export const CIVILITES = ['madame', 'monsieur'];

export const CAUSES_SORTIE = [
  'caducite',
  'deces',
  'dessaisissement_autre_mjpm',
  'dessaisissement_famille',
  'mainlevee',
];

export const RESULTATS_REVISION = [
  'aggravation',
  'allegement',
  'dessaisissement_autre_mjpm',
  'dessaisissement_famille',
  'mainlevee',
  'reconduction',
];

export const NATURES_MESURE = [
  'curatelle_renforcee',
  'curatelle_simple',
  'mandat_protection_future',
  'mesure_accompagnement_judiciaire',
  'mesure_ad_hoc',
  'sauvegarde_justice',
  'subroge_curateur',
  'subroge_tuteur',
  'tutelle',
];

export const LIEUX_VIE = [
  'domicile',
  'etablissement',
  'etablissement_conservation_domicile',
  'sdf',
];

/** `lieu_vie` values that require a `type_etablissement`. */
export const LIEUX_VIE_EN_ETABLISSEMENT = ['etablissement', 'etablissement_conservation_domicile'];

export const CHAMPS_MESURE = ['protection_bien', 'protection_personne', 'protection_bien_personne'];

export const TYPES_ETABLISSEMENT = [
  'autre_etablissement',
  'autre_etablissement_s_ms',
  'etablissement_handicapes',
  'etablissement_hospitalier',
  'etablissement_personne_agee',
  'etablissement_psychiatrique',
];

export const PRESTATIONS_SOCIALES = ['AAH', 'ALS', 'APA', 'APL', 'ASI', 'ASPA', 'PCH', 'RSA'];

export const STATUSES = ['en_attente', 'en_cours', 'eteinte'];

/** The 249 officially assigned ISO 3166-1 alpha-2 country codes. */
export const ISO_COUNTRY_CODES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ ' +
    'BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM ' +
    'DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS ' +
    'GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ' +
    'KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ ' +
    'MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
    'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
    'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ' +
    'VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);
