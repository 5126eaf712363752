import type { z } from 'zod';
import { ConfigError, formatIssues } from '../../config/errors.js';
import { uniqueId } from '../../config/ids.js';
import { configSchema, type Config } from '../../config/schema.js';
import type { FieldError, SaveResult } from '../contract.js';
import type { RouterContext } from '../ports.js';

/** The config lists a save can add to or replace in. */
export type ItemListKey = 'states' | 'repositories' | 'jobs';

type Refusal = Extract<SaveResult, { ok: false }>;

/** Thrown inside a config update to abort it: nothing is written, the window gets `result`. */
export class SaveRefused extends Error {
  override readonly name = 'SaveRefused';

  constructor(readonly result: Refusal) {
    super(result.message);
  }
}

/** A refusal naming each field's problem; `what` is the item ("state") for the sentence. */
export function refuse(what: string, errors: FieldError[]): SaveRefused {
  const list = errors.map((e) => (e.path === '' ? e.message : `${e.path} ${e.message}`)).join('; ');
  return new SaveRefused({ ok: false, message: `Could not save the ${what}: ${list}.`, errors });
}

/** zod's issues as field errors, their paths relative to the item (`['folders', 0]` → `folders.0`). */
export function fieldErrors(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldError[] {
  const readable = formatIssues(error);
  return error.issues.map((issue, i) => {
    const inside = prefix.every((key, k) => issue.path[k] === key);
    return { path: inside ? issue.path.slice(prefix.length).map(String).join('.') : '', message: readable[i]?.message ?? issue.message };
  });
}

/** The id of the item a form saves: its own when it names an existing one, else a new one made from its name. */
export function itemId(items: readonly { id: string }[], input: Record<string, unknown>, what: string): string {
  const { id, name } = input;
  if (id === undefined || id === null || id === '') {
    return uniqueId(typeof name === 'string' ? name : '', items.map((i) => i.id), what);
  }
  if (typeof id === 'string' && items.some((i) => i.id === id)) return id;
  throw new SaveRefused({
    ok: false,
    message: `Could not save the ${what}: there is no ${what} with id ${JSON.stringify(id)} (it may have been removed meanwhile).`,
    errors: [],
  });
}

/**
 * The config with `candidate` in place of the item with its id (or appended), validated as a
 * whole; problems come back as field errors relative to the item. The config it starts from is
 * valid, so every issue found is the candidate's.
 */
export function placeItem(config: Config, key: ItemListKey, candidate: { id: string; [field: string]: unknown }, what: string): { config: Config | null; errors: FieldError[] } {
  const items: readonly { id: string }[] = config[key];
  const found = items.findIndex((item) => item.id === candidate.id);
  const index = found < 0 ? items.length : found;
  const next = [...items];
  next[index] = candidate;
  const result = configSchema.safeParse({ ...config, [key]: next });
  if (result.success) return { config: result.data, errors: [] };
  const errors = fieldErrors(result.error, [key, index]);
  result.error.issues.forEach((issue, i) => {
    // A duplicate name is reported on whichever item comes second: it is this one's name either way.
    const [list, , field] = issue.path;
    if (list === key && field === 'name' && issue.path.length === 3 && issue.message.startsWith('duplicate name')) {
      const { name } = candidate;
      errors[i] = { path: 'name', message: `is already used by another ${what}${typeof name === 'string' ? ` ("${name.trim()}")` : ''}` };
    }
  });
  return { config: null, errors };
}

/** An empty hook field means "no hook" (as in config/edit.ts). */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/**
 * Applies `edit` to the config on disk atomically (serialized with other saves) and tells the
 * scheduler, the tray and the window. A refusal, or a config file that cannot be read (which is
 * then left untouched), comes back as `ok: false`.
 */
export async function saveConfig(context: RouterContext, edit: (config: Config) => { config: Config; id: string }): Promise<SaveResult> {
  let id = '';
  try {
    await context.core.store.update((config) => {
      const result = edit(config);
      id = result.id;
      return result.config;
    });
  } catch (error) {
    if (error instanceof SaveRefused) return error.result;
    if (error instanceof ConfigError) return { ok: false, message: error.message, errors: [] };
    throw error;
  }
  configChanged(context);
  return { ok: true, id };
}

/** After every change to the config: the scheduler and the tray reload, the window re-reads. */
export function configChanged(context: RouterContext): void {
  context.configChanged?.();
  context.emit('config.changed', {});
}
