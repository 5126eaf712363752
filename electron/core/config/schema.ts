import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { checkFrequencies, encryptionModes, schedulePresets } from './choices.js';

export { checkFrequencies, encryptionModes, schedulePresets } from './choices.js';

/** The config file's current format; older files are migrated on load (see migrations.ts). */
export const CONFIG_VERSION = 1;

const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lowercase letters, digits and dashes (at most 64)');

const nameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[^/\\\n\r\t]*$/, 'must not contain slashes, backslashes, tabs or line breaks');

const absolutePathSchema = z
  .string()
  .min(1, 'must not be empty')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'must be an absolute path');

/** A shell snippet run by a hook; values reach it through environment variables only. */
const hookSchema = z.string().trim().min(1, 'must not be empty (leave it out instead)').optional();

/** Where something Cairn backs up lives: a named set of folders, like Clan's `clan.core.state`. */
export const stateSchema = z.object({
  id: idSchema,
  name: nameSchema,
  folders: z.array(absolutePathSchema).min(1, 'needs at least one folder'),
  preBackupScript: hookSchema,
  postBackupScript: hookSchema,
});

export const encryptionModeSchema = z.enum(encryptionModes);

const passphraseSourceSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('keychain') }),
  /** Like NixOS `encryption.passCommand`: its stdout (trailing newline removed) is the passphrase. */
  z.object({ source: z.literal('command'), command: z.string().trim().min(1, 'must not be empty') }),
  z.object({ source: z.literal('none') }),
]);

/** `ssh://user@host[:port]/path`, scp-style `user@host:path`, or an absolute local path. */
export const repositoryUrlSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine(
    (url) =>
      /^ssh:\/\/([^@/\s]+@)?[^/:\s]+(:\d{1,5})?\/\S.*$/.test(url) ||
      /^[^@/:\s]+@[^/:\s]+:\S.*$/.test(url) ||
      url.startsWith('/') ||
      /^[A-Za-z]:[\\/]/.test(url),
    'must be an absolute local path, ssh://user@host:port/path or user@host:path',
  );

export const repositorySchema = z
  .object({
    id: idSchema,
    name: nameSchema,
    url: repositoryUrlSchema,
    encryption: encryptionModeSchema.default('repokey-blake2'),
    passphrase: passphraseSourceSchema.default({ source: 'keychain' }),
    ssh: z
      .object({
        /** Private key used only for this repository (`ssh -i`, `IdentitiesOnly=yes`). */
        keyFile: absolutePathSchema.optional(),
        /** Cairn's own pinned known_hosts for this server; never the user's ~/.ssh/known_hosts. */
        knownHostsFile: absolutePathSchema.optional(),
      })
      .default({}),
    /** A disk that is not always plugged in: its absence skips a run instead of failing it. */
    removable: z.boolean().default(false),
  })
  .superRefine((repo, ctx) => {
    if (repo.encryption === 'none' && repo.passphrase.source !== 'none') {
      ctx.addIssue({ code: 'custom', path: ['passphrase'], message: 'an unencrypted repository has no passphrase: use source "none"' });
    }
    if (repo.encryption !== 'none' && repo.passphrase.source === 'none') {
      ctx.addIssue({ code: 'custom', path: ['passphrase'], message: `a ${repo.encryption} repository needs a passphrase (keychain or command)` });
    }
  });

const cronSchema = z.string().trim().superRefine((expression, ctx) => {
  try {
    CronExpressionParser.parse(expression);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `is not a valid cron expression: ${(error as Error).message}` });
  }
});

export const scheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('preset'), preset: z.enum(schedulePresets) }),
  z.object({ kind: z.literal('cron'), expression: cronSchema }),
  /** Only when asked ("Back up now", the CLI). */
  z.object({ kind: z.literal('manual') }),
]);

/** borg `--compression`: none, lz4, zstd[,L], zlib[,L], lzma[,L], each optionally behind `auto,`. */
export const compressionSchema = z
  .string()
  .trim()
  .regex(
    /^(auto,)?(none|lz4|zstd(,([1-9]|1\d|2[0-2]))?|zlib(,[0-9])?|lzma(,[0-9])?)$/,
    'must be a borg compression spec such as lz4, zstd,3 or auto,zstd',
  );

const keepCount = z.number().int().min(0, 'must be 0 or more').optional();

export const pruneKeepSchema = z.object({
  /** Keep everything newer than this, e.g. `1d`, `2w` (borg's H/d/w/m/y). */
  within: z.string().regex(/^\d+[Hdwmy]$/, 'must be a number followed by H, d, w, m or y, like 2d').optional(),
  last: keepCount,
  hourly: keepCount,
  daily: keepCount,
  weekly: keepCount,
  monthly: keepCount,
  yearly: keepCount,
});

export const jobSchema = z.object({
  id: idSchema,
  name: nameSchema,
  stateIds: z.array(idSchema).min(1, 'needs at least one state'),
  repositoryId: idSchema,
  schedule: scheduleSchema.default({ kind: 'preset', preset: 'daily' }),
  /** Run once after sleep or shutdown if a due slot was missed (NixOS `persistentTimer`). */
  catchUp: z.boolean().default(true),
  /** Keep the machine awake while this job runs (NixOS `inhibitsSleep`). */
  inhibitSleep: z.boolean().default(true),
  skipOnBattery: z.boolean().default(false),
  compression: compressionSchema.default('auto,zstd'),
  /** borg exclude patterns (`sh:` style by default), one per entry. */
  exclude: z.array(z.string().min(1)).default([]),
  /** borg pattern lines (`+ path`, `- path`, `! path`, `P sh`…), written to a patterns file. */
  patterns: z.array(z.string().regex(/^[RrPp+\-!] ?\S/, 'must start with R, P, +, - or ! (borg pattern syntax)')).default([]),
  excludeCaches: z.boolean().default(true),
  oneFileSystem: z.boolean().default(false),
  /** {hostname}, {job}, {now}, {utcnow}, {user} are replaced by Cairn before borg sees the name. */
  archiveNameTemplate: z
    .string()
    .trim()
    .min(1)
    .refine((t) => t.includes('{now}') || t.includes('{utcnow}'), 'must contain {now} or {utcnow} so each archive gets a unique name')
    .default('{hostname}-{job}-{now}'),
  prune: z.object({ keep: pruneKeepSchema.default({}) }).default({ keep: {} }),
  compactAfterPrune: z.boolean().default(true),
  checkFrequency: z.enum(checkFrequencies).default('monthly'),
  hooks: z
    .object({ preHook: hookSchema, postCreate: hookSchema, postPrune: hookSchema, postHook: hookSchema })
    .default({}),
  /** Extra `borg create` arguments (NixOS `extraCreateArgs`), passed as separate argv items. */
  extraCreateArgs: z.array(z.string().min(1)).default([]),
});

export const settingsSchema = z.object({
  /** How long borg waits for another process's repository lock (`--lock-wait`). */
  lockWaitSeconds: z.number().int().min(1).max(3600).default(60),
  notifyOnSuccess: z.boolean().default(false),
  /** Warn when a job has had no successful backup for this many days. */
  staleAfterDays: z.number().int().min(1).max(365).default(3),
  startAtLogin: z.boolean().default(false),
  /** The window's colours; `system` follows the OS's light or dark mode. */
  theme: z.enum(['system', 'light', 'dark']).default('system'),
});

export const configSchema = z
  .object({
    version: z.literal(CONFIG_VERSION),
    states: z.array(stateSchema).default([]),
    repositories: z.array(repositorySchema).default([]),
    jobs: z.array(jobSchema).default([]),
    settings: settingsSchema.default(settingsSchema.parse({})),
  })
  .superRefine((config, ctx) => {
    for (const key of ['states', 'repositories', 'jobs'] as const) {
      const items: ReadonlyArray<{ id: string; name: string }> = config[key];
      const seenIds = new Set<string>();
      const seenNames = new Set<string>();
      items.forEach((item, index) => {
        if (seenIds.has(item.id)) ctx.addIssue({ code: 'custom', path: [key, index, 'id'], message: `duplicate id "${item.id}"` });
        const folded = item.name.toLowerCase();
        if (seenNames.has(folded)) ctx.addIssue({ code: 'custom', path: [key, index, 'name'], message: `duplicate name "${item.name}"` });
        seenIds.add(item.id);
        seenNames.add(folded);
      });
    }
    const stateIds = new Set(config.states.map((s) => s.id));
    const repositoryIds = new Set(config.repositories.map((r) => r.id));
    config.jobs.forEach((job, index) => {
      job.stateIds.forEach((stateId, stateIndex) => {
        if (!stateIds.has(stateId)) {
          ctx.addIssue({ code: 'custom', path: ['jobs', index, 'stateIds', stateIndex], message: `refers to state "${stateId}", which does not exist` });
        }
      });
      if (!repositoryIds.has(job.repositoryId)) {
        ctx.addIssue({ code: 'custom', path: ['jobs', index, 'repositoryId'], message: `refers to repository "${job.repositoryId}", which does not exist` });
      }
    });
  });

export type State = z.infer<typeof stateSchema>;
export type Repository = z.infer<typeof repositorySchema>;
export type EncryptionMode = z.infer<typeof encryptionModeSchema>;
export type PassphraseSource = Repository['passphrase'];
export type Schedule = z.infer<typeof scheduleSchema>;
export type PruneKeep = z.infer<typeof pruneKeepSchema>;
export type Job = z.infer<typeof jobSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type Config = z.infer<typeof configSchema>;
/** What a caller writes: defaults may be left out. */
export type JobInput = z.input<typeof jobSchema>;
export type RepositoryInput = z.input<typeof repositorySchema>;
export type StateInput = z.input<typeof stateSchema>;

/** An empty, valid config for a first start. */
export function emptyConfig(): Config {
  return configSchema.parse({ version: CONFIG_VERSION });
}
