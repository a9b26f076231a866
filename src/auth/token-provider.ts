import { AuthenticationError } from '../cli/errors.js';
import { credentialStoreKind, openCredentialStore } from '../credentials/select.js';
import { readTokens } from '../credentials/tokens.js';
import { isFresh, notLoggedInError, refreshAccessToken } from './refresh.js';
import { checkTokenIssuer } from './token-issuer.js';

import type { ResolvedProfile } from '../config/types.js';
import type { AccessTokenRecord } from '../credentials/tokens.js';
import type { CredentialStore } from '../credentials/types.js';
import type { OutputSink } from '../output/sink.js';
import type { TokenProvider } from './types.js';

export interface TokenProviderOptions {
  env: NodeJS.ProcessEnv;
  sink: OutputSink;
  /** Overrides the store chosen from the profile, for tests. */
  store?: CredentialStore;
  now?: () => number;
  lockOptions?: { timeoutMs?: number; staleMs?: number };
}

/**
 * Builds the token provider for a profile: `EMJPM_ACCESS_TOKEN` when set, else the stored tokens,
 * refreshed under an inter-process lock. Throws `AuthenticationError` when nothing is stored.
 */
export async function createTokenProvider(
  profile: ResolvedProfile,
  options: TokenProviderOptions,
): Promise<TokenProvider> {
  const { env, sink } = options;
  const fixedToken = env.EMJPM_ACCESS_TOKEN?.trim();
  if (fixedToken) {
    sink.debug('Using the access token from EMJPM_ACCESS_TOKEN; it is never refreshed or stored.');
    return createFixedTokenProvider(fixedToken);
  }

  const store = options.store ?? openCredentialStore(credentialStoreKind(profile), { env, sink });
  const tokens = await readTokens(store, profile.name, sink);
  if (!tokens) {
    // libsecret reads a locked GNOME keyring as empty rather than failing (seen with
    // gnome-keyring 42 and keytar 7.9), so the message mentions that case.
    const locked = store.kind === 'keychain' ? ', or the keyring is locked' : '';
    throw notLoggedInError(profile, `no token in the ${store.describe()}${locked}`);
  }
  checkTokenIssuer(profile, tokens, env);
  sink.debug(`Using the tokens of profile "${profile.name}" from the ${store.describe()}.`);

  const context = {
    profile,
    store,
    env,
    sink,
    now: options.now ?? Date.now,
    lockOptions: options.lockOptions,
  };
  let access: AccessTokenRecord | undefined = tokens.access;
  return {
    source: store.describe(),
    async getAccessToken() {
      if (isFresh(access, context.now())) return access.token;
      access = await refreshAccessToken(context, undefined);
      return access.token;
    },
    async refreshAfterRejection(rejectedToken: string) {
      access = await refreshAccessToken(context, rejectedToken);
      return access.token;
    },
  };
}

function createFixedTokenProvider(token: string): TokenProvider {
  return {
    source: 'environment variable EMJPM_ACCESS_TOKEN',
    getAccessToken: async () => token,
    async refreshAfterRejection() {
      throw new AuthenticationError(
        'eMJPM rejected the access token in EMJPM_ACCESS_TOKEN (expired or revoked).',
        'Set EMJPM_ACCESS_TOKEN to a current token (`emjpm auth token` prints one), or unset it to use the stored login.',
      );
    },
  };
}
