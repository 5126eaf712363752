import { useCallback, useEffect, useState } from 'react';
import { AsyncView } from './components/async-view';
import { useEvent, useInvoke } from './hooks/use-invoke';
import { routeFor, sections, type Route } from './navigation';
import { ArchivesView } from './views/archives';
import { BrowseView } from './views/browse';
import { DashboardView } from './views/dashboard';
import { JobsEditor } from './views/jobs-editor';
import { LogsView } from './views/logs';
import { RepositoriesEditor } from './views/repositories-editor';
import { SettingsView } from './views/settings';
import { SetupWizard } from './views/setup-wizard';
import { StatesEditor } from './views/states-editor';

/** The window: a sidebar of sections and the current screen; the first-run wizard until a job exists. */
export function App() {
  const system = useInvoke('system.info', {});
  const [route, setRoute] = useState<Route | null>(null);
  useTheme();
  useEvent('ui.navigate', (target) => setRoute(routeFor(target)));

  // The first screen: the wizard on a first run, the dashboard otherwise.
  useEffect(() => {
    if (system.status === 'ready' && route === null) setRoute(system.data.firstRun ? { view: 'setup' } : { view: 'dashboard' });
  }, [system, route]);

  return (
    <AsyncView value={system} retry={system.reload}>
      {(info) => (
        <div className="app">
          <nav className="sidebar" aria-label="Sections">
            <p className="brand">Cairn</p>
            <ul>
              {sections.map((section) => (
                <li key={section.view}>
                  <button
                    type="button"
                    aria-current={route && sectionOf(route) === section.view ? 'page' : undefined}
                    onClick={() => setRoute({ view: section.view } as Route)}
                  >
                    {section.label}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <main className="content" id="main">
            {info.configProblem && (
              <div className="notice error" role="alert">
                <p>{info.configProblem}</p>
              </div>
            )}
            {route && <Screen route={route} navigate={setRoute} onSetupDone={system.reload} />}
          </main>
        </div>
      )}
    </AsyncView>
  );
}

function Screen({ route, navigate, onSetupDone }: { route: Route; navigate: (route: Route) => void; onSetupDone: () => void }) {
  switch (route.view) {
    case 'setup':
      return <SetupWizard navigate={navigate} onDone={onSetupDone} />;
    case 'dashboard':
      return <DashboardView navigate={navigate} />;
    case 'states':
      return <StatesEditor navigate={navigate} selectedId={route.id} />;
    case 'repositories':
      return <RepositoriesEditor navigate={navigate} selectedId={route.id} />;
    case 'jobs':
      return <JobsEditor navigate={navigate} selectedId={route.id} />;
    case 'archives':
      return <ArchivesView navigate={navigate} repositoryId={route.repositoryId} jobId={route.jobId} />;
    case 'browse':
      return <BrowseView key={`${route.repositoryId}/${route.archiveName}`} navigate={navigate} repositoryId={route.repositoryId} archiveName={route.archiveName} path={route.path} highlight={route.highlight} />;
    case 'logs':
      return <LogsView navigate={navigate} jobId={route.jobId} runId={route.runId} />;
    case 'settings':
      return <SettingsView />;
  }
}

/** The sidebar section a screen belongs to (browsing an archive is part of Archives). */
function sectionOf(route: Route): Route['view'] {
  return route.view === 'browse' ? 'archives' : route.view;
}

/** Applies the theme setting: `system` leaves it to the OS's prefers-color-scheme. */
function useTheme(): void {
  const config = useInvoke('config.get', {});
  const reload = config.reload;
  useEvent('config.changed', useCallback(() => reload(), [reload]));
  const theme = config.status === 'ready' ? config.data.settings.theme : 'system';
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
}
