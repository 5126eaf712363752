import { describe, expect, it } from 'vitest';
import { resolvePaths } from '../../../electron/core/config/paths.js';

describe('resolvePaths', () => {
  it('uses ~/.config, ~/.local/share and ~/.cache on Linux without XDG variables', () => {
    expect(resolvePaths({ platform: 'linux', env: {}, home: '/home/ann' })).toEqual({
      configFile: '/home/ann/.config/Cairn/config.json',
      configDir: '/home/ann/.config/Cairn',
      dataDir: '/home/ann/.local/share/Cairn',
      cacheDir: '/home/ann/.cache/Cairn',
    });
  });

  it('follows XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_CACHE_HOME on Linux', () => {
    const env = { XDG_CONFIG_HOME: '/x/conf', XDG_DATA_HOME: '/x/data', XDG_CACHE_HOME: '/x/cache' };
    expect(resolvePaths({ platform: 'linux', env, home: '/home/ann' })).toEqual({
      configFile: '/x/conf/Cairn/config.json',
      configDir: '/x/conf/Cairn',
      dataDir: '/x/data/Cairn',
      cacheDir: '/x/cache/Cairn',
    });
  });

  it('ignores empty and relative XDG values, as the XDG spec requires', () => {
    const env = { XDG_CONFIG_HOME: 'relative/conf', XDG_DATA_HOME: '', XDG_CACHE_HOME: './c' };
    const paths = resolvePaths({ platform: 'freebsd', env, home: '/home/ann', cwd: '/somewhere' });
    expect(paths.configDir).toBe('/home/ann/.config/Cairn');
    expect(paths.dataDir).toBe('/home/ann/.local/share/Cairn');
    expect(paths.cacheDir).toBe('/home/ann/.cache/Cairn');
  });

  it('uses Application Support for config and data, and Caches for the cache, on macOS', () => {
    expect(resolvePaths({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/ignored' }, home: '/Users/ann' })).toEqual({
      configFile: '/Users/ann/Library/Application Support/Cairn/config.json',
      configDir: '/Users/ann/Library/Application Support/Cairn',
      dataDir: '/Users/ann/Library/Application Support/Cairn',
      cacheDir: '/Users/ann/Library/Caches/Cairn',
    });
  });

  it('uses %APPDATA% for config and data and %LOCALAPPDATA% for the cache on Windows', () => {
    const env = { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' };
    expect(resolvePaths({ platform: 'win32', env, home: 'C:\\Users\\ann' })).toEqual({
      configFile: 'C:\\Users\\ann\\AppData\\Roaming\\Cairn\\config.json',
      configDir: 'C:\\Users\\ann\\AppData\\Roaming\\Cairn',
      dataDir: 'C:\\Users\\ann\\AppData\\Roaming\\Cairn',
      cacheDir: 'C:\\Users\\ann\\AppData\\Local\\Cairn\\Cache',
    });
  });

  it('falls back to the profile folder on Windows when APPDATA is not set', () => {
    const paths = resolvePaths({ platform: 'win32', env: {}, home: 'C:\\Users\\ann' });
    expect(paths.configDir).toBe('C:\\Users\\ann\\AppData\\Roaming\\Cairn');
    expect(paths.cacheDir).toBe('C:\\Users\\ann\\AppData\\Local\\Cairn\\Cache');
  });

  it('lets CAIRN_CONFIG_DIR, CAIRN_DATA_DIR and CAIRN_CACHE_DIR override each dir on every platform', () => {
    const env = { CAIRN_CONFIG_DIR: '/etc/cairn', CAIRN_DATA_DIR: 'data', CAIRN_CACHE_DIR: '/var/cache/cairn', XDG_CONFIG_HOME: '/x' };
    for (const platform of ['linux', 'darwin'] as const) {
      expect(resolvePaths({ platform, env, home: '/home/ann', cwd: '/srv' })).toEqual({
        configFile: '/etc/cairn/config.json',
        configDir: '/etc/cairn',
        dataDir: '/srv/data',
        cacheDir: '/var/cache/cairn',
      });
    }
  });

  it('gives an explicit --config file priority over CAIRN_CONFIG_DIR, resolved from the working directory', () => {
    const paths = resolvePaths({
      configFile: 'conf/my.json',
      env: { CAIRN_CONFIG_DIR: '/etc/cairn' },
      platform: 'linux',
      home: '/home/ann',
      cwd: '/work',
    });
    expect(paths.configFile).toBe('/work/conf/my.json');
    expect(paths.configDir).toBe('/work/conf');
    expect(paths.dataDir).toBe('/home/ann/.local/share/Cairn');
  });

  it('defaults to the current process environment and platform', () => {
    const paths = resolvePaths({ env: { CAIRN_CONFIG_DIR: '/tmp/cairn-conf' } });
    expect(paths.configFile).toBe('/tmp/cairn-conf/config.json');
  });
});
