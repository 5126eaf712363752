import { z } from 'zod';

/** One problem in a config, located by a readable path such as `jobs[0].schedule.expression`. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** A config that cannot be read, validated or written; `issues` name each field and its problem. */
export class ConfigError extends Error {
  override readonly name: string = 'ConfigError';

  constructor(
    /** The message without the list of issues. */
    readonly summary: string,
    readonly issues: ConfigIssue[] = [],
    /** Where the broken file was copied aside, when it was. */
    readonly corruptCopy?: string,
  ) {
    super(issues.length === 0 ? summary : `${summary}\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
  }
}

/** The file comes from a newer Cairn: it is fine, just not ours to read or rewrite. */
export class NewerConfigError extends ConfigError {
  override readonly name: string = 'NewerConfigError';

  constructor(readonly version: number, known: number) {
    super(
      `The configuration was written by a newer Cairn (version ${version}); update Cairn. ` +
        `This Cairn understands versions up to ${known} and will not change the file.`,
    );
  }
}

/** `path: message`, or just the message when it concerns the whole file. */
export function formatIssue(issue: ConfigIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** `['jobs', 0, 'schedule']` → `jobs[0].schedule`, the way a person would write it. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Turns zod's issues into ones a person can act on, with paths like `jobs[0].schedule.expression`. */
export function formatIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: readableMessage(issue) }));
}

function readableMessage(issue: z.core.$ZodIssue): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(issue.message);
  if (missing) return `is required (${missing[1]})`;
  // zod's own wording for bounds ("Too small: expected number to be >=1") is for developers.
  if (issue.code === 'too_small' && issue.origin === 'number') return `must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `must be at most ${String(issue.maximum)}`;
  // zod's built-in messages are capitalised sentences; after "path:" they read better in lower case.
  return issue.message.replace(/^Invalid /, 'invalid ');
}
