import type { FieldError } from '../../../electron/core/api/contract';
import type { EncryptionMode, PruneKeep, Schedule } from '../../../electron/core/config/schema';
import { defaultExcludeSuggestions } from '../../components/exclude-list';
import type { PassphraseValue } from '../../components/passphrase-fields';
import { retentionPresets } from '../../components/retention-words';

/** The wizard's steps, in order; `key` is shown only after a new encrypted repository is made. */
export const stepList = [
  { key: 'borg', label: 'Borg' },
  { key: 'sources', label: 'Folders' },
  { key: 'repository', label: 'Destination' },
  { key: 'key', label: 'Key' },
  { key: 'schedule', label: 'Schedule' },
  { key: 'finish', label: 'First backup' },
] as const;

export type StepKey = (typeof stepList)[number]['key'];

/** What to back up (becomes a state) and what to leave out (the job's excludes). */
export interface SourcesDraft {
  folders: string[];
  name: string;
  /** The user typed a name: stop deriving it from the folders. */
  nameEdited: boolean;
  exclude: string[];
}

/**
 * Where backups go: a local folder, an SSH address typed in, a server paired step by step
 * (ServerPairing), or a repository an earlier attempt set up.
 */
export type Destination = 'local' | 'ssh' | 'server' | 'existing';

export interface RepositoryDraft {
  destination: Destination;
  /** The folder picked with the dialog (local): the new repository goes into a subfolder of it. */
  localFolder: string | null;
  removable: boolean;
  sshUrl: string;
  name: string;
  nameEdited: boolean;
  mode: 'create' | 'connect';
  encryption: EncryptionMode;
  passphrase: PassphraseValue;
  existingId: string;
}

export interface ScheduleDraft {
  jobName: string;
  jobNameEdited: boolean;
  schedule: Schedule;
  keep: PruneKeep;
}

/** What the core has already saved, so going back and forth never saves anything twice. */
export interface Saved {
  repository: { id: string; name: string; created: boolean; encryption: EncryptionMode | null } | null;
  stateId: string | null;
  jobId: string | null;
}

/** Field errors from the core, per saved item. */
export interface CoreErrors {
  state: FieldError[];
  job: FieldError[];
}

export const initialSources = (): SourcesDraft => ({
  folders: [],
  name: '',
  nameEdited: false,
  exclude: defaultExcludeSuggestions.map((s) => s.pattern),
});

export const initialRepository = (): RepositoryDraft => ({
  destination: 'local',
  localFolder: null,
  removable: false,
  sshUrl: '',
  name: '',
  nameEdited: false,
  mode: 'create',
  encryption: 'repokey-blake2',
  passphrase: { passphrase: '', repeat: '' },
  existingId: '',
});

export const initialSchedule = (): ScheduleDraft => ({
  jobName: '',
  jobNameEdited: false,
  schedule: { kind: 'preset', preset: 'daily' },
  keep: { ...retentionPresets[0].keep },
});

/** The last part of a path, for default names ("/media/me/USB" → "USB"). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

const isHomeFolder = (path: string) => /^(\/home\/[^/]+|\/Users\/[^/]+|\/root|[A-Za-z]:\\Users\\[^\\]+)[\\/]?$/.test(path);

/** "Home" for a home folder, else the folder's name; "My files" for several folders. */
export function defaultSetName(folders: readonly string[]): string {
  if (folders.some(isHomeFolder)) return 'Home';
  if (folders.length === 1 && folders[0]) return baseName(folders[0]);
  return folders.length === 0 ? '' : 'My files';
}

/** Folders on a mounted disk are most likely removable ones. */
export const looksRemovable = (path: string) => /^(\/media\/|\/run\/media\/|\/mnt\/|\/Volumes\/)/.test(path);

/** The repository path or address the core is asked to create or connect. */
export function repositoryUrl(draft: RepositoryDraft): string {
  if (draft.destination === 'ssh') return draft.sshUrl.trim();
  if (!draft.localFolder) return '';
  if (draft.mode === 'connect') return draft.localFolder;
  const folder = draft.localFolder.replace(/[\\/]+$/, '');
  return `${folder}${draft.localFolder.includes('\\') ? '\\' : '/'}cairn-backup`;
}

/** A default repository name: the picked folder's name, or the server's host name. */
export function defaultRepositoryName(draft: RepositoryDraft): string {
  if (draft.destination === 'ssh') {
    const host = draft.sshUrl.trim().match(/^(?:ssh:\/\/)?(?:[^@/\s]+@)?([^:/\s]+)/)?.[1];
    return host ?? '';
  }
  return draft.localFolder ? (draft.localFolder.replace(/[\\/]+$/, '') === '' ? 'Backup' : baseName(draft.localFolder)) : '';
}

/** "Home to USB", cut to the 64 characters a name may have. */
export const defaultJobName = (setName: string, repositoryName: string) => `${setName || 'Files'} to ${repositoryName || 'backup'}`.slice(0, 64);

/** Errors whose path is under `prefix` (`prune.keep.daily` under `prune.keep` → `daily`). */
export function errorsUnder(errors: readonly FieldError[], prefix: string): FieldError[] {
  return errors.filter((e) => e.path.startsWith(`${prefix}.`)).map((e) => ({ ...e, path: e.path.slice(prefix.length + 1) }));
}
