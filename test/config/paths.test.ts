import { describe, expect, it } from 'vitest';

import { configDirectory } from '../../src/config/paths.js';

describe('config directory', () => {
  it('uses XDG_CONFIG_HOME when set', () => {
    expect(configDirectory({ XDG_CONFIG_HOME: '/x', HOME: '/h' }, 'linux')).toBe('/x/emjpm');
  });

  it('uses ~/.config on Linux', () => {
    expect(configDirectory({ HOME: '/h' }, 'linux')).toBe('/h/.config/emjpm');
  });

  it('uses ~/Library/Preferences on macOS', () => {
    expect(configDirectory({ HOME: '/Users/a' }, 'darwin')).toBe(
      '/Users/a/Library/Preferences/emjpm',
    );
  });

  it('uses APPDATA on Windows', () => {
    expect(configDirectory({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\emjpm',
    );
  });
});
