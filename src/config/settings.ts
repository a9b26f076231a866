import { environmentSettings } from './environments.js';

import type { EnvironmentSetting } from './environments.js';
import type { CredentialStoreKind } from './types.js';

/** The settings of one profile as stored in `config.json`; every field is optional. */
export interface ProfileSettings {
  env?: EnvironmentSetting;
  apiUrl?: string;
  appUrl?: string;
  clientId?: number;
  port?: number;
  path?: string;
  credentialStore?: CredentialStoreKind;
}

export type SettingKey = keyof ProfileSettings;

interface SettingDefinition {
  /** Description of what the setting sets, for `config list` and help text. */
  description: string;
  /** The values accepted, for error messages. */
  allowed: string;
  /** Returns the normalised value, or undefined when `text` is not valid. */
  parse(text: string): ProfileSettings[SettingKey] | undefined;
}

export const defaultRedirectPort = 8765;
export const defaultRedirectPath = '/callback';

const settingDefinitions: Record<SettingKey, SettingDefinition> = {
  env: {
    description: 'eMJPM environment',
    allowed: environmentSettings.join(', '),
    parse: (text) => environmentSettings.find((name) => name === text),
  },
  apiUrl: {
    description: 'API base URL, overriding the environment',
    allowed: 'an https URL (http only for localhost and 127.0.0.1), without query or fragment',
    parse: parseBaseUrl,
  },
  appUrl: {
    description: 'web app base URL (consent page), overriding the environment',
    allowed: 'an https URL (http only for localhost and 127.0.0.1), without query or fragment',
    parse: parseBaseUrl,
  },
  clientId: {
    description: 'editor id (client_id) issued by eMJPM',
    allowed: 'a positive integer',
    parse: (text) => parseInteger(text, 1, Number.MAX_SAFE_INTEGER),
  },
  port: {
    description: 'port of the loopback redirect URI registered with eMJPM',
    allowed: 'an integer from 1 to 65535',
    parse: (text) => parseInteger(text, 1, 65_535),
  },
  path: {
    description: 'path of the loopback redirect URI registered with eMJPM',
    allowed: 'a path starting with / made of letters, digits and - . _ ~ /',
    parse: (text) => (/^\/[A-Za-z0-9._~/-]*$/.test(text) ? text : undefined),
  },
  credentialStore: {
    description: 'where tokens and the client secret are kept',
    allowed: 'keychain, file',
    parse: (text) => (text === 'keychain' || text === 'file' ? text : undefined),
  },
};

export const settingKeys = Object.keys(settingDefinitions) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(settingDefinitions, key);
}

export function describeSetting(key: SettingKey): { description: string; allowed: string } {
  const { description, allowed } = settingDefinitions[key];
  return { description, allowed };
}

/**
 * Parses a setting value typed by the user or read from a file. Numbers read from JSON are
 * accepted for the numeric settings. Returns `{ error }` naming the value and the allowed ones.
 */
export function parseSetting(
  key: SettingKey,
  raw: unknown,
): { value: NonNullable<ProfileSettings[SettingKey]> } | { error: string } {
  const definition = settingDefinitions[key];
  const text = typeof raw === 'number' ? String(raw) : raw;
  const value = typeof text === 'string' ? definition.parse(text.trim()) : undefined;
  if (value === undefined) {
    return { error: `Invalid ${key} ${JSON.stringify(raw)}: expected ${definition.allowed}.` };
  }
  return { value };
}

function parseInteger(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Accepts an http(s) base URL and returns it without trailing slashes. */
function parseBaseUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.search || url.hash || url.username || url.password) return undefined;
  const secure = url.protocol === 'https:';
  // Tokens and the client secret travel in these requests, so plain http is for local servers.
  const local = url.protocol === 'http:' && loopbackHosts.has(url.hostname);
  if (!secure && !local) return undefined;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
