import { describe, expect, it } from 'vitest';

import { describeProxySettings } from '../../src/auth/proxy-settings.js';

const apiUrl = 'https://api-emjpm.fabrique.social.gouv.fr';

describe('proxy settings', () => {
  it('redacts the proxy password', () => {
    const settings = describeProxySettings(
      { HTTPS_PROXY: 'http://user:hunter2@proxy.local:3128' },
      apiUrl,
    );
    expect(settings.variables.HTTPS_PROXY).not.toContain('hunter2');
    expect(settings.proxyFor).not.toContain('hunter2');
  });

  it('uses HTTPS_PROXY for an https API', () => {
    const settings = describeProxySettings({ HTTPS_PROXY: 'http://proxy.local:3128' }, apiUrl);
    expect(settings.proxyFor).toBe('http://proxy.local:3128/');
  });

  it('honours a NO_PROXY suffix', () => {
    const env = { HTTPS_PROXY: 'http://proxy.local:3128', NO_PROXY: '.gouv.fr' };
    expect(describeProxySettings(env, apiUrl).proxyFor).toBeUndefined();
  });

  it('flags a proxy that is not a URL', () => {
    expect(describeProxySettings({ HTTP_PROXY: 'proxy:3128:x' }, apiUrl).invalid).toEqual([
      'HTTP_PROXY',
    ]);
  });
});
