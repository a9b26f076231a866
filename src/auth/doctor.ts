import { UserError } from '../cli/errors.js';
import { readConfigFile } from '../config/config-file.js';
import { configFilePath } from '../config/paths.js';
import { resolveProfileFrom, selectedProfileName } from '../config/profile.js';
import { credentialStoreKind, openCredentialStore } from '../credentials/select.js';
import { readClientSecret, readTokens } from '../credentials/tokens.js';
import { checkStoreWritable } from '../credentials/write-check.js';
import { probeEditorsApi } from './api-probe.js';
import { checkApi, checkProxy, checkClock } from './doctor-checks.js';
import { loginCommand, profileCommand } from './login-command.js';
import { formatDuration } from './status.js';
import { createTokenProvider } from './token-provider.js';

import type { ResolvedProfile } from '../config/types.js';
import type { OutputSink } from '../output/sink.js';
import type { ProbeResult } from './api-probe.js';
import type { TokenProvider } from './types.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One line of `emjpm doctor`. */
export interface DoctorCheck {
  name: 'config' | 'credentials' | 'proxy' | 'api' | 'token' | 'clock';
  status: CheckStatus;
  message: string;
  hint?: string;
}

export interface DoctorOptions {
  profileName: string | undefined;
  env: NodeJS.ProcessEnv;
  sink: OutputSink;
  now?: () => number;
}

/**
 * Checks what a cron job running emjpm with this environment will meet: the config file and
 * profile, the credential store, proxy variables, the API, the token and the clock. Returns one
 * result per check; a check whose prerequisites failed is not run.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorCheck[]> {
  const { env, sink } = options;
  const now = options.now ?? Date.now;
  const checks: DoctorCheck[] = [];

  const profile = await checkConfig(options, checks);
  if (!profile) return checks;

  const store = await checkCredentialStore(profile, options, checks);
  checks.push(checkProxy(env, profile.apiUrl));

  let provider: TokenProvider | undefined;
  let tokenProblem: UserError | undefined;
  if (store.loggedIn) {
    try {
      provider = await createTokenProvider(profile, { env, sink, now });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      tokenProblem = error;
    }
  }

  const session = await probeWithToken(profile, provider, options);
  tokenProblem ??= session.problem;
  checks.push(checkApi(profile.apiUrl, session.probe));
  checks.push(await checkToken(profile, session, tokenProblem, store.loggedIn, options));
  checks.push(checkClock(session.probe));
  return checks;
}

async function checkConfig(
  options: DoctorOptions,
  checks: DoctorCheck[],
): Promise<ResolvedProfile | undefined> {
  const path = configFilePath(options.env);
  const name = selectedProfileName(options.profileName, options.env);
  try {
    const config = await readConfigFile(path);
    const resolution = resolveProfileFrom(config, name, options.env);
    const { profile } = resolution;
    const where = resolution.stored
      ? path
      : `${path} has no profile "${name}"; defaults and variables apply`;
    const summary = `profile "${name}", ${profile.env} (${profile.apiUrl}), ${where}`;
    if (profile.clientId === undefined) {
      checks.push({
        name: 'config',
        status: 'warn',
        message: `${summary}; no client id`,
        hint: `Set it with \`${profileCommand(name, 'config set clientId N')}\` or EMJPM_CLIENT_ID.`,
      });
    } else {
      checks.push({
        name: 'config',
        status: 'ok',
        message: `${summary}, client id ${profile.clientId}`,
      });
    }
    return profile;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    checks.push({ name: 'config', status: 'fail', message: error.message, hint: error.hint });
    return undefined;
  }
}

async function checkCredentialStore(
  profile: ResolvedProfile,
  options: DoctorOptions,
  checks: DoctorCheck[],
): Promise<{ loggedIn: boolean }> {
  if (options.env.EMJPM_ACCESS_TOKEN?.trim()) {
    checks.push({
      name: 'credentials',
      status: 'ok',
      message: 'not used: EMJPM_ACCESS_TOKEN is set',
    });
    return { loggedIn: true };
  }
  const store = openCredentialStore(credentialStoreKind(profile), options);
  try {
    const tokens = await readTokens(store, profile.name, options.sink);
    // A keyring without a default collection reads as empty but rejects every save.
    await checkStoreWritable(store, profile.name);
    const secretFromEnv = Boolean(options.env.EMJPM_CLIENT_SECRET?.trim());
    const secret = secretFromEnv
      ? 'EMJPM_CLIENT_SECRET'
      : (await readClientSecret(store, profile.name))
        ? 'stored'
        : undefined;
    const parts = [`${store.describe()} writable`, tokens ? 'tokens stored' : 'no tokens'];
    parts.push(
      secret
        ? `client secret ${secret === 'stored' ? 'stored' : 'from EMJPM_CLIENT_SECRET'}`
        : 'no client secret',
    );
    const hint = credentialsHint(profile, tokens !== undefined, secret !== undefined);
    checks.push({
      name: 'credentials',
      status: hint === undefined ? 'ok' : 'warn',
      message: parts.join(', '),
      hint,
    });
    return { loggedIn: tokens !== undefined };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    checks.push({ name: 'credentials', status: 'fail', message: error.message, hint: error.hint });
    return { loggedIn: false };
  }
}

/** Returns what to do about missing tokens or a missing client secret, or undefined. */
function credentialsHint(
  profile: ResolvedProfile,
  hasTokens: boolean,
  hasSecret: boolean,
): string | undefined {
  const login = `\`${loginCommand(profile.name)}\``;
  if (hasTokens && hasSecret) return undefined;
  if (hasSecret) return `Run ${login} to sign in.`;
  const refresh = 'without a client secret the access token cannot be refreshed';
  if (hasTokens) return `Set EMJPM_CLIENT_SECRET or run ${login} to store it: ${refresh}.`;
  return `Run ${login} to sign in and store the client secret: ${refresh}.`;
}

interface ProbeSession {
  probe: ProbeResult;
  token: string | undefined;
  problem: UserError | undefined;
}

/** Calls the API with the token, refreshing once after a 401 `invalid_token` as commands do. */
async function probeWithToken(
  profile: ResolvedProfile,
  provider: TokenProvider | undefined,
  options: DoctorOptions,
): Promise<ProbeSession> {
  const probeOptions = {
    apiUrl: profile.apiUrl,
    env: options.env,
    sink: options.sink,
    now: options.now,
  };
  let token: string | undefined;
  try {
    token = await provider?.getAccessToken();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return {
      probe: await probeEditorsApi({ ...probeOptions, token: undefined }),
      token: undefined,
      problem: error,
    };
  }

  const probe = await probeEditorsApi({ ...probeOptions, token });
  if (!provider || !token || !probe.ok || probe.status !== 401 || probe.error !== 'invalid_token') {
    return { probe, token, problem: undefined };
  }
  try {
    const refreshed = await provider.refreshAfterRejection(token);
    return {
      probe: await probeEditorsApi({ ...probeOptions, token: refreshed }),
      token: refreshed,
      problem: undefined,
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { probe, token, problem: error };
  }
}

async function checkToken(
  profile: ResolvedProfile,
  session: ProbeSession,
  problem: UserError | undefined,
  loggedIn: boolean,
  options: DoctorOptions,
): Promise<DoctorCheck> {
  if (problem) {
    return { name: 'token', status: 'fail', message: problem.message, hint: problem.hint };
  }
  if (!loggedIn || !session.token) {
    return {
      name: 'token',
      status: 'fail',
      message: `not logged in with profile "${profile.name}"`,
      hint: `Run \`${loginCommand(profile.name)}\` to sign in.`,
    };
  }
  const { probe } = session;
  if (!probe.ok) {
    return { name: 'token', status: 'warn', message: 'not checked: the API did not respond' };
  }
  if (probe.status === 401) {
    return {
      name: 'token',
      status: 'fail',
      message: `rejected by the API (${probe.error ?? 'HTTP 401'})`,
      hint: options.env.EMJPM_ACCESS_TOKEN
        ? 'Set EMJPM_ACCESS_TOKEN to a current token.'
        : `Run \`${loginCommand(profile.name)}\` to sign in again.`,
    };
  }
  if (probe.status !== 200) {
    return { name: 'token', status: 'warn', message: `not confirmed: HTTP ${probe.status}` };
  }
  if (options.env.EMJPM_ACCESS_TOKEN?.trim()) {
    return { name: 'token', status: 'ok', message: 'EMJPM_ACCESS_TOKEN accepted by the API' };
  }
  const store = openCredentialStore(credentialStoreKind(profile), options);
  const tokens = await readTokens(store, profile.name, options.sink);
  const expiresAt = tokens?.access?.expiresAt;
  const now = (options.now ?? Date.now)();
  const expiry = expiresAt ? `; expires in ${formatDuration((expiresAt - now) / 1000)}` : '';
  return { name: 'token', status: 'ok', message: `accepted by the API${expiry}` };
}
