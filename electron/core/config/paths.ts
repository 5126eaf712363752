import { homedir } from 'node:os';
import path from 'node:path';

/** Where Cairn keeps its files on this machine. */
export interface CairnPaths {
  /** The config file itself (`config.json` unless `--config FILE` was given). */
  configFile: string;
  configDir: string;
  /** Run history, pinned known_hosts, ssh keys. */
  dataDir: string;
  /** Archive indexes and other things that can be rebuilt. */
  cacheDir: string;
}

/** Inputs of resolvePaths; everything defaults to the current process, so tests can pass their own. */
export interface ResolvePathsOptions {
  /** An explicit `--config FILE`; relative paths are taken from `cwd`. */
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
  cwd?: string;
}

const APP = 'Cairn';
const CONFIG_FILE_NAME = 'config.json';

/** The platform's dirs for Cairn, with CAIRN_CONFIG_DIR / CAIRN_DATA_DIR / CAIRN_CACHE_DIR and `--config` overrides. */
export function resolvePaths(options: ResolvePathsOptions = {}): CairnPaths {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const p = platform === 'win32' ? path.win32 : path.posix;
  const home = options.home ?? homedir();
  const cwd = options.cwd ?? process.cwd();
  const defaults = platformDirs(platform, env, home, p);
  const override = (value: string | undefined): string | undefined => (value ? p.resolve(cwd, value) : undefined);

  const configFile = override(options.configFile) ?? p.join(override(env.CAIRN_CONFIG_DIR) ?? defaults.config, CONFIG_FILE_NAME);
  return {
    configFile,
    configDir: p.dirname(configFile),
    dataDir: override(env.CAIRN_DATA_DIR) ?? defaults.data,
    cacheDir: override(env.CAIRN_CACHE_DIR) ?? defaults.cache,
  };
}

function platformDirs(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  home: string,
  p: path.PlatformPath,
): { config: string; data: string; cache: string } {
  if (platform === 'darwin') {
    const support = p.join(home, 'Library', 'Application Support', APP);
    return { config: support, data: support, cache: p.join(home, 'Library', 'Caches', APP) };
  }
  if (platform === 'win32') {
    const roaming = p.join(absoluteOr(env.APPDATA, p) ?? p.join(home, 'AppData', 'Roaming'), APP);
    const local = absoluteOr(env.LOCALAPPDATA, p) ?? p.join(home, 'AppData', 'Local');
    return { config: roaming, data: roaming, cache: p.join(local, APP, 'Cache') };
  }
  // Linux and the other Unixes follow the XDG base directory spec.
  const xdg = (name: string, fallback: string[]): string =>
    p.join(absoluteOr(env[name], p) ?? p.join(home, ...fallback), APP);
  return {
    config: xdg('XDG_CONFIG_HOME', ['.config']),
    data: xdg('XDG_DATA_HOME', ['.local', 'share']),
    cache: xdg('XDG_CACHE_HOME', ['.cache']),
  };
}

/** The XDG spec says relative values are invalid and must be ignored; the same goes for empty ones. */
function absoluteOr(value: string | undefined, p: path.PlatformPath): string | undefined {
  return value && p.isAbsolute(value) ? value : undefined;
}
