/** Kind of eMJPM account: an individual mandataire, or a member of a service. */
export type AccountKind = 'individuel' | 'service';

/** A user who can log in to the web app and authorise an editor. */
export interface Account {
  id: number;
  login: string;
  password: string;
  kind: AccountKind;
  name: string;
  /** Set for individual mandataires, who own their mesures. */
  mandataireId: number | null;
  /** Set for service members: the service owns their mesures. */
  serviceId: number | null;
  /** Set by any write through the editors API, which hides manual editing in the web app. */
  editorLocked: boolean;
}

/** A service (association, hospital) grouping mandataires, with its antennes. */
export interface Service {
  id: number;
  name: string;
}

export interface Antenne {
  id: number;
  serviceId: number;
  nom: string;
  adresse: string;
  code_postal: string;
  ville: string;
}

/** The business software registered with eMJPM; its id is the OAuth client_id. */
export interface Editor {
  id: number;
  name: string;
  secret: string;
}

export type MesureStatus = 'en_attente' | 'en_cours' | 'eteinte';

export interface Etat {
  date_changement_etat: string;
  nature_mesure: string;
  champ_mesure: string | null;
  lieu_vie: string;
  type_etablissement: string | null;
  code_postal: string | null;
  ville: string | null;
  pays: string;
}

export interface Ressource {
  annee: number;
  /** Digits only, as the production database returns its bigint column. */
  niveau_ressource: string;
  prestations_sociales: string[];
}

/** A mesure as stored: the returned fields plus the owner, court id and status. */
export interface StoredMesure {
  id: number;
  /** `mandataire:<id>` or `service:<id>`. */
  owner: string;
  status: MesureStatus;
  tribunal_id: number;
  numero_rg: string;
  numero_dossier: string | null;
  annee_naissance: number;
  civilite: string;
  date_nomination: string;
  date_premier_mesure: string | null;
  date_protection_en_cours: string | null;
  date_fin_mesure: string | null;
  cause_sortie: string | null;
  resultat_revision: string | null;
  antenne_id: number | null;
  tribunal_siret: string;
  latitude: number | null;
  longitude: number | null;
  editor_id: number;
  created_at: string;
  etats: Etat[];
  ressources: Ressource[];
}

/** A live access/refresh token pair. Times are epoch milliseconds on the sandbox clock. */
export interface TokenPair {
  accessToken: string;
  accessTokenExpiresAt: number;
  refreshToken: string;
  refreshTokenExpiresAt: number;
  editorId: number;
  accountId: number;
}

/** An authorization code. Used codes are kept until they expire so that reuse is reported. */
export interface AuthorizationCodeRecord {
  code: string;
  expiresAt: number;
  redirectUri: string;
  editorId: number;
  accountId: number;
  used: boolean;
}

/** Everything the sandbox persists in its data file. */
export interface SandboxState {
  version: 1;
  editor: Editor;
  accounts: Account[];
  services: Service[];
  antennes: Antenne[];
  /** In physical table order: an updated mesure moves to the end. */
  mesures: StoredMesure[];
  nextMesureId: number;
  tokens: TokenPair[];
  codes: AuthorizationCodeRecord[];
}
