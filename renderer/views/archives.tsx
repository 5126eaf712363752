import { useCallback, useState } from 'react';
import type { MethodOutput } from '../../electron/core/api/contract';
import { AsyncView } from '../components/async-view';
import { useEvent, useInvoke } from '../hooks/use-invoke';
import type { Navigate } from '../navigation';
import { ArchiveList } from './archives/archive-list';
import { MaintenancePanel } from './archives/maintenance-panel';
import { initialSelection, SelectionBar, type Selection } from './archives/selection';

type Config = MethodOutput<'config.get'>;

/**
 * The archives of a repository (or of one job): sizes and dates, deletion, what pruning would
 * keep, and the repository's check and compact. Opened with ids, it preselects them.
 */
export function ArchivesView({ navigate, repositoryId, jobId }: { navigate: Navigate; repositoryId?: string | undefined; jobId?: string | undefined }) {
  const config = useInvoke('config.get', {});
  const { reload } = config;
  useEvent('config.changed', useCallback(() => reload(), [reload]));
  return (
    <>
      <h1>Archives</h1>
      <AsyncView
        value={config}
        retry={reload}
        isEmpty={(c) => c.repositories.length === 0}
        empty={
          <>
            <p>No repository yet: add one to keep your backups in.</p>
            <button type="button" onClick={() => navigate({ view: 'repositories' })}>Add a repository</button>
          </>
        }
      >
        {(c) => <ArchivesScreen key={`${repositoryId ?? ''}/${jobId ?? ''}`} config={c} navigate={navigate} wanted={{ repositoryId, jobId }} />}
      </AsyncView>
    </>
  );
}

function ArchivesScreen({
  config,
  navigate,
  wanted,
}: {
  config: Config;
  navigate: Navigate;
  wanted: { repositoryId?: string | undefined; jobId?: string | undefined };
}) {
  const [chosen, setChosen] = useState<Selection>(() => initialSelection(config.repositories, config.jobs, wanted));
  // The config may change under us (an item removed elsewhere): fall back to what still exists.
  const selection = initialSelection(config.repositories, config.jobs, chosen);
  const repository = config.repositories.find((r) => r.id === selection.repositoryId);
  if (!repository) return null;
  const jobs = config.jobs.filter((j) => j.repositoryId === repository.id);
  const job = jobs.find((j) => j.id === selection.jobId) ?? null;
  return (
    <>
      <SelectionBar repositories={config.repositories} jobs={jobs} value={selection} onChange={setChosen} />
      <MaintenancePanel key={repository.id} repositoryId={repository.id} />
      <ArchiveList key={`${repository.id}/${job?.id ?? ''}`} repository={repository} job={job} navigate={navigate} />
    </>
  );
}
