import { UserError } from '../cli/errors.js';
import { readFileIfExists, writePrivateFileAtomic } from './files.js';
import { isSettingKey, parseSetting } from './settings.js';

import type { ProfileSettings } from './settings.js';

/** The content of `config.json`. */
export interface ConfigFile {
  version: 1;
  profiles: Record<string, ProfileSettings>;
}

export function emptyConfigFile(): ConfigFile {
  return { version: 1, profiles: {} };
}

const profileNamePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function isValidProfileName(name: string): boolean {
  return profileNamePattern.test(name);
}

/**
 * Reads and validates the config file. A missing file is an empty configuration. A file that is
 * not valid JSON, or contains an unknown key or value, is an error naming the file and the fix.
 */
export async function readConfigFile(path: string): Promise<ConfigFile> {
  const text = await readFileIfExists(path);
  if (text === undefined) return emptyConfigFile();

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw corruptConfigError(path, `it is not valid JSON (${detail})`);
  }
  return validateConfigFile(path, data);
}

export async function writeConfigFile(path: string, config: ConfigFile): Promise<void> {
  await writePrivateFileAtomic(path, `${JSON.stringify(config, null, 2)}\n`);
}

function validateConfigFile(path: string, data: unknown): ConfigFile {
  if (!isPlainObject(data)) throw corruptConfigError(path, 'it does not contain a JSON object');
  if (data.version !== 1) {
    throw corruptConfigError(path, `its version is ${JSON.stringify(data.version)}, expected 1`);
  }
  const profiles = data.profiles ?? {};
  if (!isPlainObject(profiles)) throw corruptConfigError(path, '"profiles" is not an object');

  const config = emptyConfigFile();
  for (const [name, settings] of Object.entries(profiles)) {
    if (!isValidProfileName(name)) {
      throw corruptConfigError(path, `profile name ${JSON.stringify(name)} is not valid`);
    }
    config.profiles[name] = validateProfileSettings(path, name, settings);
  }
  return config;
}

function validateProfileSettings(path: string, name: string, data: unknown): ProfileSettings {
  if (!isPlainObject(data)) throw corruptConfigError(path, `profile "${name}" is not an object`);
  const settings: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(data)) {
    if (!isSettingKey(key)) {
      throw corruptConfigError(path, `profile "${name}" has an unknown key "${key}"`);
    }
    const parsed = parseSetting(key, raw);
    if ('error' in parsed) throw corruptConfigError(path, `profile "${name}": ${parsed.error}`);
    settings[key] = parsed.value;
  }
  return settings as ProfileSettings;
}

function corruptConfigError(path: string, reason: string): UserError {
  return new UserError(`The config file ${path} is invalid: ${reason}.`, {
    hint: `Fix or delete ${path}, then set values again with \`emjpm config set KEY VALUE\`.`,
    code: 'invalid_config',
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
