import { useCallback, useMemo, useState } from 'react';
import type { ArchiveRow } from '../../../electron/core/api/contract';
import type { Job, Repository } from '../../../electron/core/config/schema';
import { formatCount } from '../../../electron/core/format';
import { AsyncView } from '../../components/async-view';
import { useEvent, useInvoke } from '../../hooks/use-invoke';
import type { Navigate } from '../../navigation';
import type { PruneMark } from './archive-row';
import { ArchiveTable } from './archive-table';
import { DeleteArchiveDialog } from './delete-archive-dialog';
import { PrunePreviewPanel, type PrunePreview } from './prune-preview';
import { toDisplayRows } from './rows';

/**
 * The archives of one repository (or of one job in it), with the prune preview and deletion.
 * Mounted once per selection, so switching shows "Loading…" instead of the previous list.
 */
export function ArchiveList({
  repository,
  job,
  navigate,
}: {
  repository: Repository;
  job: Job | null;
  navigate: Navigate;
}) {
  const list = useInvoke('archives.list', job ? { repositoryId: repository.id, jobId: job.id } : { repositoryId: repository.id });
  const { reload } = list;
  const [preview, setPreview] = useState<PrunePreview | null>(null);
  const [deleting, setDeleting] = useState<ArchiveRow | null>(null);

  useEvent('run.finished', (record) => {
    if (record.repositoryId !== repository.id) return;
    setPreview(null);
    reload();
  });
  useEvent('config.changed', () => reload());

  const data = list.status === 'ready' ? list.data : null;
  const rows = useMemo(() => (data ? toDisplayRows(data.archives) : []), [data]);
  const marks = useMemo(
    () => (preview ? new Map<string, PruneMark>(preview.map((a) => [a.name, { decision: a.decision, rule: a.rule }])) : null),
    [preview],
  );
  const onDelete = useCallback((archive: ArchiveRow) => setDeleting(archive), []);
  const onBrowse = useCallback(
    (archive: ArchiveRow) => navigate({ view: 'browse', repositoryId: repository.id, archiveName: archive.name }),
    [navigate, repository.id],
  );

  return (
    <>
      {job && (
        <PrunePreviewPanel key={JSON.stringify(job.prune.keep)} jobId={job.id} jobName={job.name} jobKeep={job.prune.keep} preview={preview} onPreview={setPreview} />
      )}
      <h2 className="archive-count" aria-live="polite">
        {data ? `${formatCount(data.archives.length)} ${data.archives.length === 1 ? 'archive' : 'archives'}` : 'Archives'}
      </h2>
      <AsyncView
        value={list}
        retry={reload}
        isEmpty={(d) => d.archives.length === 0}
        empty={
          <>
            <p>No archives yet: run a backup{job ? ` of ${job.name}` : ''} and it will appear here.</p>
            <button type="button" onClick={() => navigate({ view: 'dashboard' })}>Go to the dashboard</button>
          </>
        }
      >
        {() => <ArchiveTable rows={rows} marks={marks} onDelete={onDelete} onBrowse={onBrowse} />}
      </AsyncView>
      {deleting && (
        <DeleteArchiveDialog
          repositoryId={repository.id}
          repositoryName={repository.name}
          archive={deleting}
          onCancel={() => setDeleting(null)}
          onDone={() => {
            setDeleting(null);
            setPreview(null);
            reload();
          }}
        />
      )}
    </>
  );
}
