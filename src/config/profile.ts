import { UsageError, UserError } from '../cli/errors.js';
import { isValidProfileName, readConfigFile } from './config-file.js';
import { defaultEnvironment, environments, isEnvironmentName } from './environments.js';
import { configFilePath } from './paths.js';
import {
  defaultRedirectPath,
  defaultRedirectPort,
  describeSetting,
  parseSetting,
  settingKeys,
} from './settings.js';

import type { ConfigFile } from './config-file.js';
import type { ProfileSettings, SettingKey } from './settings.js';
import type { ResolvedProfile } from './types.js';

export const defaultProfileName = 'default';

/** Environment variables that override a profile setting. */
export const settingVariables: Partial<Record<SettingKey, string>> = {
  env: 'EMJPM_ENV',
  apiUrl: 'EMJPM_API_URL',
  appUrl: 'EMJPM_APP_URL',
  clientId: 'EMJPM_CLIENT_ID',
  port: 'EMJPM_REDIRECT_PORT',
  credentialStore: 'EMJPM_CREDENTIAL_STORE',
};

/** Origin of a setting's effective value, for `config list`. */
export type SettingSource =
  'environment variable' | 'config file' | 'environment' | 'default' | 'unset';

export interface ProfileResolution {
  profile: ResolvedProfile;
  /** Whether the config file has a section for this profile. */
  stored: boolean;
  /** Effective value of each setting, defaults included; `env` is the setting, not `custom`. */
  values: Record<SettingKey, string | number | undefined>;
  sources: Record<SettingKey, { source: SettingSource; variable?: string }>;
}

/**
 * Resolves the selected profile: `profileName`, else `EMJPM_PROFILE`, else `default`; values from
 * the config file, overridden by `EMJPM_API_URL`, `EMJPM_APP_URL` and `EMJPM_CLIENT_ID`.
 */
export async function resolveProfile(options: {
  profileName: string | undefined;
  env: NodeJS.ProcessEnv;
}): Promise<ResolvedProfile> {
  const name = selectedProfileName(options.profileName, options.env);
  const config = await readConfigFile(configFilePath(options.env));
  return resolveProfileFrom(config, name, options.env).profile;
}

/** Returns the profile named by `--profile`, else `EMJPM_PROFILE`, else `default`, once validated. */
export function selectedProfileName(
  profileName: string | undefined,
  env: NodeJS.ProcessEnv,
): string {
  const name = profileName || env.EMJPM_PROFILE || defaultProfileName;
  if (!isValidProfileName(name)) {
    const origin = profileName ? '--profile' : 'EMJPM_PROFILE';
    throw new UsageError(
      `Invalid profile name "${name}" in ${origin}.`,
      'A profile name has 1 to 64 letters, digits, - and _, and starts with a letter or digit.',
    );
  }
  return name;
}

/**
 * Merges the profile's stored settings with environment variables and defaults. A profile other
 * than `default` must exist in the config file, so a misspelt `--profile` fails loudly.
 */
export function resolveProfileFrom(
  config: ConfigFile,
  name: string,
  env: NodeJS.ProcessEnv,
): ProfileResolution {
  const stored = config.profiles[name];
  if (!stored && name !== defaultProfileName) throw unknownProfileError(name, config);

  const sources = {} as ProfileResolution['sources'];
  const effective: ProfileSettings = {};
  for (const key of settingKeys) {
    const variable = settingVariables[key];
    const fromEnv = variable ? readVariable(env, variable, key) : undefined;
    const value = fromEnv ?? stored?.[key];
    if (value !== undefined) (effective as Record<string, unknown>)[key] = value;
    if (fromEnv !== undefined) sources[key] = { source: 'environment variable', variable };
    else if (value !== undefined) sources[key] = { source: 'config file' };
    else sources[key] = { source: 'unset' };
  }

  const envSetting = effective.env ?? defaultEnvironment;
  if (effective.env === undefined) sources.env = { source: 'default' };
  const hosts = isEnvironmentName(envSetting) ? environments[envSetting] : undefined;
  const apiUrl = effective.apiUrl ?? hosts?.apiUrl;
  const appUrl = effective.appUrl ?? hosts?.appUrl;
  if (!apiUrl || !appUrl) throw customWithoutUrlsError(name, apiUrl ? 'appUrl' : 'apiUrl');
  if (effective.apiUrl === undefined) sources.apiUrl = { source: 'environment' };
  if (effective.appUrl === undefined) sources.appUrl = { source: 'environment' };
  if (effective.port === undefined) sources.port = { source: 'default' };
  if (effective.path === undefined) sources.path = { source: 'default' };

  const custom = !hosts || apiUrl !== hosts.apiUrl || appUrl !== hosts.appUrl;
  const profile: ResolvedProfile = {
    name,
    env: custom ? 'custom' : envSetting,
    apiUrl,
    appUrl,
    clientId: effective.clientId,
    redirectPort: effective.port ?? defaultRedirectPort,
    redirectPath: effective.path ?? defaultRedirectPath,
    credentialStore: effective.credentialStore,
  };
  const values = {
    env: envSetting,
    apiUrl,
    appUrl,
    clientId: profile.clientId,
    port: profile.redirectPort,
    path: profile.redirectPath,
    credentialStore: profile.credentialStore,
  };
  return { profile, stored: stored !== undefined, values, sources };
}

function readVariable(env: NodeJS.ProcessEnv, variable: string, key: SettingKey): unknown {
  const raw = env[variable];
  if (raw === undefined || raw === '') return undefined;
  const parsed = parseSetting(key, raw);
  if ('error' in parsed) {
    throw new UsageError(
      `Invalid ${variable} ${JSON.stringify(raw)}: expected ${describeSetting(key).allowed}.`,
      `Fix or unset ${variable}.`,
    );
  }
  return parsed.value;
}

function unknownProfileError(name: string, config: ConfigFile): UserError {
  const names = Object.keys(config.profiles);
  const known =
    names.length > 0 ? `Known profiles: ${names.join(', ')}.` : 'No profile is configured yet.';
  return new UsageError(
    `Profile "${name}" not found. ${known}`,
    `Create it with \`emjpm --profile ${name} config set env test\` (or production), or pick another with --profile.`,
  );
}

function customWithoutUrlsError(name: string, missing: 'apiUrl' | 'appUrl'): UserError {
  return new UsageError(
    `Profile "${name}" uses the custom environment but has no ${missing}.`,
    `Run \`emjpm --profile ${name} config set ${missing} URL\`, or choose \`config set env test\` or production.`,
  );
}
