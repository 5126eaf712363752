import { BorgError } from '../../borg/errors.js';
import type { RepositoryAccess } from '../../borg/types.js';
import { ConfigError } from '../../config/errors.js';
import type { Repository } from '../../config/schema.js';
import { addNewRepository } from '../../repositories/add.js';
import { listArchives } from '../../repositories/archives.js';
import { exportRepositoryKey, readRepositoryKey } from '../../repositories/key-export.js';
import { checkRepository, compactRepository } from '../../repositories/maintenance.js';
import { KeychainUnavailableError, setPassphrase } from '../../secrets/keychain.js';
import { PassphraseError } from '../../secrets/passphrase.js';
import type { SaveResult } from '../contract.js';
import { newRepositoryProblems } from './repository-input.js';
import { maintenanceReporter, repositoryOf } from './repository-lookup.js';
import { configChanged } from './save.js';
import type { HandlerGroup } from './types.js';

const notFoundHint = 'Check the folder or address, or choose "Create a new repository" to make one there.';

/** A failure while adding or opening a repository as the window's answer; anything unexpected is thrown. */
function refusal(error: unknown): SaveResult {
  if (error instanceof BorgError) {
    // borg's own hint names a CLI command; the window's answer is the field itself.
    if (error.code === 'passphrase-wrong' || error.code === 'no-passphrase') {
      return { ok: false, message: 'The passphrase does not open this repository: check it and try again.', errors: [{ path: 'passphrase', message: 'does not open this repository' }] };
    }
    // Failures about the place itself belong next to the address field.
    const aboutLocation = ['repository-not-found', 'not-a-repository', 'repository-exists', 'parent-missing', 'host-unreachable', 'host-key-changed', 'ssh-auth-failed'];
    return { ok: false, message: error.message, errors: aboutLocation.includes(error.code) ? [{ path: 'url', message: error.summary }] : [] };
  }
  if (error instanceof PassphraseError) return { ok: false, message: error.message, errors: [{ path: 'passphrase', message: error.message }] };
  if (error instanceof ConfigError) return { ok: false, message: error.message, errors: [] };
  if (error instanceof KeychainUnavailableError) return { ok: false, message: error.message, errors: [] };
  throw error;
}

/** How borg reaches a repository with a given passphrase (or none, for what needs no key). */
function accessWith(repository: Repository, passphrase: string | null): RepositoryAccess {
  return { name: repository.name, url: repository.url, encryption: repository.encryption, passphrase, ssh: repository.ssh };
}

/** Creating and connecting repositories, their passphrase and key, and their upkeep (check, compact). */
export const repositoryHandlers: HandlerGroup<'repositories.add' | 'repositories.setPassphrase' | 'repositories.exportKey' | 'repositories.check' | 'repositories.compact'> = {
  'repositories.add': async ({ repository, mode, passphrase }, context) => {
    let prepared;
    try {
      prepared = newRepositoryProblems((await context.core.store.load()).config, repository as Record<string, unknown>, mode, passphrase, context);
    } catch (error) {
      return refusal(error);
    }
    if ('refused' in prepared) return prepared.refused;
    let repositoryId = '';
    const report = (percent: number | null, message: string | null) =>
      context.emit('maintenance.progress', { repositoryId, operation: 'init', percent, message });
    try {
      const added = await addNewRepository(context.core, {
        input: prepared.input,
        mode,
        passphrase: async () => passphrase ?? '',
        notFoundHint,
        onStart: (r) => {
          repositoryId = r.id;
          report(null, mode === 'create' ? `Creating the repository ${r.name}…` : `Opening the repository ${r.name}…`);
        },
      });
      report(100, mode === 'create' ? 'The repository was created.' : 'The repository was connected.');
      configChanged(context);
      return { ok: true, id: added.id };
    } catch (error) {
      if (repositoryId !== '') report(null, null);
      return refusal(error);
    }
  },

  'repositories.setPassphrase': async ({ repositoryId, passphrase }, context) => {
    const { config, repository } = await repositoryOf(context, repositoryId);
    if (repository.passphrase.source !== 'keychain') {
      const why = repository.passphrase.source === 'none' ? 'it is not encrypted' : 'its passphrase comes from a command';
      return { ok: false, message: `${repository.name} keeps no passphrase in the keychain: ${why}.`, errors: [] };
    }
    const { core } = context;
    try {
      const borg = await core.borg();
      // Checked before the keychain entry is replaced: a typo must not lock the backups out.
      await core.engine.exclusive(repository.id, () => listArchives(borg, accessWith(repository, passphrase), { lockWait: config.settings.lockWaitSeconds }));
      await setPassphrase(repository.id, passphrase);
    } catch (error) {
      return refusal(error);
    }
    return { ok: true, id: repository.id };
  },

  'repositories.exportKey': async ({ repositoryId, format }, context) => {
    const { repository } = await repositoryOf(context, repositoryId);
    const borg = await context.core.borg();
    // `key export` reads the key as stored, without decrypting it: no passphrase needed.
    const access = accessWith(repository, null);
    if (format === 'paper') return { kind: 'paper', text: await readRepositoryKey(borg, access, 'paper') };
    const path = await context.desktop.pickSaveFile({
      title: `Save the key of ${repository.name}`,
      defaultName: `cairn-${repository.id}-key.${format === 'qr-html' ? 'html' : 'txt'}`,
    });
    if (path === null) return { kind: 'cancelled' };
    await exportRepositoryKey(borg, access, format === 'qr-html' ? 'qr-html' : 'key', path);
    return { kind: 'saved', path };
  },

  'repositories.check': async ({ repositoryId, verifyData }, context) => {
    const { config, repository } = await repositoryOf(context, repositoryId);
    const { core } = context;
    const report = maintenanceReporter(context, repository.id, 'check');
    report({ percent: null, message: core.engine.busy(repository.id) ? 'Waiting for the repository to be free…' : 'Starting the check…' }, true);
    try {
      const result = await core.engine.exclusive(repository.id, async () => {
        report({ percent: 0, message: 'Checking…' }, true);
        await core.browse.release(repository.id); // a mount would hold back the exclusive lock
        const borg = await core.borg();
        return checkRepository(borg, await core.access(repository), { verifyData, lockWait: config.settings.lockWaitSeconds, onProgress: report });
      });
      report({ percent: 100, message: result.ok ? 'Check finished.' : 'Check finished: problems found.' }, true);
      return result;
    } catch (error) {
      report({ percent: null, message: null }, true);
      throw error;
    }
  },

  'repositories.compact': async ({ repositoryId }, context) => {
    const { config, repository } = await repositoryOf(context, repositoryId);
    const { core } = context;
    const report = maintenanceReporter(context, repository.id, 'compact');
    report({ percent: null, message: core.engine.busy(repository.id) ? 'Waiting for the repository to be free…' : 'Starting…' }, true);
    try {
      const result = await core.engine.exclusive(repository.id, async () => {
        report({ percent: 0, message: 'Compacting…' }, true);
        await core.browse.release(repository.id); // a mount would hold back the exclusive lock
        const borg = await core.borg();
        return compactRepository(borg, await core.access(repository), { lockWait: config.settings.lockWaitSeconds, onProgress: report });
      });
      report({ percent: 100, message: 'Compact finished.' }, true);
      return { message: result.message };
    } catch (error) {
      report({ percent: null, message: null }, true);
      throw error;
    }
  },
};
