import { existsSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';

// A directory created by an automounter (udisks creates /media/USER/LABEL, then mounts on it)
// is seen before the mount is done, and a mount itself raises no event: one more look a moment
// after the last event catches it. This is a single re-check per burst of events, not a loop.
const SETTLE_MS = 2_000;

/** Stops watching; safe to call more than once. */
export interface PathWatch {
  close(): void;
}

/** The closest existing ancestor of a path (the path itself if it exists), or null if there is none (a missing drive). */
export function nearestExistingAncestor(path: string): string | null {
  let current = path;
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
  return current;
}

/**
 * Calls `onPresent` once when `path` exists (at once if it already does), without polling: it
 * watches the nearest existing ancestor (/media/USER, /run/media/USER/DISK, /Volumes…) and moves
 * the watch down as directories appear (or up as they go). Where no watch is possible (no
 * ancestor, or fs.watch refused), `onWatchError` is told and the caller re-checks at its own events.
 */
export function watchForPath(path: string, onPresent: () => void, onWatchError?: (message: string) => void): PathWatch {
  let watcher: FSWatcher | null = null;
  let watched: string | null = null;
  let settle: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const close = (): void => {
    closed = true;
    watcher?.close();
    watcher = null;
    if (settle !== null) clearTimeout(settle);
    settle = null;
  };

  const found = (): boolean => {
    if (closed || !existsSync(path)) return false;
    close();
    onPresent();
    return true;
  };

  const attach = (): void => {
    // Loop: a directory may appear between finding the ancestor and watching it.
    for (;;) {
      if (found()) return;
      const ancestor = nearestExistingAncestor(path);
      if (ancestor === watched && watcher !== null) return;
      watcher?.close();
      watcher = null;
      watched = ancestor;
      if (ancestor === null) {
        onWatchError?.(`cannot watch for ${path}: none of its parent folders exists`);
        return;
      }
      try {
        const current = watch(ancestor, { persistent: false }, onEvent);
        // The watched folder was removed (or the OS dropped the watch): start again from what exists.
        current.on('error', () => {
          current.close();
          if (watcher === current) watcher = null;
          onEvent();
        });
        watcher = current;
      } catch (error) {
        onWatchError?.(`cannot watch ${ancestor} for ${path}: ${(error as Error).message}`);
        return;
      }
    }
  };

  const onEvent = (): void => {
    if (closed) return;
    attach();
    if (closed) return;
    if (settle !== null) clearTimeout(settle);
    settle = setTimeout(() => {
      settle = null;
      attach();
    }, SETTLE_MS);
  };

  attach();
  return { close };
}
