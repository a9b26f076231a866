import { describe, expect, it } from 'vitest';

import { browserCommand } from '../../src/auth/browser.js';

const url = 'https://emjpm.example.fr/application/authorization?client_id=1&state=s';

describe('browser command', () => {
  it('appends the URL to BROWSER', () => {
    expect(browserCommand(url, { BROWSER: 'firefox --new-tab' }, 'linux')).toEqual({
      command: 'firefox',
      args: ['--new-tab', url],
    });
  });

  it('replaces %s in BROWSER', () => {
    expect(browserCommand(url, { BROWSER: 'w3m %s' }, 'linux')).toEqual({
      command: 'w3m',
      args: [url],
    });
  });

  it('uses xdg-open on Linux', () => {
    expect(browserCommand(url, {}, 'linux')).toEqual({ command: 'xdg-open', args: [url] });
  });

  it('uses open on macOS', () => {
    expect(browserCommand(url, {}, 'darwin').command).toBe('open');
  });

  it('passes the URL whole on Windows', () => {
    expect(browserCommand(url, {}, 'win32')).toEqual({
      command: 'rundll32',
      args: ['url.dll,FileProtocolHandler', url],
    });
  });
});
