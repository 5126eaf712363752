import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BorgError } from '../../borg/errors.js';
import { ConfigError } from '../../config/errors.js';
import { settingsSchema } from '../../config/schema.js';
import type { CairnCore } from '../../core.js';
import { getPassphrase } from '../../secrets/keychain.js';
import type { FolderPurpose, MethodOutput } from '../contract.js';
import { fieldErrors, refuse, saveConfig } from './save.js';
import type { HandlerGroup } from './types.js';

/** How long the first-run check waits for the keychain (a locked one may wait for an unlock prompt). */
const KEYCHAIN_PROBE_MS = 5_000;
/** An account no repository can have (ids are lowercase slugs): reading it writes nothing. */
const PROBE_ACCOUNT = 'Cairn keychain check';

const dialogTitles: Record<FolderPurpose, string> = {
  'backup-folders': 'Choose the folders to back up',
  'repository-folder': 'Choose the folder for the backup repository',
  'restore-target': 'Choose where to restore the files',
};

/** The folder where each run's full log is written (the engine's logDir in core.ts). */
export function runLogFolder(core: Pick<CairnCore, 'paths'>): string {
  return join(core.paths.dataDir, 'runs');
}

/** What the first-run wizard and the settings need: the machine, the config as a whole, dialogs. */
export const systemHandlers: HandlerGroup<'system.info' | 'config.get' | 'settings.save' | 'dialog.pickFolders' | 'app.openLogFolder'> = {
  'system.info': async (_input, { core }) => {
    const [borg, keychain, config] = await Promise.all([borgInfo(core), keychainInfo(), configInfo(core)]);
    return { borg, keychain, ...config, platform: process.platform, logFolder: runLogFolder(core) };
  },

  'config.get': async (_input, { core }) => {
    const { config } = await core.store.load();
    return { states: config.states, repositories: config.repositories, jobs: config.jobs, settings: config.settings };
  },

  'settings.save': async ({ settings }, context) => {
    let before: boolean | undefined;
    let after: boolean | undefined;
    const result = await saveConfig(context, (config) => {
      const merged = settingsSchema.safeParse({ ...config.settings, ...settings });
      if (!merged.success) throw refuse('settings', fieldErrors(merged.error));
      before = config.settings.startAtLogin;
      after = merged.data.startAtLogin;
      return { config: { ...config, settings: merged.data }, id: 'settings' };
    });
    if (result.ok && after !== undefined && after !== before) await context.desktop.setStartAtLogin(after);
    return result;
  },

  'dialog.pickFolders': async ({ purpose, multiple }, { desktop, chosenPaths }) => {
    const paths = await desktop.pickFolders({ purpose, multiple, title: dialogTitles[purpose] });
    const chosen = chosenPaths.get(purpose) ?? new Set<string>();
    for (const path of paths) chosen.add(path);
    chosenPaths.set(purpose, chosen);
    return { paths };
  },

  'app.openLogFolder': async (_input, { core, desktop }) => {
    const folder = runLogFolder(core);
    await mkdir(folder, { recursive: true });
    await desktop.openPath(folder);
    return { opened: true };
  },
};

type SystemInfo = MethodOutput<'system.info'>;

async function borgInfo(core: CairnCore): Promise<SystemInfo['borg']> {
  try {
    const { version, path } = await core.borg();
    return { found: true, version, path };
  } catch (error) {
    if (!(error instanceof BorgError)) return { found: false, message: (error as Error).message, hint: installHint(process.platform) };
    // Not found at all: how to install it here. Too old, or CAIRN_BORG wrong: borg's own advice.
    const hint = error.code === 'borg-missing' && !process.env.CAIRN_BORG ? installHint(process.platform) : error.hint;
    return { found: false, message: error.summary, hint };
  }
}

/** How to get borg 1.2+ on this operating system. */
export function installHint(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Install it with Homebrew (brew install borgbackup), then check again.';
    case 'win32':
      return 'BorgBackup has no native Windows version: install it inside WSL (wsl --install, then sudo apt install borgbackup in the Linux shell).';
    case 'linux':
      return 'Install it with your package manager, then check again: sudo apt install borgbackup (Debian, Ubuntu), sudo dnf install borgbackup (Fedora) or sudo pacman -S borg (Arch).';
    default:
      return "Install BorgBackup 1.2 or newer with your system's package manager, then check again.";
  }
}

/** Whether the OS keychain answers: a read of an account that never exists, nothing written. */
async function keychainInfo(): Promise<SystemInfo['keychain']> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`The keychain did not answer within ${KEYCHAIN_PROBE_MS / 1000} s (is it locked?).`), KEYCHAIN_PROBE_MS);
  });
  try {
    const problem = await Promise.race([getPassphrase(PROBE_ACCOUNT).then(() => null, (error: unknown) => (error as Error).message), timeout]);
    return { available: problem === null, message: problem };
  } finally {
    clearTimeout(timer);
  }
}

async function configInfo(core: CairnCore): Promise<Pick<SystemInfo, 'firstRun' | 'configProblem'>> {
  try {
    const { config } = await core.store.load();
    return { firstRun: config.jobs.length === 0, configProblem: null };
  } catch (error) {
    if (error instanceof ConfigError) return { firstRun: false, configProblem: error.message };
    throw error;
  }
}
