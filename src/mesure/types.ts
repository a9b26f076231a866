import type {
  CauseSortie,
  ChampMesure,
  Civilite,
  LieuVie,
  NatureMesure,
  PrestationSociale,
  ResultatRevision,
  TypeEtablissement,
} from './enums.js';

/** One state in a mesure's history; the server sorts them by `date_changement_etat`. */
export interface Etat {
  date_changement_etat: string;
  nature_mesure: NatureMesure;
  champ_mesure: ChampMesure | null;
  lieu_vie: LieuVie;
  type_etablissement: TypeEtablissement | null;
  code_postal: string | null;
  ville: string | null;
  /** ISO 3166-1 alpha-2 country code; the server defaults it to "FR". */
  pays: string;
}

/** Yearly resources of the protected adult. */
export interface Ressource {
  annee: number;
  /** Sent as a number; the server returns it as a string of digits. */
  niveau_ressource: number | string;
  prestations_sociales: PrestationSociale[];
}

/** The body of `POST /mesures`, `PUT /mesures/{id}` and each item of a batch. */
export interface MesurePayload {
  numero_rg: string;
  numero_dossier: string | null;
  annee_naissance: number;
  civilite: Civilite;
  date_nomination: string;
  date_premier_mesure: string | null;
  date_protection_en_cours: string | null;
  date_fin_mesure: string | null;
  cause_sortie: CauseSortie | null;
  resultat_revision: ResultatRevision | null;
  antenne_id: number | null;
  tribunal_siret: string;
  tribunal_cabinet?: string | null;
  etats: Etat[];
  ressources: Ressource[];
}

/** A mesure as the server returns it. `tribunal_cabinet` is accepted on write but never returned. */
export interface Mesure extends Omit<MesurePayload, 'tribunal_cabinet'> {
  id: number;
  editor_id: number;
  created_at: string;
  latitude: number | null;
  longitude: number | null;
}

export interface Antenne {
  id: number;
  nom: string;
  adresse: string | null;
  code_postal: string | null;
  ville: string | null;
}

export interface Tribunal {
  siret: string;
  nom: string;
  adresse: string | null;
  code_postal: string | null;
  ville: string | null;
  latitude: number | null;
  longitude: number | null;
}
