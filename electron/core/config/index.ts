// The config module's public API: schema, paths, load / migrate / atomic save, and edits.
export * from './schema.js';
export { resolvePaths, type CairnPaths, type ResolvePathsOptions } from './paths.js';
export { migrate } from './migrations.js';
export { ConfigError, NewerConfigError, formatIssues, formatIssue, formatPath, type ConfigIssue } from './errors.js';
export { validateConfig } from './validate.js';
export { ConfigStore, type ConfigStoreOptions, type LoadResult } from './store.js';
export { writeFileAtomic } from './atomic-write.js';
export { slugify, uniqueId } from './ids.js';
export { ConfigLookupError, findItem, findJob, findRepository, findState, type ItemKind } from './lookup.js';
export {
  addJob,
  addRepository,
  addState,
  removeJob,
  removeRepository,
  removeState,
  type AddJobInput,
  type AddRepositoryInput,
  type AddStateInput,
  type EditOptions,
} from './edit.js';
