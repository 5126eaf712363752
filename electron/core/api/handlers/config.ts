import { removeJob, removeState } from '../../config/edit.js';
import { ConfigError } from '../../config/errors.js';
import type { Config, Repository } from '../../config/schema.js';
import { forgetRepository } from '../../repositories/forget.js';
import type { FieldError, ItemKind } from '../contract.js';
import type { RouterContext } from '../ports.js';
import { blankToUndefined, configChanged, itemId, placeItem, refuse, saveConfig, SaveRefused, type ItemListKey } from './save.js';
import type { HandlerGroup } from './types.js';

type Dependent = { kind: ItemKind; id: string; name: string };

const lists: Record<ItemKind, ItemListKey> = { state: 'states', repository: 'repositories', job: 'jobs' };

/** Adding, editing and removing states, jobs and repositories from the window's forms. */
export const configHandlers: HandlerGroup<'states.save' | 'jobs.save' | 'repositories.save' | 'items.dependents' | 'items.remove'> = {
  'states.save': async ({ state }, context) =>
    saveConfig(context, (config) => {
      const input = state as Record<string, unknown>;
      const id = itemId(config.states, input, 'state');
      const candidate = {
        ...input,
        id,
        preBackupScript: blankToUndefined(input.preBackupScript),
        postBackupScript: blankToUndefined(input.postBackupScript),
      };
      const placed = placeItem(config, 'states', candidate, 'state');
      const errors = [...placed.errors, ...unchosenFolders(config, input.folders, context, placed.errors)];
      if (!placed.config || errors.length > 0) throw refuse('state', errors);
      return { config: placed.config, id };
    }),

  'jobs.save': async ({ job }, context) =>
    saveConfig(context, (config) => {
      const input = job as Record<string, unknown>;
      const id = itemId(config.jobs, input, 'job');
      const hooks = isRecord(input.hooks) ? Object.fromEntries(Object.entries(input.hooks).map(([k, v]) => [k, blankToUndefined(v)])) : input.hooks;
      const placed = placeItem(config, 'jobs', { ...input, id, hooks }, 'job');
      if (!placed.config) throw refuse('job', placed.errors);
      return { config: placed.config, id };
    }),

  'repositories.save': async ({ repository }, context) =>
    saveConfig(context, (config) => {
      const input = repository as Record<string, unknown>;
      const existing = config.repositories.find((r) => r.id === input.id);
      if (!existing) {
        throw new SaveRefused({
          ok: false,
          message: `Could not save the repository: there is no repository with id ${JSON.stringify(input.id)}. New repositories are added with "Add repository".`,
          errors: [],
        });
      }
      const { candidate, errors } = editedRepository(existing, input);
      const placed = placeItem(config, 'repositories', candidate, 'repository');
      errors.push(...placed.errors);
      if (!placed.config || errors.length > 0) throw refuse('repository', errors);
      return { config: placed.config, id: existing.id };
    }),

  'items.dependents': async ({ kind, id }, { core }) => ({ dependents: dependentsOf((await core.store.load()).config, kind, id) }),

  'items.remove': async ({ kind, id }, context) => {
    const { core } = context;
    let config: Config;
    try {
      ({ config } = await core.store.load());
    } catch (error) {
      if (error instanceof ConfigError) return { removed: false, message: error.message, dependents: [] };
      throw error;
    }
    // By id only: the edit functions also match names, which must not pick another item.
    if (!config[lists[kind]].some((item) => item.id === id)) {
      return { removed: false, message: `There is no ${kind} with id "${id}" (it may have been removed already).`, dependents: [] };
    }
    try {
      if (kind === 'repository') await forgetRepository(core.store, id);
      else await core.store.apply((current) => (kind === 'state' ? removeState(current, id) : removeJob(current, id)));
    } catch (error) {
      // Used by jobs (said in the edit's own words), or a config file that cannot be read or written.
      if (!(error instanceof ConfigError)) throw error;
      const fresh = await core.store.load().then(({ config: c }) => c, () => config);
      return { removed: false, message: error.summary, dependents: dependentsOf(fresh, kind, id) };
    }
    configChanged(context);
    return { removed: true, message: null, dependents: [] };
  },
};

/** The jobs that use a state or repository (nothing depends on a job). */
function dependentsOf(config: Config, kind: ItemKind, id: string): Dependent[] {
  if (kind === 'job') return [];
  return config.jobs
    .filter((job) => (kind === 'state' ? job.stateIds.includes(id) : job.repositoryId === id))
    .map((job) => ({ kind: 'job', id: job.id, name: job.name }));
}

/**
 * The renderer is untrusted: a state may only name folders already in the config or picked by the
 * user in the folder dialog this session, so a compromised window cannot add `/` or `~/.ssh`.
 */
function unchosenFolders(config: Config, folders: unknown, { chosenPaths }: RouterContext, already: FieldError[]): FieldError[] {
  if (!Array.isArray(folders)) return [];
  const known = new Set(config.states.flatMap((s) => s.folders));
  const chosen = chosenPaths.get('backup-folders') ?? new Set<string>();
  return folders.flatMap((folder: unknown, index) => {
    const path = `folders.${index}`;
    if (typeof folder !== 'string' || known.has(folder) || chosen.has(folder) || already.some((e) => e.path === path)) return [];
    return [{ path, message: `was not chosen in the folder dialog: use "Add folder" to pick ${folder}` }];
  });
}

/**
 * An existing repository with the edits the window may make: name, removable, ssh files and the
 * passphrase command. Its address and encryption belong to the borg repository itself.
 */
function editedRepository(existing: Repository, input: Record<string, unknown>): { candidate: { id: string } & Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const instead = 'connect it as a new repository instead ("Add repository"), then move its jobs to it';
  if (input.url !== undefined && input.url !== existing.url) errors.push({ path: 'url', message: `cannot be changed: to use another address, ${instead}` });
  if (input.encryption !== undefined && input.encryption !== existing.encryption) {
    errors.push({ path: 'encryption', message: `cannot be changed: it was chosen when the repository was created; ${instead}` });
  }
  let passphrase: unknown = existing.passphrase;
  if (isRecord(input.passphrase) && input.passphrase.source !== existing.passphrase.source) {
    errors.push({ path: 'passphrase.source', message: `cannot be changed here (it is "${existing.passphrase.source}")` });
  } else if (isRecord(input.passphrase) && existing.passphrase.source === 'command') {
    passphrase = { source: 'command', command: input.passphrase.command };
  }
  // A field left out stays as it is; an emptied ssh file field means "none".
  const ssh = isRecord(input.ssh) ? { keyFile: blankToUndefined(input.ssh.keyFile), knownHostsFile: blankToUndefined(input.ssh.knownHostsFile) } : (input.ssh ?? existing.ssh);
  const candidate = {
    ...existing,
    name: input.name ?? existing.name,
    removable: input.removable ?? existing.removable,
    passphrase,
    ssh,
  };
  return { candidate, errors };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
