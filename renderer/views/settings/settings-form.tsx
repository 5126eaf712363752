import { useState, type FormEvent } from 'react';
import type { FieldError } from '../../../electron/core/api/contract';
import type { Settings } from '../../../electron/core/config/schema';
import { cairn } from '../../bridge';
import { errorsByPath, Field } from '../../components/field';
import { useAction } from '../../hooks/use-invoke';
import { CheckField } from '../../components/check-field';
import { ThemeChoice } from './theme-choice';

/** The form's own copy of the settings: numbers stay text until saved, so any input survives. */
interface Draft {
  notifyOnSuccess: boolean;
  staleAfterDays: string;
  startAtLogin: boolean;
  theme: Settings['theme'];
  lockWaitSeconds: string;
}

const numberFields = ['staleAfterDays', 'lockWaitSeconds'] as const;

/** The settings as a form; saving goes through the core, whose field errors show next to each field. */
export function SettingsForm({ initial }: { initial: Settings }) {
  const [draft, setDraft] = useState<Draft>(() => ({
    ...initial,
    staleAfterDays: String(initial.staleAfterDays),
    lockWaitSeconds: String(initial.lockWaitSeconds),
  }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const save = useAction();
  const errorFor = errorsByPath(errors);

  const change = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setMessage(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    // Empty number fields are caught here; ranges and the rest are the core's to judge.
    const local = numberFields.filter((key) => draft[key].trim() === '' || !Number.isFinite(Number(draft[key])));
    if (local.length > 0) {
      setErrors(local.map((path) => ({ path, message: 'must be a whole number' })));
      setMessage({ kind: 'error', text: 'Nothing was saved: some values need fixing.' });
      if (local.includes('lockWaitSeconds')) setAdvancedOpen(true);
      return;
    }
    const settings: Partial<Settings> = {
      notifyOnSuccess: draft.notifyOnSuccess,
      staleAfterDays: Number(draft.staleAfterDays),
      startAtLogin: draft.startAtLogin,
      theme: draft.theme,
      lockWaitSeconds: Number(draft.lockWaitSeconds),
    };
    const result = await save.run(() => cairn().invoke('settings.save', { settings }));
    if (!result) return;
    if (result.ok) {
      setErrors([]);
      setMessage({ kind: 'ok', text: 'Settings saved.' });
    } else {
      setErrors(result.errors);
      setMessage({ kind: 'error', text: result.message });
      if (result.errors.some((e) => e.path.startsWith('lockWaitSeconds'))) setAdvancedOpen(true);
    }
  };

  return (
    <form className="settings-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Notifications</legend>
        <p className="muted">A failed backup always raises a notification that says what went wrong and what to do.</p>
        <CheckField
          label="Also notify me when a backup succeeds"
          checked={draft.notifyOnSuccess}
          onChange={(checked) => change('notifyOnSuccess', checked)}
        />
        <Field
          label="Warn when a job has not backed up for (days)"
          help="From 1 to 365 days. Jobs that only run when asked are never called out of date."
          error={errorFor('staleAfterDays')}
        >
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            step={1}
            className="short"
            value={draft.staleAfterDays}
            onChange={(e) => change('staleAfterDays', e.target.value)}
          />
        </Field>
      </fieldset>
      <ThemeChoice value={draft.theme} onChange={(theme) => change('theme', theme)} error={errorFor('theme')} />
      <fieldset>
        <legend>Startup</legend>
        <CheckField
          label="Start Cairn when I log in"
          help="Scheduled backups run only while Cairn is running (it stays in the tray when the window is closed)."
          checked={draft.startAtLogin}
          onChange={(checked) => change('startAtLogin', checked)}
          error={errorFor('startAtLogin')}
        />
      </fieldset>
      <details className="advanced" open={advancedOpen} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
        <summary>Advanced</summary>
        <Field
          label="Wait for a busy repository (seconds)"
          help="How long borg waits for another program's lock on the repository before the backup fails (borg --lock-wait). From 1 to 3600."
          error={errorFor('lockWaitSeconds')}
        >
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={3600}
            step={1}
            className="short"
            value={draft.lockWaitSeconds}
            onChange={(e) => change('lockWaitSeconds', e.target.value)}
          />
        </Field>
      </details>
      <div className="actions">
        <button type="submit" className="primary" disabled={save.busy}>{save.busy ? 'Saving…' : 'Save settings'}</button>
        <p role="status" className={message?.kind === 'ok' ? 'save-message ok-text' : 'save-message'}>
          {message?.kind === 'ok' ? message.text : ''}
        </p>
      </div>
      {message?.kind === 'error' && (
        <div className="notice error" role="alert">
          <p>{message.text}</p>
        </div>
      )}
      {save.error && (
        <div className="notice error" role="alert">
          <p>{save.error}</p>
        </div>
      )}
    </form>
  );
}
