import { archiveRef, lockWaitArgs, type CommonOptions } from './common.js';

/** What one `borg create` run stores and how. */
export interface CreateOptions extends CommonOptions {
  archiveName: string;
  /** Source paths, stored as given (relative to the runner's cwd when relative). */
  paths: readonly string[];
  /** A file written by writePatternsFile (`--patterns-from`). */
  patternsFile?: string | undefined;
  /** A file written by writeExcludeFile (`--exclude-from`). */
  excludeFile?: string | undefined;
  excludeCaches?: boolean | undefined;
  excludeIfPresent?: readonly string[] | undefined;
  oneFileSystem?: boolean | undefined;
  /** e.g. `auto,zstd,6`; borg's default (lz4) when left out. */
  compression?: string | undefined;
  /** archive_progress events on stderr. */
  progress?: boolean | undefined;
  /** file_status events for added, modified and failed files (`--list --filter=AME`). */
  list?: boolean | undefined;
  /** The result document on stdout (`--json`). */
  json?: boolean | undefined;
  /** Seconds between checkpoints (borg's default is 1800). */
  checkpointInterval?: number | undefined;
  /** The job's extraCreateArgs, passed as separate argv items before the archive. */
  extraArgs?: readonly string[] | undefined;
}

/** argv for `borg create`; `--` keeps a source path that starts with `-` from being read as an option. */
export function createArgs(options: CreateOptions): string[] {
  if (options.paths.length === 0 && options.patternsFile === undefined) {
    throw new RangeError('create needs at least one path or a patterns file with roots');
  }
  return [
    'create',
    '--log-json',
    ...(options.progress === true ? ['--progress'] : []),
    ...(options.json === true ? ['--json'] : []),
    ...(options.list === true ? ['--list', '--filter=AME'] : []),
    ...(options.compression !== undefined ? ['--compression', options.compression] : []),
    ...(options.excludeCaches === true ? ['--exclude-caches'] : []),
    ...(options.excludeIfPresent ?? []).flatMap((name) => ['--exclude-if-present', name]),
    ...(options.oneFileSystem === true ? ['--one-file-system'] : []),
    ...(options.patternsFile !== undefined ? ['--patterns-from', options.patternsFile] : []),
    ...(options.excludeFile !== undefined ? ['--exclude-from', options.excludeFile] : []),
    ...(options.checkpointInterval !== undefined ? ['--checkpoint-interval', String(options.checkpointInterval)] : []),
    ...lockWaitArgs(options.lockWait),
    ...(options.extraArgs ?? []),
    '--',
    archiveRef(options.archiveName),
    ...options.paths,
  ];
}
