import { useState } from 'react';
import type { ArchiveRow, MethodOutput } from '../../../electron/core/api/contract';
import { formatBytes, formatCount } from '../../../electron/core/format';
import { AsyncView } from '../../components/async-view';
import { useInvoke } from '../../hooks/use-invoke';
import { formatLocalTime } from '../archives/rows';

type Diff = MethodOutput<'browse.diff'>;
type DiffEntry = Diff['added'][number];

/** Rows a group shows before "Show more": a diff can list ten thousand paths per kind. */
const FIRST_ROWS = 100;
const MORE_ROWS = 500;

const time = (archive: ArchiveRow) => Date.parse(archive.start) || 0;
const dateOf = (archive: ArchiveRow) => formatLocalTime(new Date(archive.start));

/** What to compare with first: the job's previous archive, else the repository's, else any other. */
export function defaultOther(archives: readonly ArchiveRow[], archiveName: string): ArchiveRow | undefined {
  const current = archives.find((a) => a.name === archiveName);
  const others = archives.filter((a) => a.name !== archiveName).sort((a, b) => time(b) - time(a));
  if (!current) return others[0];
  const earlier = others.filter((a) => time(a) < time(current));
  return earlier.find((a) => current.jobId !== null && a.jobId === current.jobId) ?? earlier[0] ?? others[0];
}

/**
 * What changed between the open archive and another of the repository (`borg diff`): added,
 * removed and modified paths with their counts; each path opens its folder in the archive that has it.
 */
export function DiffPanel({
  repositoryId,
  archiveName,
  archives,
  onReveal,
  onClose,
}: {
  repositoryId: string;
  archiveName: string;
  archives: readonly ArchiveRow[];
  onReveal: (archiveName: string, path: string) => void;
  onClose: () => void;
}) {
  const [picked, setPicked] = useState<string | null>(null);
  const current = archives.find((a) => a.name === archiveName);
  const others = archives.filter((a) => a.name !== archiveName).sort((a, b) => time(b) - time(a));
  const other = others.find((a) => a.name === picked) ?? defaultOther(archives, archiveName);
  return (
    <section className="diff-panel card" aria-labelledby="diff-title">
      <div className="toolbar">
        <h2 id="diff-title">Compare with another archive</h2>
        <button type="button" className="link" onClick={onClose}>Close</button>
      </div>
      {!current || !other ? (
        <p className="muted">{current ? 'This repository has no other archive to compare with.' : 'Loading the archives…'}</p>
      ) : (
        <>
          <div className="toolbar">
            <label>
              Compare with{' '}
              <select value={other.name} onChange={(e) => setPicked(e.target.value)}>
                {others.map((a) => (
                  <option key={a.name} value={a.name}>
                    {dateOf(a)} — {a.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <DiffResult
            key={other.name}
            repositoryId={repositoryId}
            older={time(other) <= time(current) ? other : current}
            newer={time(other) <= time(current) ? current : other}
            current={archiveName}
            onReveal={onReveal}
          />
        </>
      )}
    </section>
  );
}

/** The diff of two archives, once borg has answered. */
function DiffResult({
  repositoryId,
  older,
  newer,
  current,
  onReveal,
}: {
  repositoryId: string;
  older: ArchiveRow;
  newer: ArchiveRow;
  current: string;
  onReveal: (archiveName: string, path: string) => void;
}) {
  const diff = useInvoke('browse.diff', { repositoryId, archiveName: older.name, otherArchiveName: newer.name });
  const nothing = (d: Diff) => d.totals.added + d.totals.removed + d.totals.modified === 0;
  return (
    <>
      <p className="muted">
        From <strong title={older.name}>{dateOf(older)}</strong> to <strong title={newer.name}>{dateOf(newer)}</strong>
      </p>
      {diff.status === 'loading' && <p className="muted" role="status">Comparing the two archives…</p>}
      {diff.status !== 'loading' && (
        <AsyncView value={diff} retry={diff.reload} isEmpty={nothing} empty={<p>No differences: both archives hold the same files.</p>}>
          {(d) => (
            <div className="diff-groups" aria-live="polite">
              {d.truncated && <p className="notice warning">The list is long: only part of it is shown below; the counts are complete.</p>}
              <DiffGroup kind="added" title="Added" entries={d.added} total={d.totals.added} onReveal={(path) => onReveal(newer.name, path)} />
              <DiffGroup kind="removed" title="Removed" entries={d.removed} total={d.totals.removed} onReveal={(path) => onReveal(older.name, path)} />
              <DiffGroup kind="modified" title="Modified" entries={d.modified} total={d.totals.modified} onReveal={(path) => onReveal(current, path)} />
            </div>
          )}
        </AsyncView>
      )}
    </>
  );
}

const changeWords: Record<string, string> = { content: 'contents', mode: 'permissions', owner: 'owner', mtime: 'time', link: 'link target' };

/** What a row says besides its path: a kind and size, or what about it changed. */
function detail(entry: DiffEntry, kind: 'added' | 'removed' | 'modified'): string {
  if (kind !== 'modified') return [entry.what, entry.size === null ? null : formatBytes(entry.size)].filter((p) => p !== null).join(' · ');
  const words = entry.changes.map((c) => changeWords[c] ?? c).join(', ');
  const bytes = entry.added !== null && entry.removed !== null ? ` (+${formatBytes(entry.added)} −${formatBytes(entry.removed)})` : '';
  return `${words}${bytes}`;
}

/** One kind of change: its count, and its paths (a first batch, then more on demand). */
function DiffGroup({
  kind,
  title,
  entries,
  total,
  onReveal,
}: {
  kind: 'added' | 'removed' | 'modified';
  title: string;
  entries: readonly DiffEntry[];
  total: number;
  onReveal: (path: string) => void;
}) {
  const [shown, setShown] = useState(FIRST_ROWS);
  return (
    <section className={`diff-group ${kind}`} aria-label={title}>
      <h3>
        {title} <span className="badge idle diff-count">{formatCount(total)}</span>
      </h3>
      {entries.length > 0 && (
        <ul className="diff-list">
          {entries.slice(0, shown).map((entry) => (
            <li key={entry.path}>
              <button type="button" className="link" onClick={() => onReveal(entry.path)}>/{entry.path}</button>
              <span className="muted"> {detail(entry, kind)}</span>
            </li>
          ))}
        </ul>
      )}
      {entries.length > shown && (
        <button type="button" className="link" onClick={() => setShown((n) => n + MORE_ROWS)}>
          Show {formatCount(Math.min(MORE_ROWS, entries.length - shown))} more of {formatCount(entries.length - shown)}
        </button>
      )}
      {total > entries.length && <p className="muted">{formatCount(total - entries.length)} more not listed.</p>}
    </section>
  );
}
