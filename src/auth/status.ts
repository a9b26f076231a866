import { credentialStoreKind, openCredentialStore } from '../credentials/select.js';
import { readClientSecret, readTokens } from '../credentials/tokens.js';

import type { ResolvedProfile } from '../config/types.js';
import type { OutputSink } from '../output/sink.js';

/** Login state of a profile, as `emjpm auth status` prints it; never contains a token or secret. */
export interface AuthStatus {
  profile: string;
  env: string;
  apiUrl: string;
  clientId: number | null;
  /** The credential store, or the variable that replaces it. */
  store: string;
  loggedIn: boolean;
  accessTokenExpiresAt: string | null;
  accessTokenExpired: boolean | null;
  refreshTokenIssuedAt: string | null;
  refreshTokenAgeSeconds: number | null;
  /** Estimated: eMJPM drops a refresh token 14 days after it was issued. */
  refreshTokenExpiresAt: string | null;
  clientSecret: 'EMJPM_CLIENT_SECRET' | 'store' | 'missing';
  /** API URL the stored tokens were issued by; null when none is recorded. */
  tokensApiUrl: string | null;
}

/** Reads the profile's login state from the environment and the credential store. */
export async function readAuthStatus(
  profile: ResolvedProfile,
  options: { env: NodeJS.ProcessEnv; sink: OutputSink; now?: () => number },
): Promise<AuthStatus> {
  const now = (options.now ?? Date.now)();
  const base = {
    profile: profile.name,
    env: profile.env,
    apiUrl: profile.apiUrl,
    clientId: profile.clientId ?? null,
  };
  const noTokens = {
    accessTokenExpiresAt: null,
    accessTokenExpired: null,
    refreshTokenIssuedAt: null,
    refreshTokenAgeSeconds: null,
    refreshTokenExpiresAt: null,
    tokensApiUrl: null,
  };
  const secretFromEnv = Boolean(options.env.EMJPM_CLIENT_SECRET?.trim());

  if (options.env.EMJPM_ACCESS_TOKEN?.trim()) {
    return {
      ...base,
      ...noTokens,
      store: 'environment variable EMJPM_ACCESS_TOKEN',
      loggedIn: true,
      clientSecret: secretFromEnv ? 'EMJPM_CLIENT_SECRET' : 'missing',
    };
  }

  const store = openCredentialStore(credentialStoreKind(profile), options);
  const tokens = await readTokens(store, profile.name, options.sink);
  const storedSecret = secretFromEnv ? undefined : await readClientSecret(store, profile.name);
  const { access, refresh } = tokens ?? {};
  return {
    ...base,
    store: store.describe(),
    loggedIn: Boolean(access || refresh),
    accessTokenExpiresAt: access ? new Date(access.expiresAt).toISOString() : null,
    accessTokenExpired: access ? access.expiresAt <= now : null,
    refreshTokenIssuedAt: refresh ? new Date(refresh.issuedAt).toISOString() : null,
    refreshTokenAgeSeconds: refresh
      ? Math.max(0, Math.round((now - refresh.issuedAt) / 1000))
      : null,
    refreshTokenExpiresAt: refresh ? new Date(refresh.expiresAt).toISOString() : null,
    clientSecret: secretFromEnv ? 'EMJPM_CLIENT_SECRET' : storedSecretState(storedSecret),
    tokensApiUrl: refresh?.apiUrl ?? access?.apiUrl ?? null,
  };
}

function storedSecretState(secret: string | undefined): 'store' | 'missing' {
  return secret ? 'store' : 'missing';
}

/** Formats a duration in seconds as `2 d 3 h`, `5 h 12 min` or `42 s`. */
export function formatDuration(seconds: number): string {
  const absolute = Math.abs(Math.round(seconds));
  const days = Math.floor(absolute / 86_400);
  const hours = Math.floor((absolute % 86_400) / 3600);
  const minutes = Math.floor((absolute % 3600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${absolute} s`;
}
