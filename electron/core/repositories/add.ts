import { BorgError } from '../borg/errors.js';
import { addRepository, type AddRepositoryInput } from '../config/edit.js';
import { encryptionModes, type EncryptionMode, type Repository } from '../config/schema.js';
import type { CairnCore } from '../core.js';
import { deletePassphrase, setPassphrase } from '../secrets/keychain.js';
import { openRepository } from './archives.js';
import { initRepository, noteRepositoryLocation } from './init.js';

/** What adding a repository needs, from the CLI (`repos add`, `repos pair`) or the window. */
export interface NewRepositoryRequest {
  input: AddRepositoryInput;
  /** `create` runs `borg init`; `connect` opens an existing repository. */
  mode: 'create' | 'connect';
  /** Asked only after validation, and only when the passphrase goes to the keychain. */
  passphrase: () => Promise<string>;
  /** Advice when connecting finds no repository. */
  notFoundHint?: string | undefined;
  /** Called once the repository is valid and has its id, before borg runs. */
  onStart?: ((repository: Repository) => void) | undefined;
}

/**
 * Validates, stores the passphrase, creates or opens the repository, then saves it in the config.
 * On failure nothing is kept: the keychain entry is removed, and what a `create` wrote at a local
 * location is removed again (never what was there before). Throws ConfigError when the input is not
 * valid (nothing touched then), BorgError for borg's failures.
 */
export async function addNewRepository(core: CairnCore, request: NewRepositoryRequest): Promise<Repository> {
  const { config } = await core.store.load();
  // Validate before asking for anything or touching the keychain and the disk.
  let { repository } = addRepository(config, request.input);
  const usesKeychain = repository.passphrase.source === 'keychain';
  if (usesKeychain) await setPassphrase(repository.id, await request.passphrase());
  const undo = request.mode === 'create' ? await noteRepositoryLocation(repository.url) : async () => {};
  request.onStart?.(repository);
  try {
    const borg = await core.borg();
    const access = await core.access(repository);
    const lockWait = config.settings.lockWaitSeconds;
    if (request.mode === 'create') await initRepository(borg, access, { lockWait });
    else repository = withFoundEncryption(repository, (await openRepository(borg, access, { lockWait })).encryptionMode);
    const saved = repository;
    await core.store.apply((current) => addRepository(current, saved));
    if (usesKeychain && saved.passphrase.source === 'none') await deletePassphrase(saved.id).catch(() => undefined);
  } catch (error) {
    if (usesKeychain) await deletePassphrase(repository.id).catch(() => undefined);
    await undo().catch(() => undefined);
    if (error instanceof BorgError && error.code === 'repository-not-found' && request.mode === 'connect' && request.notFoundHint !== undefined) {
      throw new BorgError({ code: error.code, summary: error.summary, hint: request.notFoundHint, detail: error.detail, msgid: error.msgid, exitCode: error.exitCode });
    }
    throw error;
  }
  return repository;
}

/**
 * A connected repository is recorded with the encryption borg found, not the one the user guessed
 * (the window does not ask when connecting): a keyfile repository must not be saved as repokey.
 */
function withFoundEncryption(repository: Repository, found: string | null): Repository {
  if (found === null || found === repository.encryption || !encryptionModes.includes(found as EncryptionMode)) return repository;
  const encryption = found as EncryptionMode;
  // An unencrypted repository opens with any passphrase; it needs none in the config.
  const passphrase = encryption === 'none' ? { source: 'none' as const } : repository.passphrase;
  return { ...repository, encryption, passphrase };
}
