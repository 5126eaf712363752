import type { FieldError } from '../../../../electron/core/api/contract';
import { errorsByPath, Field } from '../../../components/field';
import { Advanced, CheckField, lineError } from '../form-bits';
import { CompressionField } from './compression-field';
import { hasErrorIn, type JobFormValue } from './job-form-value';

type Update = (patch: Partial<JobFormValue>) => void;

/** When a job may run: catch-up, sleep, battery. */
export function JobConditions({ value, update }: { value: JobFormValue; update: Update }) {
  return (
    <Advanced summary="When it runs: missed backups, sleep, battery" initiallyOpen={value.skipOnBattery || !value.catchUp || !value.inhibitSleep}>
      <CheckField
        label="Catch up missed backups"
        help="If the computer was asleep or off when a backup was due, run it once soon after it wakes up."
        checked={value.catchUp}
        onChange={(catchUp) => update({ catchUp })}
      />
      <CheckField
        label="Keep the computer awake while backing up"
        help="The computer doesn't go to sleep on its own in the middle of a backup (closing the lid still does)."
        checked={value.inhibitSleep}
        onChange={(inhibitSleep) => update({ inhibitSleep })}
      />
      <CheckField
        label="Skip scheduled backups on battery"
        help="Waits for the charger; “Back up now” still works."
        checked={value.skipOnBattery}
        onChange={(skipOnBattery) => update({ skipOnBattery })}
      />
    </Advanced>
  );
}

/** How borg reads and stores the files: compression, patterns, file-system and cache rules. */
export function JobStorageOptions({ value, update, errors }: { value: JobFormValue; update: Update; errors: readonly FieldError[] }) {
  const error = errorsByPath(errors);
  return (
    <Advanced
      summary="Advanced: compression, patterns, archive names, checks"
      hasError={hasErrorIn(errors, ['compression', 'patterns', 'archiveNameTemplate', 'checkFrequency', 'extraCreateArgs'])}
    >
      <CompressionField value={value.compression} onChange={(compression) => update({ compression })} error={error('compression')} />
      <CheckField
        label="Leave out cache folders"
        help={
          <>
            Folders marked with a <code>CACHEDIR.TAG</code> file (browsers and build tools make them) are not backed up.
          </>
        }
        checked={value.excludeCaches}
        onChange={(excludeCaches) => update({ excludeCaches })}
      />
      <CheckField
        label="Stay on one file system"
        help="Don't descend into other disks or network shares mounted inside the folders."
        checked={value.oneFileSystem}
        onChange={(oneFileSystem) => update({ oneFileSystem })}
      />
      <Field
        label="Patterns"
        help={
          <>
            One borg pattern per line, for finer rules than “Leave out”: <code>- **/*.log</code> excludes, <code>+ **/keep.log</code> includes even inside an
            excluded folder, <code>! **/.git</code> does not even look inside. The first matching line wins.
          </>
        }
        error={lineError(value.patterns, errors, 'patterns')}
      >
        <textarea value={value.patterns} onChange={(e) => update({ patterns: e.target.value })} spellCheck={false} rows={3} />
      </Field>
      <Field
        label="Archive names"
        help={
          <>
            <code>{'{hostname}'}</code>, <code>{'{job}'}</code>, <code>{'{user}'}</code>, <code>{'{now}'}</code> and <code>{'{utcnow}'}</code> are replaced; it must
            contain <code>{'{now}'}</code> or <code>{'{utcnow}'}</code>. Removing old backups only looks at archives named this way.
          </>
        }
        error={error('archiveNameTemplate')}
      >
        <input type="text" className="mono" spellCheck={false} value={value.archiveNameTemplate} onChange={(e) => update({ archiveNameTemplate: e.target.value })} />
      </Field>
      <CheckField
        label="Compact after removing old backups"
        help="Frees the disk space of deleted archives right away (borg compact)."
        checked={value.compactAfterPrune}
        onChange={(compactAfterPrune) => update({ compactAfterPrune })}
      />
      <Field
        label="Check the repository"
        help="After a backup, at most this often, borg checks the repository for damage. It takes a while on large repositories."
        error={error('checkFrequency')}
      >
        <select value={value.checkFrequency} onChange={(e) => update({ checkFrequency: e.target.value as JobFormValue['checkFrequency'] })}>
          <option value="monthly">Monthly</option>
          <option value="weekly">Weekly</option>
          <option value="never">Never</option>
        </select>
      </Field>
      <Field
        label="Extra borg create arguments"
        help={
          <>
            One argument per line, passed to <code>borg create</code> as they are (for example <code>--noatime</code>). For options Cairn has no setting for.
          </>
        }
        error={lineError(value.extraCreateArgs, errors, 'extraCreateArgs')}
      >
        <textarea value={value.extraCreateArgs} onChange={(e) => update({ extraCreateArgs: e.target.value })} spellCheck={false} rows={2} />
      </Field>
    </Advanced>
  );
}
