import { loginCommand } from '../../auth/login-command.js';
import { readConfigFile } from '../../config/config-file.js';
import { configFilePath } from '../../config/paths.js';
import { resolveProfileFrom, selectedProfileName, settingVariables } from '../../config/profile.js';
import { describeSetting, isSettingKey, parseSetting, settingKeys } from '../../config/settings.js';
import { updateProfileSettings } from '../../config/update.js';
import { UsageError, UserError } from '../errors.js';
import { withExample } from '../help.js';

import type { Command } from 'commander';

import type { ProfileResolution } from '../../config/profile.js';
import type { ProfileSettings, SettingKey } from '../../config/settings.js';
import type { AppContext } from '../context.js';

/** Registers `config set|unset|get|list|path`. */
export function registerConfigCommands(program: Command, app: AppContext): void {
  const config = program
    .command('config')
    .description(`edit profile settings (keys: ${settingKeys.join(', ')})`)
    .addHelpText(
      'after',
      `\nSettings:\n${settingsHelp()}\n\nEnvironment variables:\n${variablesHelp()}\n`,
    );
  withExample(config, 'emjpm config set env test', 'emjpm config list');

  const set = config
    .command('set <key> <value>')
    .description('store a setting in the selected profile, creating the profile if needed')
    .action(async (key: string, value: string) => runSet(app, key, value));
  withExample(
    set,
    'emjpm config set env test',
    'emjpm config set clientId 42',
    'emjpm --profile cabinet config set port 8766',
  );

  const unset = config
    .command('unset <key>')
    .description('remove a setting from the selected profile, going back to its default')
    .action(async (key: string) => runUnset(app, key));
  withExample(unset, 'emjpm config unset port');

  const get = config
    .command('get <key>')
    .description('print the effective value of a setting (exit 1 when unset)')
    .action(async (key: string) => runGet(app, key));
  withExample(get, 'emjpm config get apiUrl');

  const list = config
    .command('list')
    .description('show every setting of the selected profile with where its value comes from')
    .action(async () => runList(app));
  withExample(list, 'emjpm config list', 'emjpm --profile cabinet config list --json');

  const path = config
    .command('path')
    .description('print the path of the config file')
    .action(() => {
      app.stdout.write(`${configFilePath(app.env)}\n`);
    });
  withExample(path, 'emjpm config path');
}

const otherVariables: Array<[string, string]> = [
  ['EMJPM_PROFILE', 'profile to use when --profile is not given'],
  ['EMJPM_CLIENT_SECRET', 'client secret; never stored in the config file'],
  ['EMJPM_ACCESS_TOKEN', 'access token to use as is, bypassing the credential store'],
];

function variablesHelp(): string {
  const overrides = settingKeys.flatMap((key): Array<[string, string]> => {
    const variable = settingVariables[key];
    return variable ? [[variable, `overrides ${key}`]] : [];
  });
  return [...overrides, ...otherVariables]
    .map(([variable, description]) => `  ${variable.padEnd(24)}${description}`)
    .join('\n');
}

function settingsHelp(): string {
  return settingKeys
    .map((key) => {
      const { description, allowed } = describeSetting(key);
      return `  ${key.padEnd(24)}${description}\n  ${''.padEnd(24)}${allowed}`;
    })
    .join('\n');
}

function requireSettingKey(app: AppContext, key: string): SettingKey {
  if (key === 'clientSecret' || key === 'client_secret') {
    const login = loginCommand(selectedProfileName(app.globals().profile, app.env));
    throw new UsageError(
      'The client secret is never stored in the config file.',
      `Set EMJPM_CLIENT_SECRET, or type it when \`${login}\` asks; it is then kept in the ` +
        'credential store.',
    );
  }
  if (!isSettingKey(key)) {
    throw new UsageError(`Unknown setting "${key}". Settings: ${settingKeys.join(', ')}.`);
  }
  return key;
}

async function runSet(app: AppContext, keyText: string, valueText: string): Promise<void> {
  const key = requireSettingKey(app, keyText);
  const parsed = parseSetting(key, valueText);
  if ('error' in parsed) throw new UsageError(parsed.error);

  const name = selectedProfileName(app.globals().profile, app.env);
  const sink = app.sink();
  await updateProfileSettings(app.env, name, (settings) => {
    const updated: ProfileSettings = { ...settings, [key]: parsed.value };
    if (key === 'env' && parsed.value !== 'custom' && (settings.apiUrl || settings.appUrl)) {
      // A named environment brings its own hosts, so custom URLs would silently override it.
      delete updated.apiUrl;
      delete updated.appUrl;
      sink.info(
        `Removed apiUrl and appUrl from profile "${name}": the ${parsed.value} environment sets both.`,
      );
    }
    return updated;
  });
  sink.info(
    `Set ${key} = ${String(parsed.value)} in profile "${name}" (${configFilePath(app.env)}).`,
  );
  if (key === 'port' || key === 'path') {
    sink.info(
      'The redirect URI must be registered for your editor with eMJPM exactly as emjpm sends it.',
    );
  }
}

async function runUnset(app: AppContext, keyText: string): Promise<void> {
  const key = requireSettingKey(app, keyText);
  const name = selectedProfileName(app.globals().profile, app.env);
  await updateProfileSettings(app.env, name, (settings) => {
    const updated = { ...settings };
    delete updated[key];
    return updated;
  });
  app.sink().info(`Removed ${key} from profile "${name}".`);
}

async function resolveSelected(
  app: AppContext,
): Promise<ProfileResolution & { profileNames: string[] }> {
  const config = await readConfigFile(configFilePath(app.env));
  const name = selectedProfileName(app.globals().profile, app.env);
  return {
    ...resolveProfileFrom(config, name, app.env),
    profileNames: Object.keys(config.profiles),
  };
}

async function runGet(app: AppContext, keyText: string): Promise<void> {
  const key = requireSettingKey(app, keyText);
  const resolution = await resolveSelected(app);
  const value = resolution.values[key];
  if (value === undefined) {
    throw new UserError(`${key} is not set for profile "${resolution.profile.name}".`, {
      hint: `Set it with \`emjpm config set ${key} VALUE\`.`,
      code: 'setting_unset',
    });
  }
  app.stdout.write(app.globals().json ? `${JSON.stringify(value)}\n` : `${value}\n`);
}

async function runList(app: AppContext): Promise<void> {
  const resolution = await resolveSelected(app);
  const settings = settingKeys.map((key) => listedSetting(resolution, key));

  if (app.globals().json) {
    const body = {
      profile: resolution.profile.name,
      configFile: configFilePath(app.env),
      profiles: resolution.profileNames,
      settings,
    };
    app.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  app.stdout.write(`Profile ${resolution.profile.name} (${configFilePath(app.env)})\n`);
  const keyWidth = Math.max(...settingKeys.map((key) => key.length)) + 2;
  const valueWidth = Math.max(...settings.map(({ value }) => String(value ?? '-').length)) + 2;
  for (const { key, value, source } of settings) {
    app.stdout.write(
      `${key.padEnd(keyWidth)}${String(value ?? '-').padEnd(valueWidth)}${source}\n`,
    );
  }
  const others = resolution.profileNames.filter((name) => name !== resolution.profile.name);
  if (others.length > 0) app.stdout.write(`Other profiles: ${others.join(', ')}\n`);
}

/** Returns the value `config list` shows for a setting, and where that value comes from. */
function listedSetting(
  resolution: ProfileResolution,
  key: SettingKey,
): { key: SettingKey; value: string | number | null; source: string } {
  const { profile, values, sources } = resolution;
  const value = values[key] ?? null;
  const source = describeSource(resolution, sources[key]);
  if (key === 'env' && profile.env === 'custom' && value !== 'custom') {
    // apiUrl or appUrl replaces the hosts of the named environment.
    const overrides = (['apiUrl', 'appUrl'] as const)
      .filter((url) => sources[url].source !== 'environment')
      .map((url) => {
        const { variable } = sources[url];
        return variable ? `${url} from ${variable}` : `${url} in the config file`;
      });
    return {
      key,
      value: 'custom',
      source: `${value} (${source}), overridden by ${overrides.join(' and ')}`,
    };
  }
  if (key === 'credentialStore' && value === null) {
    return { key, value: 'keychain', source: 'default, until a login chooses the store' };
  }
  return { key, value, source };
}

function describeSource(
  resolution: ProfileResolution,
  source: ProfileResolution['sources'][SettingKey],
): string {
  if (source.source === 'environment variable') return `from ${source.variable}`;
  if (source.source === 'environment') return `from env ${resolution.values.env}`;
  return source.source;
}
