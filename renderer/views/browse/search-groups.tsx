import { useState } from 'react';
import type { ArchiveRow, FolderEntryRow, MethodOutput } from '../../../electron/core/api/contract';
import { formatBytes, formatCount } from '../../../electron/core/format';
import { formatLocalTime } from '../archives/rows';

/** Rows a group shows before "Show more" (a job can have hundreds of archives, each with hundreds of hits). */
const FIRST_ROWS = 25;
const MORE_ROWS = 200;

/** A job-wide search's results, one table per archive that has any, newest archive first. */
export function SearchGroups({
  found,
  archives,
  current,
  onReveal,
}: {
  found: MethodOutput<'browse.search'>;
  archives: readonly ArchiveRow[];
  current: string;
  onReveal: (archiveName: string, path: string) => void;
}) {
  const starts = new Map(archives.map((a) => [a.name, a.start]));
  const groups = found.results
    .filter((r) => r.entries.length > 0)
    .map((r) => {
      const start = starts.get(r.archiveName) ?? null;
      return { ...r, start, time: start === null ? 0 : Date.parse(start) || 0 };
    })
    .sort((a, b) => b.time - a.time || b.archiveName.localeCompare(a.archiveName));
  if (groups.length === 0) return null;
  return (
    <div className="search-groups">
      {groups.map((group) => {
        const date = group.start ? formatLocalTime(new Date(group.start)) : group.archiveName;
        return (
          <section key={group.archiveName} className="search-group" data-archive={group.archiveName} aria-label={`Archive of ${date}`}>
            <h3>
              <span>{date}</span>
              {group.archiveName === current && <span className="badge idle">open</span>}
              <span className="muted">{formatCount(group.entries.length)}{group.truncated ? '+' : ''} found</span>
              <span className="muted archive-name">{group.archiveName}</span>
            </h3>
            <GroupTable entries={group.entries} onReveal={(path) => onReveal(group.archiveName, path)} />
          </section>
        );
      })}
    </div>
  );
}

/** One archive's hits: path (opens its folder in that archive), size, modified. */
function GroupTable({ entries, onReveal }: { entries: readonly FolderEntryRow[]; onReveal: (path: string) => void }) {
  const [shown, setShown] = useState(FIRST_ROWS);
  return (
    <>
      <table className="search-table">
        <thead>
          <tr>
            <th scope="col">Path</th>
            <th scope="col" className="num">Size</th>
            <th scope="col">Modified</th>
          </tr>
        </thead>
        <tbody>
          {entries.slice(0, shown).map((entry) => (
            <tr key={entry.path}>
              <td className="wrap">
                <button type="button" className="link" onClick={() => onReveal(entry.path)}>/{entry.path}</button>
              </td>
              <td className="num">{entry.kind === 'folder' ? '—' : formatBytes(entry.size)}</td>
              <td>{entry.mtime > 0 ? formatLocalTime(new Date(entry.mtime)) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length > shown && (
        <button type="button" className="link" onClick={() => setShown((n) => n + MORE_ROWS)}>
          Show {formatCount(Math.min(MORE_ROWS, entries.length - shown))} more of {formatCount(entries.length - shown)}
        </button>
      )}
    </>
  );
}
