import type { NavigationTarget } from '../electron/core/api/contract';

/** Every screen of the window, with what it is opened on. */
export type Route =
  | { view: 'setup' }
  | { view: 'dashboard' }
  | { view: 'states'; id?: string }
  | { view: 'repositories'; id?: string }
  | { view: 'jobs'; id?: string }
  | { view: 'archives'; repositoryId?: string; jobId?: string }
  /** `highlight`: an entry of `path` to show focused (a search hit, a changed path). */
  | { view: 'browse'; repositoryId: string; archiveName: string; path?: string; highlight?: string }
  | { view: 'logs'; jobId?: string; runId?: string }
  | { view: 'settings' };

export type Navigate = (route: Route) => void;

/** The sidebar, in order. */
export const sections: readonly { view: Route['view']; label: string }[] = [
  { view: 'dashboard', label: 'Dashboard' },
  { view: 'archives', label: 'Archives' },
  { view: 'logs', label: 'Logs' },
  { view: 'jobs', label: 'Jobs' },
  { view: 'states', label: 'Folders' },
  { view: 'repositories', label: 'Repositories' },
  { view: 'settings', label: 'Settings' },
];

/** Where a tray item or a notification asks to go, as a route of this window. */
export function routeFor(target: NavigationTarget): Route {
  switch (target.view) {
    case 'dashboard':
      return { view: 'dashboard' };
    case 'job':
      return { view: 'jobs', id: target.jobId };
    case 'run':
      return { view: 'logs', jobId: target.jobId, runId: target.runId };
    case 'browse':
      // A job alone does not name an archive: its list is where the user picks one to browse.
      return target.jobId ? { view: 'archives', jobId: target.jobId } : { view: 'archives' };
  }
}
