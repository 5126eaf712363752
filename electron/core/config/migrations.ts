import { CONFIG_VERSION } from './schema.js';
import { ConfigError, NewerConfigError } from './errors.js';

type JsonObject = Record<string, unknown>;

/** One step: takes a file of version N (already copied) and returns it as version N + 1. */
type Step = (config: JsonObject) => JsonObject;

/** steps[n] migrates version n to n + 1. */
const steps: Step[] = [
  // 0 → 1: files from before versioning. Jobs had `keep` at the top level instead of
  // `prune.keep`; repositories had `passCommand: string` instead of a passphrase source.
  (config) => {
    for (const job of objectsIn(config.jobs)) {
      if (isObject(job.keep)) {
        const prune = isObject(job.prune) ? job.prune : {};
        const keep = isObject(prune.keep) ? prune.keep : {};
        job.prune = { ...prune, keep: { ...job.keep, ...keep } };
      }
      delete job.keep;
    }
    for (const repository of objectsIn(config.repositories)) {
      if (typeof repository.passCommand === 'string' && repository.passphrase === undefined) {
        repository.passphrase = { source: 'command', command: repository.passCommand };
      }
      delete repository.passCommand;
    }
    return config;
  },
];

/** Brings a parsed config file of any older version to CONFIG_VERSION; the input is not modified. */
export function migrate(raw: unknown): { config: unknown; from: number } {
  // Not an object at all: nothing to migrate, validation will say what is wrong.
  if (!isObject(raw)) return { config: raw, from: CONFIG_VERSION };
  const from = versionOf(raw);
  let config: JsonObject = structuredClone(raw);
  for (let version = from; version < CONFIG_VERSION; version++) {
    const step = steps[version];
    if (!step) throw new Error(`No config migration from version ${version}`);
    config = { ...step(config), version: version + 1 };
  }
  return { config, from };
}

function versionOf(raw: JsonObject): number {
  const version = raw.version;
  if (version === undefined) return 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ConfigError('The configuration has no usable version:', [
      { path: 'version', message: `must be a whole number of 1 or more (this Cairn writes version ${CONFIG_VERSION})` },
    ]);
  }
  if (version > CONFIG_VERSION) {
    throw new NewerConfigError(version, CONFIG_VERSION);
  }
  return version;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectsIn(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}
