import type { EncryptionMode, Repository } from '../core/config/schema.js';
import { addNewRepository } from '../core/repositories/add.js';
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
 * The command line's way into addNewRepository: validates, stores the passphrase, creates or opens
 * the repository, then saves it; on failure nothing is kept.
 */
export async function addRepositoryFromCli({ core }: CliContext, setup: RepositorySetup): Promise<Repository> {
  const passphrase =
    setup.encryption === 'none'
      ? { source: 'none' as const }
      : setup.passphraseCommand
        ? { source: 'command' as const, command: setup.passphraseCommand }
        : { source: 'keychain' as const };
  return addNewRepository(core, {
    input: {
      name: setup.name,
      url: setup.url,
      encryption: setup.encryption,
      passphrase,
      ssh: { keyFile: setup.ssh?.keyFile, knownHostsFile: setup.ssh?.knownHostsFile },
      removable: setup.removable === true,
    },
    mode: setup.init ? 'create' : 'connect',
    passphrase: setup.newPassphrase,
    notFoundHint: setup.notFoundHint ?? 'To create a new repository there, add --init.',
  });
}
