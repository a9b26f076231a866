import { AuthenticationError } from '../cli/errors.js';
import { withLockFile } from '../config/lock-file.js';
import { refreshLockPath } from '../config/paths.js';
import { deleteTokens, readClientSecret, readTokens, writeTokens } from '../credentials/tokens.js';
import { missingClientSecretError, requireClientId } from './client-credentials.js';
import { refreshTokens, toTokenRecords } from './token-endpoint.js';
import { loginCommand } from './login-command.js';
import { checkTokenIssuer } from './token-issuer.js';
import { describeFailure, refreshError } from './token-errors.js';

import type { ResolvedProfile } from '../config/types.js';
import type { AccessTokenRecord, RefreshTokenRecord } from '../credentials/tokens.js';
import type { CredentialStore } from '../credentials/types.js';
import type { OutputSink } from '../output/sink.js';

/** Refresh this long before the access token expires, to absorb clock skew with the server. */
export const expiryMarginMs = 5 * 60 * 1000;

export interface RefreshContext {
  profile: ResolvedProfile;
  store: CredentialStore;
  env: NodeJS.ProcessEnv;
  sink: OutputSink;
  now: () => number;
  lockOptions?: { timeoutMs?: number; staleMs?: number };
}

export function isFresh(
  access: AccessTokenRecord | undefined,
  now: number,
): access is AccessTokenRecord {
  return access !== undefined && access.expiresAt - expiryMarginMs > now;
}

/**
 * Returns a fresh access token, refreshing it under the profile's inter-process lock. eMJPM
 * rotates refresh tokens and revokes the old pair at once, so two processes must never refresh
 * with the same one: after taking the lock the store is read again, and a token another process
 * saved meanwhile is reused. `rejectedToken`, when given, is never returned.
 */
export async function refreshAccessToken(
  context: RefreshContext,
  rejectedToken: string | undefined,
): Promise<AccessTokenRecord> {
  const { profile, sink } = context;
  return withLockFile(
    refreshLockPath(context.env, profile.name),
    async () => {
      const current = await readTokens(context.store, profile.name, sink);
      // A login for another server may have replaced the pair since the provider checked it.
      if (current) checkTokenIssuer(profile, current, context.env);
      if (isUsable(current?.access, rejectedToken, context.now())) {
        sink.debug('Using the access token another emjpm process has just refreshed.');
        return current.access;
      }
      const refresh = current?.refresh;
      if (!refresh) throw notLoggedInError(profile, 'no refresh token is stored');
      return refreshWith(context, refresh, rejectedToken);
    },
    {
      ...context.lockOptions,
      onWait: (holder) => {
        const owner = holder ? ` (process ${holder.pid})` : '';
        sink.debug(`Waiting for another emjpm process${owner} to finish refreshing the token.`);
      },
    },
  );
}

async function refreshWith(
  context: RefreshContext,
  refresh: RefreshTokenRecord,
  rejectedToken: string | undefined,
): Promise<AccessTokenRecord> {
  const { profile, store, sink } = context;
  requireClientId(profile);
  const clientSecret =
    context.env.EMJPM_CLIENT_SECRET?.trim() || (await readClientSecret(store, profile.name));
  if (!clientSecret) throw missingClientSecretError(profile.name);

  sink.debug(`Refreshing the access token of profile "${profile.name}".`);
  const result = await refreshTokens(
    { profile, clientSecret, env: context.env, sink },
    refresh.token,
  );
  if (result.ok) {
    const records = toTokenRecords(result.grant, context.now(), profile);
    await writeTokens(store, profile.name, records);
    return records.access;
  }
  if (result.error !== 'invalid_grant') throw refreshError(result, profile.name);

  // A process that does not take the lock (a login in another terminal) may have saved a new
  // pair while this request was in flight: keep that pair rather than deleting it.
  const latest = await readTokens(store, profile.name, sink);
  if (latest?.refresh && latest.refresh.token !== refresh.token) {
    if (isUsable(latest.access, rejectedToken, context.now())) return latest.access;
  }

  await deleteTokens(store, profile.name);
  const expired = context.now() >= refresh.expiresAt;
  const reason = expired
    ? 'the refresh token expired because the profile was not used for 14 days'
    : 'the refresh token was revoked, most likely by a login with the same eMJPM account ' +
      'elsewhere (eMJPM keeps one token pair per editor and user)';
  throw new AuthenticationError(
    `Signed out of profile "${profile.name}": ${reason} (${describeFailure(result)}).`,
    `Run \`${loginCommand(profile.name)}\` to sign in again.`,
  );
}

function isUsable(
  access: AccessTokenRecord | undefined,
  rejectedToken: string | undefined,
  now: number,
): access is AccessTokenRecord {
  return isFresh(access, now) && access.token !== rejectedToken;
}

export function notLoggedInError(profile: ResolvedProfile, reason: string): AuthenticationError {
  return new AuthenticationError(
    `Not logged in to eMJPM with profile "${profile.name}": ${reason}.`,
    `Run \`${loginCommand(profile.name)}\` to sign in, or set EMJPM_ACCESS_TOKEN for a one-off run.`,
  );
}
