// The one list of what the window may ask of the core and what it hears back. The main process
// validates every message against it (the renderer is untrusted); the renderer gets its types.
import { z } from 'zod';
import { runRecordSchema } from '../jobs/run-record.js';
import {
  jobSchema,
  pruneKeepSchema,
  repositorySchema,
  settingsSchema,
  stateSchema,
  type JobInput,
  type RepositoryInput,
  type Settings,
  type StateInput,
} from '../config/schema.js';

const id = z.string().min(1).max(64);
const jobRef = z.object({ jobId: id }).strict();
const repositoryRef = z.object({ repositoryId: id }).strict();

/**
 * An object the renderer builds from a form. The contract only checks it is an object: the core
 * validates it against the config model so the answer can be field errors, not a refused request.
 */
const formObject = <T>() => z.custom<T>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'must be an object');

/** One problem with one field, `path` relative to the item saved (`folders.0`, `schedule.expression`). */
export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });

/** The answer to every save: the item's id, or what is wrong (nothing is saved then). */
export const saveResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), id: z.string() }),
  z.object({ ok: z.literal(false), message: z.string(), errors: z.array(fieldErrorSchema) }),
]);

/** What a repository holds, as last measured (after a run or when its archives were listed). */
export const repositoryStatsSchema = z.object({
  archiveCount: z.number(),
  originalSize: z.number(),
  deduplicatedSize: z.number(),
  updatedAt: z.string(),
});

/** One job as the dashboard and the tray show it. */
export const jobStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  repositoryId: z.string(),
  repositoryName: z.string(),
  schedule: z.string(),
  state: z.enum(['running', 'queued', 'idle']),
  lastRun: runRecordSchema.nullable(),
  lastSuccessAt: z.string().nullable(),
  /** When the scheduler will start it next (null: manual, paused, or no scheduler, as in the CLI). */
  nextRunAt: z.string().nullable(),
  repositoryStats: repositoryStatsSchema.nullable(),
});

export const runProgressSchema = z.object({
  runId: z.string(),
  jobId: z.string(),
  phase: z.enum(['starting', 'pre-hooks', 'create', 'prune', 'compact', 'check', 'post-hooks']),
  files: z.number().optional(),
  originalSize: z.number().optional(),
  deduplicatedSize: z.number().optional(),
  path: z.string().optional(),
  percent: z.number().optional(),
  message: z.string().optional(),
});

export const itemKinds = ['state', 'repository', 'job'] as const;
const itemRef = z.object({ kind: z.enum(itemKinds), id }).strict();
const dependentSchema = z.object({ kind: z.enum(itemKinds), id: z.string(), name: z.string() });

/** borg as found on this machine, or why not and how to install it. */
const borgInfoSchema = z.discriminatedUnion('found', [
  z.object({ found: z.literal(true), version: z.string(), path: z.string() }),
  z.object({ found: z.literal(false), message: z.string(), hint: z.string() }),
]);

/** One archive as the archives view shows it; sizes and times are null when not known yet. */
export const archiveRowSchema = z.object({
  name: z.string(),
  id: z.string(),
  start: z.string(),
  end: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  nfiles: z.number().nullable(),
  originalSize: z.number().nullable(),
  deduplicatedSize: z.number().nullable(),
  /** The job whose name template made it, when Cairn can tell. */
  jobId: z.string().nullable(),
});

/** Why the dialog is opened: the core remembers what the user picked for that purpose. */
export const folderPurposes = ['backup-folders', 'repository-folder', 'restore-target'] as const;

/** The steps of pairing with a backup server over ssh, in order (as `pair.progress` reports them). */
export const pairSteps = ['key', 'host-key', 'login', 'borg', 'path', 'authorize'] as const;

/** Where a backup server is reached; the core checks the values and answers field errors. */
const serverAddress = { host: z.string().min(1).max(253), port: z.number().int().min(1).max(65535), user: z.string().min(1).max(64) };

/** How to log in once while pairing: a password, the user's ssh-agent, or one of their keys in ~/.ssh. */
const loginAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('password'), password: z.string().min(1).max(1024) }).strict(),
  z.object({ kind: z.literal('agent') }).strict(),
  z.object({ kind: z.literal('key'), keyFile: z.string().min(1).max(4096), passphrase: z.string().max(1024).optional() }).strict(),
]);

/** A refused ssh request: the core's sentence, what to do, and the fields it concerns. */
const sshFailure = { ok: z.literal(false), message: z.string(), hint: z.string().nullable(), errors: z.array(fieldErrorSchema) };

const archiveNameInput = z.string().min(1).max(255);

/** One entry of an archive folder; `mtime` in ms since the epoch (0 for folders the archive only implies). */
export const folderEntrySchema = z.object({
  name: z.string(),
  path: z.string(),
  kind: z.enum(['file', 'folder', 'symlink', 'other']),
  size: z.number(),
  mtime: z.number(),
  mode: z.number(),
  childCount: z.number(),
  linkTarget: z.string().nullable(),
  hardlink: z.boolean(),
});

/** Which folder of which archive, in what order, which window of it. */
const browseListInput = z
  .object({
    repositoryId: id,
    archiveName: archiveNameInput,
    path: z.string().max(8192).optional(),
    sort: z.enum(['name', 'size', 'mtime', 'type']).optional(),
    descending: z.boolean().optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(200_000).optional(),
  })
  .strict();

/** A folder page and where it came from (`source` none: nothing to show until the index is ready). */
export const browseListingSchema = z.object({
  indexState: z.enum(['ready', 'building']),
  source: z.enum(['index', 'mount', 'none']),
  page: z.object({ total: z.number(), entries: z.array(folderEntrySchema) }).nullable(),
  fuse: z.object({ available: z.boolean(), note: z.string().nullable() }),
});

const diffEntrySchema = z.object({
  path: z.string(),
  what: z.string(),
  changes: z.array(z.string()),
  size: z.number().nullable(),
  added: z.number().nullable(),
  removed: z.number().nullable(),
});

/** Every method: its input and output schemas. */
export const methods = {
  'status.get': { input: z.object({}).strict(), output: z.object({ jobs: z.array(jobStatusSchema) }) },
  'backup.start': {
    input: jobRef,
    output: z.object({ status: z.enum(['started', 'queued', 'already-running', 'already-queued']), message: z.string().optional() }),
  },
  'backup.cancel': { input: jobRef, output: z.object({ cancelled: z.boolean() }) },
  'runs.recent': {
    input: z.object({ jobId: id.optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.array(runRecordSchema),
  },
  /** A run's full log (borg's messages and hook output, secrets masked), one entry per line. */
  'runs.log': {
    input: z.object({ runId: z.string().min(1).max(100) }).strict(),
    output: z.object({ lines: z.array(z.string()), file: z.string().nullable() }),
  },

  /** What the first-run wizard checks: borg, the keychain, whether anything is set up yet. */
  'system.info': {
    input: z.object({}).strict(),
    output: z.object({
      borg: borgInfoSchema,
      keychain: z.object({ available: z.boolean(), message: z.string().nullable() }),
      platform: z.string(),
      /** No job is configured yet: show the first-run wizard. */
      firstRun: z.boolean(),
      /** The config file could not be read (corrupt, newer); editing is refused until it is fixed. */
      configProblem: z.string().nullable(),
      logFolder: z.string(),
    }),
  },
  'config.get': {
    input: z.object({}).strict(),
    output: z.object({
      states: z.array(stateSchema),
      repositories: z.array(repositorySchema),
      jobs: z.array(jobSchema),
      settings: settingsSchema,
    }),
  },
  /** Adds (no id) or replaces (existing id) a state. */
  'states.save': { input: z.object({ state: formObject<Omit<StateInput, 'id'> & { id?: string }>() }).strict(), output: saveResultSchema },
  /** Adds (no id) or replaces (existing id) a job. */
  'jobs.save': { input: z.object({ job: formObject<Omit<JobInput, 'id'> & { id?: string }>() }).strict(), output: saveResultSchema },
  /** Edits a configured repository (name, removable, ssh files; not its encryption). */
  'repositories.save': { input: z.object({ repository: formObject<RepositoryInput>() }).strict(), output: saveResultSchema },
  /**
   * Creates a new borg repository (`create`) or connects an existing one (`connect`), stores the
   * passphrase in the keychain, then saves it; on any failure nothing is kept.
   */
  'repositories.add': {
    input: z
      .object({
        repository: formObject<Omit<RepositoryInput, 'id'>>(),
        mode: z.enum(['create', 'connect']),
        passphrase: z.string().max(1024).nullable(),
      })
      .strict(),
    output: saveResultSchema,
  },
  /** Replaces the keychain passphrase, after checking it opens the repository. */
  'repositories.setPassphrase': {
    input: z.object({ repositoryId: id, passphrase: z.string().min(1).max(1024) }).strict(),
    output: saveResultSchema,
  },
  /** `file` and `qr-html` ask where to save with the native dialog; `paper` returns the text to print. */
  'repositories.exportKey': {
    input: z.object({ repositoryId: id, format: z.enum(['file', 'paper', 'qr-html']) }).strict(),
    output: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('saved'), path: z.string() }),
      z.object({ kind: z.literal('paper'), text: z.string() }),
      z.object({ kind: z.literal('cancelled') }),
    ]),
  },
  /** `borg check` (progress as `maintenance.progress`); errors found are a result, not a throw. */
  'repositories.check': {
    input: z.object({ repositoryId: id, verifyData: z.boolean() }).strict(),
    output: z.object({ ok: z.boolean(), message: z.string() }),
  },
  'repositories.compact': { input: repositoryRef, output: z.object({ message: z.string() }) },
  /** What else would have to go first (jobs using a state or repository). */
  'items.dependents': { input: itemRef, output: z.object({ dependents: z.array(dependentSchema) }) },
  /** Removes an item; refused (removed: false) while others depend on it. Never touches borg data. */
  'items.remove': {
    input: itemRef,
    output: z.object({ removed: z.boolean(), message: z.string().nullable(), dependents: z.array(dependentSchema) }),
  },
  'settings.save': { input: z.object({ settings: formObject<Partial<Settings>>() }).strict(), output: saveResultSchema },

  /** The archives of a repository (optionally only one job's), newest first. */
  'archives.list': {
    input: z.object({ repositoryId: id, jobId: id.optional() }).strict(),
    output: z.object({ archives: z.array(archiveRowSchema) }),
  },
  'archives.delete': { input: z.object({ repositoryId: id, archiveName: z.string().min(1).max(255) }).strict(), output: z.object({ deleted: z.boolean() }) },
  /** What the keep rules (the job's, or `keep` if given) would keep and delete; deletes nothing. */
  'prune.preview': {
    input: z.object({ jobId: id, keep: pruneKeepSchema.optional() }).strict(),
    output: z.object({
      archives: z.array(z.object({ name: z.string(), start: z.string(), decision: z.enum(['keep', 'prune']), rule: z.string().nullable() })),
    }),
  },

  /** The native folder picker; an empty list means cancelled. Picked paths become usable in saves. */
  'dialog.pickFolders': {
    input: z.object({ purpose: z.enum(folderPurposes), multiple: z.boolean() }).strict(),
    output: z.object({ paths: z.array(z.string()) }),
  },
  'app.openLogFolder': { input: z.object({}).strict(), output: z.object({ opened: z.boolean() }) },

  /** How the user can log in to a server this once: whether an ssh-agent runs, and their keys in ~/.ssh. */
  'ssh.loginOptions': {
    input: z.object({}).strict(),
    output: z.object({
      agentAvailable: z.boolean(),
      keys: z.array(z.object({ file: z.string(), label: z.string(), passphraseProtected: z.boolean() })),
    }),
  },
  /**
   * The host key a server offers, for the user to compare before pairing. `changed`: it differs
   * from the key Cairn pinned for that server (possible interception; pairing will refuse).
   */
  'ssh.hostKey': {
    input: z.object(serverAddress).strict(),
    output: z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        fingerprint: z.string(),
        keyType: z.string(),
        status: z.enum(['unknown', 'pinned', 'changed']),
        pinnedFingerprints: z.array(z.string()),
      }),
      z.object(sshFailure),
    ]),
  },
  /**
   * Pairs with a backup server (progress as `pair.progress`): pins its host key (only the one
   * the user confirmed), installs Cairn's key restricted to `borg serve` under `path`. The
   * password is used for this login only, never stored. Then call `repositories.add`.
   */
  'ssh.pair': {
    input: z
      .object({
        ...serverAddress,
        auth: loginAuthSchema,
        confirmedFingerprint: z.string().min(1).max(100),
        path: z.string().min(1).max(4096),
        appendOnly: z.boolean(),
        quota: z.string().max(32).nullable(),
        /** What `cairn repos pair` offers as options, for unusual servers. */
        advanced: z
          .object({
            authorizedKeysFile: z.string().min(1).max(4096).optional(),
            remoteBorg: z.string().min(1).max(4096).optional(),
            serveEnvironment: z.record(z.string().max(64), z.string().max(4096)).optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    output: z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        /** What pairing did, in words (the server's changes and the pinned host key). */
        done: z.array(z.string()),
        steps: z.array(z.object({ step: z.enum(pairSteps), message: z.string() })),
        repository: z.object({ url: z.string(), ssh: z.object({ keyFile: z.string(), knownHostsFile: z.string() }) }),
      }),
      /** `step`: where it failed (null: refused before anything ran). */
      z.object({ ...sshFailure, step: z.enum(pairSteps).nullable() }),
    ]),
  },

  // Restore (issue 6): browsing archives from their indexes, search, versions, diff, restore.
  /** A folder of an archive (the root by default); `indexState` building: shown from a mount, or `page` null until `index.progress` says ready. */
  'browse.open': { input: browseListInput, output: browseListingSchema },
  /** A page of a folder (never mounts; the index or an existing mount answers). */
  'browse.list': { input: browseListInput, output: browseListingSchema },
  /** Names or globs in one archive, or in every archive of a job (indexed ones; the others are listed and start indexing). */
  'browse.search': {
    input: z.object({ repositoryId: id, archiveName: archiveNameInput.optional(), jobId: id.optional(), query: z.string().min(1).max(500), limit: z.number().int().min(1).max(5000).optional() }).strict(),
    output: z.object({
      results: z.array(z.object({ archiveName: z.string(), entries: z.array(folderEntrySchema), truncated: z.boolean() })),
      notIndexed: z.array(z.string()),
    }),
  },
  /** A path's copy in every archive of a job (or of the repository), oldest first, marking which differ. */
  'browse.versions': {
    input: z.object({ repositoryId: id, jobId: id.optional(), path: z.string().max(8192) }).strict(),
    output: z.object({
      versions: z.array(z.object({ archiveName: z.string(), start: z.string(), entry: folderEntrySchema.nullable(), changed: z.boolean() })),
      notIndexed: z.array(z.string()),
    }),
  },
  /** What changed from `archiveName` (older) to `otherArchiveName` (`borg diff`). */
  'browse.diff': {
    input: z.object({ repositoryId: id, archiveName: archiveNameInput, otherArchiveName: archiveNameInput }).strict(),
    output: z.object({
      added: z.array(diffEntrySchema),
      removed: z.array(diffEntrySchema),
      modified: z.array(diffEntrySchema),
      totals: z.object({ added: z.number(), removed: z.number(), modified: z.number() }),
      truncated: z.boolean(),
    }),
  },
  /** Whether archives can be mounted here, and the note to show when not. */
  'browse.fuse': { input: z.object({}).strict(), output: z.object({ available: z.boolean(), note: z.string().nullable() }) },
  /**
   * Opens a file of an archive with its default app ('open') or shows it in the file manager
   * ('reveal'; opening a folder reveals it): from the archive's mount, or without FUSE from a copy
   * extracted to a private temporary folder (revealing then fails with the FUSE note).
   */
  'browse.openItem': {
    input: z.object({ repositoryId: id, archiveName: archiveNameInput, path: z.string().max(8192), how: z.enum(['open', 'reveal']) }).strict(),
    output: z.object({ opened: z.enum(['mount', 'extract']), localPath: z.string() }),
  },
  /**
   * Restores files and folders (progress as `restore.progress`) to where they were or to a folder
   * picked with `dialog.pickFolders('restore-target')`. Conflicts: never a silent overwrite.
   */
  'restore.start': {
    input: z
      .object({
        restoreId: z.string().min(1).max(64),
        repositoryId: id,
        archiveName: archiveNameInput,
        selection: z.array(z.object({ path: z.string().min(1).max(8192), folder: z.boolean() }).strict()).min(1).max(1_000_000),
        target: z.discriminatedUnion('kind', [z.object({ kind: z.literal('original') }).strict(), z.object({ kind: z.literal('folder'), path: z.string().min(1).max(4096) }).strict()]),
        onConflict: z.enum(['keep-both', 'skip', 'overwrite']),
      })
      .strict(),
    output: z.object({
      destination: z.string(),
      cancelled: z.boolean(),
      restored: z.number(),
      skipped: z.array(z.string()),
      keptBoth: z.array(z.object({ existing: z.string(), restoredAs: z.string() })),
      overwritten: z.array(z.string()),
      failed: z.array(z.object({ path: z.string(), reason: z.string() })),
      messages: z.array(z.string()),
    }),
  },
  'restore.cancel': { input: z.object({ restoreId: z.string().min(1).max(64) }).strict(), output: z.object({ cancelled: z.boolean() }) },
} as const;

/** Where the window should go when the tray or a notification opens it. */
export const navigationTargetSchema = z.discriminatedUnion('view', [
  z.object({ view: z.literal('dashboard') }),
  z.object({ view: z.literal('job'), jobId: z.string() }),
  z.object({ view: z.literal('run'), jobId: z.string(), runId: z.string() }),
  z.object({ view: z.literal('browse'), jobId: z.string().optional() }),
]);

/** Every event the core pushes to the window. */
export const events = {
  'run.progress': runProgressSchema,
  'run.finished': runRecordSchema,
  /** A job was queued or started (finishing is `run.finished`). */
  'run.state': z.object({ jobId: z.string(), state: z.enum(['running', 'queued', 'idle']) }),
  /** The config was saved (by this window or anything else in the app): re-read what you show. */
  'config.changed': z.object({}),
  /** A long repository operation the window asked for (check, compact, create). */
  'maintenance.progress': z.object({
    repositoryId: z.string(),
    operation: z.enum(['check', 'compact', 'init']),
    percent: z.number().nullable(),
    message: z.string().nullable(),
  }),
  /** The main process asks the window to show a view (a tray item or a notification was clicked). */
  'ui.navigate': navigationTargetSchema,
  /** A repository's figures (archive count, sizes) were measured again, after a run: re-read the status. */
  'repository.stats': z.object({ repositoryId: z.string() }),
  /** One step of `ssh.pair` started, finished or failed. */
  'pair.progress': z.object({ step: z.enum(pairSteps), status: z.enum(['running', 'done', 'failed']), message: z.string() }),
  /** An archive index is being built (items read so far), is ready, failed or was cancelled (a backup of its repository started). */
  'index.progress': z.object({
    repositoryId: z.string(),
    archiveName: z.string(),
    state: z.enum(['building', 'ready', 'failed', 'cancelled']),
    entries: z.number(),
    message: z.string().nullable(),
  }),
  /** A restore's progress (`percent` null while borg measures the archive). */
  'restore.progress': z.object({ restoreId: z.string(), percent: z.number().nullable(), message: z.string().nullable() }),
} as const;

export type MethodName = keyof typeof methods;
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export type JobStatus = z.output<typeof jobStatusSchema>;
export type ArchiveRow = z.output<typeof archiveRowSchema>;
export type SaveResult = z.output<typeof saveResultSchema>;
export type FieldError = z.output<typeof fieldErrorSchema>;
export type ItemKind = (typeof itemKinds)[number];
export type FolderPurpose = (typeof folderPurposes)[number];
export type PairStep = (typeof pairSteps)[number];
export type NavigationTarget = z.output<typeof navigationTargetSchema>;
export type FolderEntryRow = z.output<typeof folderEntrySchema>;
export type BrowseListing = z.output<typeof browseListingSchema>;

/** What the preload exposes as `window.cairn`, and all the renderer may use. */
export interface CairnBridge {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** IPC channel names, shared by the preload and the main process. */
export const channels = { invoke: 'cairn:invoke', event: 'cairn:event' } as const;
