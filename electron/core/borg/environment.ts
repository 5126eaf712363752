import { parseRepositoryUrl } from './repository-url.js';
import { buildBorgRsh } from './rsh.js';
import type { RepositoryAccess } from './types.js';

/** The only variables copied from Cairn's own environment: a stray BORG_PASSPHRASE must never reach borg. */
export const inheritedVariables = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'TMPDIR',
  'SSH_AUTH_SOCK',
  'BORG_BASE_DIR',
  'BORG_CACHE_DIR',
  'BORG_CONFIG_DIR',
  'BORG_SECURITY_DIR',
  'BORG_KEYS_DIR',
  'XDG_CACHE_HOME',
  'XDG_CONFIG_HOME',
  'BORG_FUSE_IMPL',
] as const;

/** Variables extraEnv may not set: every passphrase variable (secrets reach borg on fd 3 only) and the repository. */
const forbiddenExtra = /^BORG_(NEW_)?PASS|^BORG_REPO$/;

/** The file descriptor borg reads the passphrase from (the fourth stdio entry of the spawn). */
export const PASSPHRASE_FD = 3;

/** Options for borgEnvironment. */
export interface BorgEnvironmentOptions {
  /** Where inherited variables come from (process.env by default). */
  baseEnv?: Readonly<Record<string, string | undefined>> | undefined;
  /** Deliberate answers to borg's questions, applied last. */
  extraEnv?: Readonly<Record<string, string>> | undefined;
}

/** The complete environment of a borg child: allowlisted variables, fixed settings, explicit prompt answers. */
export function borgEnvironment(repository: RepositoryAccess, options: BorgEnvironmentOptions = {}): Record<string, string> {
  const base = options.baseEnv ?? process.env;
  const env: Record<string, string> = {};
  for (const name of inheritedVariables) {
    const value = base[name];
    if (value !== undefined && value !== '') env[name] = value;
  }
  // Naive local timestamps in borg's JSON become UTC; messages stay in one encoding.
  env.TZ = 'UTC';
  env.LANG = 'C.UTF-8';
  env.BORG_REPO = repository.url;
  if (repository.passphrase !== null) env.BORG_PASSPHRASE_FD = String(PASSPHRASE_FD);
  if (parseRepositoryUrl(repository.url).kind === 'ssh') env.BORG_RSH = buildBorgRsh(repository.ssh ?? {});
  // Every question borg could ask gets an answer up front, so none can wait for a person.
  env.BORG_RELOCATED_REPO_ACCESS_IS_OK = 'no';
  env.BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK = repository.encryption === 'none' ? 'yes' : 'no';
  env.BORG_CHECK_I_KNOW_WHAT_I_AM_DOING = 'NO';
  env.BORG_DELETE_I_KNOW_WHAT_I_AM_DOING = 'NO';
  for (const [name, value] of Object.entries(options.extraEnv ?? {})) {
    if (forbiddenExtra.test(name)) throw new RangeError(`${name} cannot be set through extraEnv`);
    env[name] = value;
  }
  return env;
}
