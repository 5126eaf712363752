import type { BrowseListing } from '../../../electron/core/api/contract';
import type { OpenItem } from './use-open-item';

/** What the actions apply to: the single selected item, if any. */
export interface OpenTarget {
  path: string;
  name: string;
  folder: boolean;
}

/**
 * "Open" (a file with its default app) and "Show in file manager" (the selected item's folder, or
 * the folder on screen). Both go through the archive's mount; without FUSE a file is opened from an
 * extracted copy and the file manager is off, its button saying why.
 */
export function OpenActions({ opener, item, folderPath, fuse }: { opener: OpenItem; item: OpenTarget | undefined; folderPath: string; fuse: BrowseListing['fuse'] | null }) {
  const { busy, error, learnedFuse: learned, run } = opener;
  const noFuse = fuse?.available === false || learned?.available === false;
  const note = learned?.note ?? fuse?.note ?? null;

  const canOpen = item !== undefined && !item.folder;
  const revealPath = item?.path ?? folderPath;
  const revealWhat = item ? item.name : 'this folder';
  const working = noFuse ? 'Extracting a copy…' : 'Mounting the archive…';
  return (
    <>
      <button
        type="button"
        disabled={!canOpen || busy !== null}
        aria-busy={busy === 'open'}
        title={canOpen ? `Open ${item.name} with its app` : 'Select one file to open it'}
        onClick={() => item && run('open', item.path)}
      >
        {busy === 'open' ? 'Opening…' : 'Open'}
      </button>
      <button
        type="button"
        disabled={noFuse || busy !== null}
        aria-busy={busy === 'reveal'}
        title={noFuse ? (note ?? undefined) : `Show ${revealWhat} in the file manager`}
        aria-description={noFuse ? (note ?? undefined) : undefined}
        onClick={() => run('reveal', revealPath)}
      >
        {busy === 'reveal' ? 'Opening…' : 'Show in file manager'}
      </button>
      {busy !== null && (
        <span className="muted open-busy" role="status">
          {working}
        </span>
      )}
      {error !== null && (
        <p className="notice error open-error" role="alert">
          {error}
        </p>
      )}
      {noFuse && fuse?.available !== false && note && <p className="notice warning open-error">{note}</p>}
    </>
  );
}
