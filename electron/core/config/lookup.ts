import type { Config, Job, Repository, State } from './schema.js';

/** The three kinds of named things in a config. */
export type ItemKind = 'state' | 'repository' | 'job';

const plurals: Record<ItemKind, string> = { state: 'states', repository: 'repositories', job: 'jobs' };

/** Nothing matches a name or id the user typed; the message lists what does exist. */
export class ConfigLookupError extends Error {
  override readonly name = 'ConfigLookupError';

  constructor(
    readonly kind: ItemKind,
    readonly query: string,
    readonly known: string[],
  ) {
    super(
      `No ${kind} named "${query}"; ` +
        (known.length === 0 ? `there are no ${plurals[kind]} yet.` : `known ${plurals[kind]}: ${known.join(', ')}`),
    );
  }
}

/** An item by exact id, else by name ignoring case and surrounding spaces (names are unique that way). */
export function findItem<T extends { id: string; name: string }>(items: readonly T[], kind: ItemKind, nameOrId: string): T {
  const byId = items.find((item) => item.id === nameOrId);
  if (byId) return byId;
  const folded = nameOrId.trim().toLowerCase();
  const byName = items.find((item) => item.name.toLowerCase() === folded);
  if (byName) return byName;
  throw new ConfigLookupError(kind, nameOrId, items.map((item) => item.name));
}

/** A state by name or id, or a ConfigLookupError listing the known states. */
export function findState(config: Config, nameOrId: string): State {
  return findItem(config.states, 'state', nameOrId);
}

/** A repository by name or id, or a ConfigLookupError listing the known repositories. */
export function findRepository(config: Config, nameOrId: string): Repository {
  return findItem(config.repositories, 'repository', nameOrId);
}

/** A job by name or id, or a ConfigLookupError listing the known jobs. */
export function findJob(config: Config, nameOrId: string): Job {
  return findItem(config.jobs, 'job', nameOrId);
}
