import { useCallback, useState } from 'react';
import type { BrowseListing } from '../../../electron/core/api/contract';
import { cairn, describeError } from '../../bridge';

/** How an archive item is opened: with its default app, or shown in the file manager. */
export type OpenHow = 'open' | 'reveal';

/** One open at a time, its error, and what an open learned about FUSE. */
export interface OpenItem {
  busy: OpenHow | null;
  error: string | null;
  /** Set once an open found that FUSE is missing, which the listing may not know yet (it never comes back in a run). */
  learnedFuse: BrowseListing['fuse'] | null;
  run: (how: OpenHow, path: string) => void;
}

/**
 * Opens items of an archive through `browse.openItem` (the archive's mount, or an extracted copy
 * without FUSE). Shared by the Open buttons and by Enter / double-click on a file row.
 */
export function useOpenItem(repositoryId: string, archiveName: string): OpenItem {
  const [busy, setBusy] = useState<OpenHow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [learnedFuse, setLearnedFuse] = useState<BrowseListing['fuse'] | null>(null);
  const run = useCallback(
    (how: OpenHow, path: string) => {
      // A second open while one is mounting or extracting would only queue behind it.
      if (busy !== null) return;
      setBusy(how);
      setError(null);
      cairn()
        .invoke('browse.openItem', { repositoryId, archiveName, path, how })
        .catch((failure: unknown) => setError(describeError(failure)))
        .finally(() => {
          setBusy(null);
          cairn().invoke('browse.fuse', {}).then(setLearnedFuse, () => undefined);
        });
    },
    [busy, repositoryId, archiveName],
  );
  return { busy, error, learnedFuse, run };
}
