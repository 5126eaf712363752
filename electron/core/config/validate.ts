import { configSchema, type Config } from './schema.js';
import { ConfigError, formatIssues } from './errors.js';

/** Checks a config (after migration) against the schema and fills in defaults; throws ConfigError. */
export function validateConfig(raw: unknown, summary = 'The configuration is not valid:'): Config {
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(summary, formatIssues(result.error));
  return result.data;
}
