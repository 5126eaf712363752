import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { trayIconDir, trayIconFile, trayIconNames } from '../../electron/shell/tray-icons.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string; filter: string[] }[];
  icon: string;
  linux: { target: string[]; category: string; icon: string };
  deb: { depends: string[] };
  mac: { target: string[]; category: string; icon: string };
  win: { target: string[]; icon: string };
  nsis: Record<string, unknown>;
  [key: string]: unknown;
}

const config = read<BuilderConfig>('build/electron-builder.json');

/** electron-builder's own JSON schema, from the installed version. */
function builderSchema(): { properties: Record<string, unknown>; definitions: Record<string, { properties: Record<string, unknown> }> } {
  const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
  return JSON.parse(readFileSync(fromBuilder.resolve('app-builder-lib/scheme.json'), 'utf8'));
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the electron-builder config', () => {
  it('uses only options the installed electron-builder knows', () => {
    const schema = builderSchema();
    expect(Object.keys(config).filter((key) => !(key in schema.properties))).toEqual([]);
    const sections = { linux: 'LinuxConfiguration', deb: 'DebOptions', mac: 'MacConfiguration', win: 'WindowsConfiguration', nsis: 'NsisOptions' } as const;
    for (const [section, definition] of Object.entries(sections)) {
      const known = schema.definitions[definition]!.properties;
      expect(Object.keys(config[section] as object).filter((key) => !(key in known)), section).toEqual([]);
    }
  });

  it('builds Cairn for every platform: AppImage and deb (needing borg), dmg, nsis', () => {
    expect(config.appId).toBe('org.cairn.app');
    expect(config.productName).toBe('Cairn');
    expect(config.directories.output).toBe('dist');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Utility');
    expect(config.deb.depends).toContain('borgbackup');
    // Setting depends replaces electron-builder's defaults: Electron's own libraries must stay listed.
    expect(config.deb.depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libnotify4']));
    expect(config.mac).toMatchObject({ target: ['dmg'], category: 'public.app-category.utilities' });
    expect(config.win.target).toEqual(['nsis']);
  });

  it('refers only to files that exist: icons, tray resources, the app code package.json points at', () => {
    for (const icon of [config.icon, config.linux.icon, config.mac.icon, config.win.icon]) {
      expect(pngSize(join(root, icon))).toEqual({ width: 512, height: 512 });
    }
    for (const extra of config.extraResources) expect(readdirSync(join(root, extra.from)).length).toBeGreaterThan(0);
    // package.json's main is what `tsc -p tsconfig.node.json` makes of electron/main.ts, and is packaged.
    const pkg = read<{ main: string }>('package.json');
    const tsconfig = read<{ compilerOptions: { outDir: string; rootDir: string } }>('tsconfig.node.json');
    const source = join(root, tsconfig.compilerOptions.rootDir, 'electron', 'main.ts');
    expect(existsSync(source)).toBe(true);
    const built = join(tsconfig.compilerOptions.outDir, relative(join(root, tsconfig.compilerOptions.rootDir), source)).replace(/\.ts$/, '.js');
    expect(pkg.main).toBe(built);
    expect(config.files).toContain('package.json');
    expect(config.files).toContain(`${pkg.main.split('/')[0]}/**`);
    // The window's preload is built next to main from electron/preload.cts.
    expect(existsSync(join(root, 'electron', 'preload.cts'))).toBe(true);
  });

  it('ships every tray icon outside the asar, where the packaged app looks for them', () => {
    const tray = config.extraResources.find((r) => r.from === 'resources/tray');
    expect(tray).toBeDefined();
    expect(config.asarUnpack).toContain('resources/**');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/keytar/**', '**/node_modules/ssh2/**']));
    const packaged = trayIconDir({ isPackaged: true, appPath: '/opt/Cairn/resources/app.asar', resourcesPath: '/opt/Cairn/resources' });
    expect(packaged).toBe(join('/opt/Cairn/resources', tray!.to));
    expect(trayIconDir({ isPackaged: false, appPath: root, resourcesPath: undefined })).toBe(join(root, 'resources', 'tray'));
    for (const name of trayIconNames) {
      const size = pngSize(join(root, 'resources', 'tray', name));
      expect(size.width, name).toBe(name.includes('@2x') ? 32 : 16);
    }
  });

  it('picks template images on macOS and light or dark icons elsewhere', () => {
    expect(trayIconFile('/r', 'error', { platform: 'darwin', dark: true })).toBe(join('/r', 'errorTemplate.png'));
    expect(trayIconFile('/r', 'running', { platform: 'win32', dark: false })).toBe(join('/r', 'running-light.png'));
    expect(trayIconFile('/r', 'idle', { platform: 'linux', dark: true })).toBe(join('/r', 'idle-dark.png'));
  });
});
