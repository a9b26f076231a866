import { describe, expect, it } from 'vitest';

import { buildAuthorizeUrl, buildRedirectUri } from '../../src/auth/authorize-url.js';

describe('authorize URL', () => {
  it('builds the loopback redirect on 127.0.0.1', () => {
    expect(buildRedirectUri(8765, '/callback')).toBe('http://127.0.0.1:8765/callback');
  });

  it('points at the consent page with every parameter', () => {
    const url = buildAuthorizeUrl({
      appUrl: 'https://emjpm.example.fr',
      clientId: 12,
      redirectUri: 'http://127.0.0.1:8765/callback',
      state: 'st',
      codeChallenge: 'ch',
    });
    expect(url).toBe(
      'https://emjpm.example.fr/application/authorization?client_id=12' +
        '&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback&state=st' +
        '&code_challenge=ch&code_challenge_method=S256',
    );
  });
});
