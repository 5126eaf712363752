import type { ReactNode } from 'react';
import type { FieldError } from '../../../../electron/core/api/contract';
import { errorsByPath, Field } from '../../../components/field';
import { Advanced } from '../form-bits';
import { hasErrorIn, hookNames, type HookName, type JobFormValue } from './job-form-value';

const hookText: Record<HookName, { label: string; help: ReactNode }> = {
  preHook: {
    label: 'Before the backup (preHook)',
    help: 'Runs after the folder sets’ own scripts, before borg starts. An exit code other than 0 stops the run: no backup is made.',
  },
  postCreate: {
    label: 'After the archive is made (postCreate)',
    help: (
      <>
        Runs when the archive was written; <code>$archiveName</code> is its name.
      </>
    ),
  },
  postPrune: {
    label: 'After old backups are removed (postPrune)',
    help: 'Runs after pruning (and compacting), only when the job has rules for old backups.',
  },
  postHook: {
    label: 'At the end, always (postHook)',
    help: (
      <>
        Runs last, whether the run worked or not; <code>$exitStatus</code> is 0 when it worked, 1 with warnings, 2 when it failed.
      </>
    ),
  },
};

/** The job's four shell hooks, with when each runs and what it is told. */
export function JobHooks({ value, update, errors }: { value: JobFormValue; update: (patch: Partial<JobFormValue>) => void; errors: readonly FieldError[] }) {
  const error = errorsByPath(errors);
  return (
    <Advanced summary="Commands run around the backup" initiallyOpen={hookNames.some((n) => value.hooks[n].trim() !== '')} hasError={hasErrorIn(errors, ['hooks'])}>
      <p className="help">
        Shell commands (<code>sh -c</code>). Every one can read <code>$archiveName</code>, <code>$CAIRN_JOB</code> (the job’s name) and <code>$CAIRN_REPOSITORY</code> (its
        address). A failing command makes the run count as failed.
      </p>
      {hookNames.map((name) => (
        <Field key={name} label={hookText[name].label} help={hookText[name].help} error={error(`hooks.${name}`)}>
          <textarea value={value.hooks[name]} onChange={(e) => update({ hooks: { ...value.hooks, [name]: e.target.value } })} spellCheck={false} rows={2} />
        </Field>
      ))}
    </Advanced>
  );
}
