import { BorgError } from '../core/borg/errors.js';
import { addRepository } from '../core/config/edit.js';
import type { EncryptionMode, Repository } from '../core/config/schema.js';
import { listArchives } from '../core/repositories/archives.js';
import { initRepository } from '../core/repositories/init.js';
import { deletePassphrase, setPassphrase } from '../core/secrets/keychain.js';
import type { CliContext } from './context.js';

/** A repository to add from the command line (`repos add`, `repos pair`). */
export interface RepositorySetup {
  name: string;
  url: string;
  encryption: EncryptionMode;
  /** Get the passphrase from this command instead of the keychain. */
  passphraseCommand?: string | undefined;
  /** Asked only when the passphrase goes to the keychain (typed twice, or from stdin). */
  newPassphrase: () => Promise<string>;
  ssh?: { keyFile?: string | undefined; knownHostsFile?: string | undefined } | undefined;
  removable?: boolean | undefined;
  /** Create the borg repository (otherwise connect an existing one). */
  init: boolean;
  /** Advice when connecting finds no repository (default: add --init). */
  notFoundHint?: string | undefined;
}

/**
 * Validates, stores the passphrase, creates or opens the repository, then saves it in the
 * config; on failure the keychain entry is removed again and the config is left unchanged.
 */
export async function addRepositoryFromCli({ core }: CliContext, setup: RepositorySetup): Promise<Repository> {
  const passphrase =
    setup.encryption === 'none'
      ? { source: 'none' as const }
      : setup.passphraseCommand
        ? { source: 'command' as const, command: setup.passphraseCommand }
        : { source: 'keychain' as const };
  const { config } = await core.store.load();
  // Validate before asking for anything or touching the keychain and the disk.
  const { repository } = addRepository(config, {
    name: setup.name,
    url: setup.url,
    encryption: setup.encryption,
    passphrase,
    ssh: { keyFile: setup.ssh?.keyFile, knownHostsFile: setup.ssh?.knownHostsFile },
    removable: setup.removable === true,
  });
  if (passphrase.source === 'keychain') await setPassphrase(repository.id, await setup.newPassphrase());
  try {
    const borg = await core.borg();
    const access = await core.access(repository);
    if (setup.init) await initRepository(borg, access, { lockWait: config.settings.lockWaitSeconds });
    else await listArchives(borg, access, { lockWait: config.settings.lockWaitSeconds });
    await core.store.apply((current) => addRepository(current, repository));
  } catch (error) {
    if (passphrase.source === 'keychain') await deletePassphrase(repository.id).catch(() => undefined);
    if (error instanceof BorgError && error.code === 'repository-not-found' && !setup.init) {
      throw new BorgError({ code: error.code, summary: error.summary, hint: setup.notFoundHint ?? 'To create a new repository there, add --init.', detail: error.detail });
    }
    throw error;
  }
  return repository;
}
