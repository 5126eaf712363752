import { useId, useState } from 'react';
import type { MethodOutput } from '../../../electron/core/api/contract';
import type { PruneKeep } from '../../../electron/core/config/schema';
import { cairn } from '../../bridge';
import { RetentionPicker } from '../../components/retention-picker';
import { activeRules, countRules } from '../../components/retention-words';
import { useAction } from '../../hooks/use-invoke';

/** What prune.preview answers: one decision per archive of the job. */
export type PrunePreview = MethodOutput<'prune.preview'>['archives'];

/** "within 2d, 7 daily, 4 weekly": keep rules in a few words. */
export function rulesInWords(keep: PruneKeep): string {
  const active = activeRules(keep);
  const parts = active.within ? [`all within ${active.within}`] : [];
  for (const rule of countRules) if (active[rule.key]) parts.push(`${active[rule.key]} ${rule.key}`);
  return parts.length ? parts.join(', ') : 'keep everything';
}

/** The picker's errors, checked here because the contract would refuse the whole request. */
function keepErrors(keep: PruneKeep): (rule: keyof PruneKeep) => string | undefined {
  return (rule) => {
    if (rule === 'within') return keep.within === undefined || /^\d+[Hdwmy]$/.test(keep.within) ? undefined : 'must be a number followed by H, d, w, m or y, like 2d';
    const n = keep[rule];
    return n === undefined || (Number.isInteger(n) && n >= 0) ? undefined : 'must be a whole number, 0 or more';
  };
}

/**
 * Asks the core what the job's keep rules (or rules tried here) would keep and delete. The
 * answer only marks the table: nothing is deleted.
 */
export function PrunePreviewPanel({
  jobId,
  jobName,
  jobKeep,
  preview,
  onPreview,
}: {
  jobId: string;
  jobName: string;
  jobKeep: PruneKeep;
  preview: PrunePreview | null;
  onPreview: (preview: PrunePreview | null) => void;
}) {
  const headingId = useId();
  const action = useAction();
  const [keep, setKeep] = useState<PruneKeep>(jobKeep);
  const errors = keepErrors(keep);
  const invalid = (['within', ...countRules.map((r) => r.key)] as const).some((rule) => errors(rule));
  const edited = JSON.stringify(activeRules(keep)) !== JSON.stringify(activeRules(jobKeep));

  const run = async () => {
    const result = await action.run(() => cairn().invoke('prune.preview', edited ? { jobId, keep } : { jobId }));
    if (result) onPreview(result.archives);
  };
  const kept = preview?.filter((a) => a.decision === 'keep').length ?? 0;
  const pruned = (preview?.length ?? 0) - kept;

  return (
    <section className="prune-preview" aria-labelledby={headingId}>
      <h2 id={headingId}>Prune preview</h2>
      <p className="muted">
        Which archives {edited ? 'these keep rules' : `the keep rules of ${jobName}`} ({rulesInWords(keep)}) would keep or delete. A preview
        deletes nothing.
      </p>
      <details className="try-rules">
        <summary>Try other keep rules</summary>
        <RetentionPicker value={keep} onChange={setKeep} errors={errors} legend="Keep rules to preview" />
        {edited && (
          <p className="muted">
            Only for this preview: to change what {jobName} keeps, edit the job.{' '}
            <button type="button" className="link" onClick={() => setKeep(jobKeep)}>Back to the job's rules</button>
          </p>
        )}
      </details>
      <div className="actions">
        <button type="button" className="primary" disabled={action.busy || invalid} onClick={() => void run()}>
          {action.busy ? 'Previewing…' : 'Preview prune'}
        </button>
        {preview && (
          <button type="button" onClick={() => onPreview(null)}>Hide preview</button>
        )}
      </div>
      <div aria-live="polite">
        {preview && !action.busy && (
          <p className="notice prune-counts" role="status">
            <strong>Keeps {kept}, would delete {pruned}.</strong> Nothing was deleted: this is only a preview.
          </p>
        )}
      </div>
      {action.error && (
        <p className="notice error" role="alert">{action.error}</p>
      )}
    </section>
  );
}
