import { describe, expect, it } from 'vitest';

import { UsageError } from '../../src/cli/errors.js';
import { environments } from '../../src/config/environments.js';
import { resolveProfileFrom, selectedProfileName } from '../../src/config/profile.js';

import type { ConfigFile } from '../../src/config/config-file.js';

const config: ConfigFile = {
  version: 1,
  profiles: {
    default: { env: 'test', clientId: 7 },
    cabinet: { env: 'production', clientId: 8, port: 9001, path: '/cb', credentialStore: 'file' },
    local: { env: 'custom', apiUrl: 'http://127.0.0.1:4000', appUrl: 'http://127.0.0.1:4001' },
  },
};

describe('profile resolution', () => {
  it('uses the named environment hosts', () => {
    const { profile } = resolveProfileFrom(config, 'default', {});
    expect(profile.apiUrl).toBe(environments.test.apiUrl);
    expect(profile.appUrl).toBe(environments.test.appUrl);
  });

  it('applies the defaults for the redirect', () => {
    const { profile } = resolveProfileFrom(config, 'default', {});
    expect([profile.redirectPort, profile.redirectPath]).toEqual([8765, '/callback']);
  });

  it('reads stored redirect and store settings', () => {
    const { profile } = resolveProfileFrom(config, 'cabinet', {});
    expect(profile).toMatchObject({
      redirectPort: 9001,
      redirectPath: '/cb',
      credentialStore: 'file',
      clientId: 8,
    });
  });

  it('lets environment variables override the file', () => {
    const env = {
      EMJPM_API_URL: 'http://localhost:5000',
      EMJPM_CLIENT_ID: '99',
      EMJPM_REDIRECT_PORT: '9100',
    };
    const { profile } = resolveProfileFrom(config, 'default', env);
    expect(profile).toMatchObject({
      apiUrl: 'http://localhost:5000',
      clientId: 99,
      redirectPort: 9100,
    });
  });

  it('reports custom when a URL is overridden', () => {
    const { profile } = resolveProfileFrom(config, 'default', {
      EMJPM_APP_URL: 'http://localhost:5001',
    });
    expect(profile.env).toBe('custom');
  });

  it('resolves a custom environment', () => {
    const { profile } = resolveProfileFrom(config, 'local', {});
    expect([profile.env, profile.apiUrl]).toEqual(['custom', 'http://127.0.0.1:4000']);
  });

  it('defaults to production without a config file', () => {
    const { profile } = resolveProfileFrom({ version: 1, profiles: {} }, 'default', {});
    expect(profile.apiUrl).toBe(environments.production.apiUrl);
  });

  it('rejects an unknown profile', () => {
    expect(() => resolveProfileFrom(config, 'typo', {})).toThrow(UsageError);
  });

  it('names an invalid variable', () => {
    expect(() => resolveProfileFrom(config, 'default', { EMJPM_CLIENT_ID: 'abc' })).toThrow(
      'Invalid EMJPM_CLIENT_ID "abc": expected a positive integer.',
    );
  });

  it('names the allowed EMJPM_ENV values', () => {
    expect(() => resolveProfileFrom(config, 'default', { EMJPM_ENV: 'staging' })).toThrow(
      'Invalid EMJPM_ENV "staging": expected production, test, custom.',
    );
  });

  it('records where each value comes from', () => {
    const { sources } = resolveProfileFrom(config, 'default', { EMJPM_CLIENT_ID: '5' });
    expect(sources.clientId).toEqual({
      source: 'environment variable',
      variable: 'EMJPM_CLIENT_ID',
    });
    expect(sources.env).toEqual({ source: 'config file' });
    expect(sources.port).toEqual({ source: 'default' });
  });

  it('prefers --profile over EMJPM_PROFILE', () => {
    expect(selectedProfileName('cabinet', { EMJPM_PROFILE: 'other' })).toBe('cabinet');
  });

  it('rejects a profile name with a slash', () => {
    expect(() => selectedProfileName('../etc', {})).toThrow(
      'Invalid profile name "../etc" in --profile.',
    );
  });
});
