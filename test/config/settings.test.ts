import { describe, expect, it } from 'vitest';

import { parseSetting } from '../../src/config/settings.js';

describe('setting values', () => {
  it.each([
    ['port', '8765', 8765],
    ['port', 9000, 9000],
    ['clientId', '42', 42],
    ['env', 'test', 'test'],
    ['path', '/oauth/callback', '/oauth/callback'],
    ['credentialStore', 'file', 'file'],
    ['apiUrl', 'https://api.example.fr/', 'https://api.example.fr'],
    ['apiUrl', 'http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
  ] as const)('accepts %s %j', (key, raw, expected) => {
    expect(parseSetting(key, raw)).toEqual({ value: expected });
  });

  it.each([
    ['port', '0'],
    ['port', '65536'],
    ['port', 'abc'],
    ['clientId', '1.5'],
    ['env', 'staging'],
    ['path', 'callback'],
    ['credentialStore', 'vault'],
    ['apiUrl', 'http://api.example.fr'],
    ['apiUrl', 'https://api.example.fr/?x=1'],
  ] as const)('rejects %s %j', (key, raw) => {
    expect(parseSetting(key, raw)).toHaveProperty('error');
  });

  it('names the value and the allowed ones', () => {
    expect(parseSetting('port', 'abc')).toEqual({
      error: 'Invalid port "abc": expected an integer from 1 to 65535.',
    });
  });
});
