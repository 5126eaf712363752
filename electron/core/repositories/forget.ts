import { removeRepository } from '../config/edit.js';
import type { Repository } from '../config/schema.js';
import type { ConfigStore } from '../config/store.js';
import { deletePassphrase } from '../secrets/keychain.js';

/**
 * Removes a repository from the config (refused while a job uses it) and its passphrase from the
 * keychain; its archives on disk or on the server are never touched. The CLI's `repos remove` and
 * the window's "Remove" share it, so both forget the same things.
 */
export async function forgetRepository(store: ConfigStore, nameOrId: string): Promise<Repository> {
  const { repository } = await store.apply((config) => removeRepository(config, nameOrId));
  // The entry is useless without the config's repository; a keychain that cannot be reached keeps it.
  if (repository.passphrase.source === 'keychain') await deletePassphrase(repository.id).catch(() => undefined);
  return repository;
}
