import { useId, useState } from 'react';
import { passphraseStrength } from './passphrase-strength';

export { passphraseProblem } from './passphrase-strength';

/** What the user typed: the passphrase and, for a new one, its second copy. */
export interface PassphraseValue {
  passphrase: string;
  repeat: string;
}

/**
 * A passphrase typed twice (once with `confirm={false}`, to open an existing repository), with a
 * show/hide toggle, a local strength hint for new ones, and the mismatch error. `error` is the
 * core's message (a wrong passphrase); `showProblems` shows the mismatch before the second field
 * is left, e.g. after a submit attempt (check with `passphraseProblem`).
 */
export function PassphraseFields({
  value,
  onChange,
  confirm = true,
  error,
  showProblems = false,
  label = 'Passphrase',
}: {
  value: PassphraseValue;
  onChange: (value: PassphraseValue) => void;
  confirm?: boolean;
  error?: string | undefined;
  showProblems?: boolean;
  label?: string;
}) {
  const id = useId();
  const [visible, setVisible] = useState(false);
  const [repeatLeft, setRepeatLeft] = useState(false);
  const strength = confirm && value.passphrase !== '' ? passphraseStrength(value.passphrase) : null;
  const mismatch =
    confirm && value.repeat !== value.passphrase && (showProblems || (repeatLeft && value.repeat !== ''))
      ? 'The two passphrases are not the same.'
      : undefined;
  const empty = showProblems && value.passphrase === '' ? 'Type a passphrase.' : undefined;
  const firstError = error ?? empty;
  const type = visible ? 'text' : 'password';
  const autoComplete = confirm ? 'new-password' : 'current-password';

  return (
    <div className="passphrase-fields">
      <div className={firstError ? 'field invalid' : 'field'}>
        <label htmlFor={`${id}-p`}>{label}</label>
        <div className="inline-input">
          <input
            id={`${id}-p`}
            type={type}
            autoComplete={autoComplete}
            spellCheck={false}
            value={value.passphrase}
            aria-describedby={[strength ? `${id}-strength` : '', firstError ? `${id}-p-error` : ''].join(' ').trim() || undefined}
            aria-invalid={firstError ? true : undefined}
            onChange={(event) => onChange({ ...value, passphrase: event.target.value })}
          />
          <button type="button" aria-pressed={visible} aria-controls={confirm ? `${id}-p ${id}-r` : `${id}-p`} onClick={() => setVisible((v) => !v)}>
            {visible ? 'Hide' : 'Show'}
          </button>
        </div>
        {confirm && (
          <p id={`${id}-strength`} className="help strength">
            {strength ? (
              <>
                <span className={`badge ${strength.level === 'weak' ? 'error' : strength.level === 'ok' ? 'warning' : 'ok'}`}>{strength.level}</span>{' '}
                {strength.reason}
              </>
            ) : (
              'Long and unguessable: several unrelated words work well. Cairn keeps it in the system keychain.'
            )}
          </p>
        )}
        {firstError && (
          <p id={`${id}-p-error`} className="field-error" role="alert">
            {firstError}
          </p>
        )}
      </div>
      {confirm && (
        <div className={mismatch ? 'field invalid' : 'field'}>
          <label htmlFor={`${id}-r`}>Type it again</label>
          <input
            id={`${id}-r`}
            type={type}
            autoComplete="new-password"
            spellCheck={false}
            value={value.repeat}
            aria-describedby={mismatch ? `${id}-r-error` : undefined}
            aria-invalid={mismatch ? true : undefined}
            onBlur={() => setRepeatLeft(true)}
            onChange={(event) => onChange({ ...value, repeat: event.target.value })}
          />
          {mismatch && (
            <p id={`${id}-r-error`} className="field-error" role="alert">
              {mismatch}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
