/** Kind of store in which a profile keeps its tokens and client secret. */
export type CredentialStoreKind = 'keychain' | 'file';

/** A profile after merging the config file, the named environment and environment variables. */
export interface ResolvedProfile {
  name: string;
  /** `test`, `production`, or `custom` when `apiUrl`/`appUrl` were set directly. */
  env: string;
  /** API base without the trailing slash, such as `https://api-emjpm.fabrique.social.gouv.fr`. */
  apiUrl: string;
  /** Web app base, where the consent page lives. */
  appUrl: string;
  /** The editor id issued by eMJPM; undefined until configured. */
  clientId: number | undefined;
  /** Loopback redirect port registered with eMJPM (default 8765). */
  redirectPort: number;
  /** Loopback redirect path registered with eMJPM (default `/callback`). */
  redirectPath: string;
  /** The store chosen at login; undefined before the first login. */
  credentialStore: CredentialStoreKind | undefined;
}
