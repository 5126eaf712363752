import { homedir } from 'node:os';
import path from 'node:path';
import { ConfigError } from './errors.js';
import { uniqueId } from './ids.js';
import { findItem, findRepository, findState } from './lookup.js';
import type { Config, Job, JobInput, Repository, RepositoryInput, State } from './schema.js';
import { validateConfig } from './validate.js';

export { ConfigLookupError, findJob, findRepository, findState, type ItemKind } from './lookup.js';

/** Where relative folder paths (and `~`) given on the command line are taken from. */
export interface EditOptions {
  cwd?: string;
  home?: string;
}

/** A new state as the CLI and the UI describe it; the id is made from the name. */
export interface AddStateInput {
  name: string;
  folders: readonly string[];
  preBackupScript?: string;
  postBackupScript?: string;
}

/** A new repository; the id is made from the name, defaults fill in the rest. */
export type AddRepositoryInput = Omit<RepositoryInput, 'id'>;

/** A new job; its states and repository are named by name or id. */
export type AddJobInput = Omit<JobInput, 'id' | 'stateIds' | 'repositoryId'> & {
  states: readonly string[];
  repository: string;
};

/** Adds a state with absolute folder paths; a duplicate name gives a ConfigError naming the field. */
export function addState(config: Config, input: AddStateInput, options: EditOptions = {}): { config: Config; state: State } {
  const id = uniqueId(input.name, config.states.map((s) => s.id), 'state');
  const candidate = {
    id,
    name: input.name,
    folders: input.folders.map((folder) => absoluteFolder(folder, options)),
    // An empty text field in the UI means "no script".
    preBackupScript: blankToUndefined(input.preBackupScript),
    postBackupScript: blankToUndefined(input.postBackupScript),
  };
  const next = validateConfig({ ...config, states: [...config.states, candidate] }, `Cannot add state "${input.name}":`);
  return { config: next, state: byId(next.states, id) };
}

/** Adds a repository (its passphrase stays out of the config: see secrets/). */
export function addRepository(config: Config, input: AddRepositoryInput): { config: Config; repository: Repository } {
  const id = uniqueId(input.name, config.repositories.map((r) => r.id), 'repository');
  const next = validateConfig(
    { ...config, repositories: [...config.repositories, { ...input, id }] },
    `Cannot add repository "${input.name}":`,
  );
  return { config: next, repository: byId(next.repositories, id) };
}

/** Adds a job backing up existing states to an existing repository, both found by name or id. */
export function addJob(config: Config, input: AddJobInput): { config: Config; job: Job } {
  const { states, repository, ...rest } = input;
  const id = uniqueId(input.name, config.jobs.map((j) => j.id), 'job');
  const stateIds = [...new Set(states.map((nameOrId) => findState(config, nameOrId).id))];
  const candidate = { ...rest, id, stateIds, repositoryId: findRepository(config, repository).id };
  const next = validateConfig({ ...config, jobs: [...config.jobs, candidate] }, `Cannot add job "${input.name}":`);
  return { config: next, job: byId(next.jobs, id) };
}

/** Removes a state, refusing while a job still backs it up. */
export function removeState(config: Config, nameOrId: string): { config: Config; state: State } {
  const state = findItem(config.states, 'state', nameOrId);
  refuseIfUsed(config, `state "${state.name}"`, (job) => job.stateIds.includes(state.id), 'stateIds');
  return { config: { ...config, states: config.states.filter((s) => s !== state) }, state };
}

/** Removes a repository from the config (not its archives, not its keychain entry), refusing while a job uses it. */
export function removeRepository(config: Config, nameOrId: string): { config: Config; repository: Repository } {
  const repository = findItem(config.repositories, 'repository', nameOrId);
  refuseIfUsed(config, `repository "${repository.name}"`, (job) => job.repositoryId === repository.id, 'repositoryId');
  return { config: { ...config, repositories: config.repositories.filter((r) => r !== repository) }, repository };
}

/** Removes a job; its states and repository stay. */
export function removeJob(config: Config, nameOrId: string): { config: Config; job: Job } {
  const job = findItem(config.jobs, 'job', nameOrId);
  return { config: { ...config, jobs: config.jobs.filter((j) => j !== job) }, job };
}

function refuseIfUsed(config: Config, what: string, uses: (job: Job) => boolean, field: 'stateIds' | 'repositoryId'): void {
  const users = config.jobs.flatMap((job, index) => (uses(job) ? [{ job, index }] : []));
  if (users.length === 0) return;
  const names = users.map(({ job }) => `"${job.name}"`).join(', ');
  throw new ConfigError(
    `Cannot remove ${what}: it is used by ${users.length === 1 ? 'job' : 'jobs'} ${names}. ` +
      'Remove those jobs or change them first.',
    users.map(({ job, index }) => ({ path: `jobs[${index}].${field}`, message: `job "${job.name}" uses ${what}` })),
  );
}

function absoluteFolder(folder: string, options: EditOptions): string {
  const home = options.home ?? homedir();
  const expanded = folder === '~' ? home : folder.startsWith('~/') ? path.join(home, folder.slice(2)) : folder;
  return path.resolve(options.cwd ?? process.cwd(), expanded);
}

function blankToUndefined(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}

function byId<T extends { id: string }>(items: readonly T[], id: string): T {
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`internal: ${id} vanished during validation`);
  return item;
}
