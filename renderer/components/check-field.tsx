import { useId, type ReactNode } from 'react';

/** A checkbox with its label and a line of help, the way every boolean option is shown. */
export function CheckField({
  label,
  help,
  checked,
  onChange,
  error,
}: {
  label: ReactNode;
  help?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <div className="check-field">
      <div className="check">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={[help ? `${id}-help` : '', error ? `${id}-error` : ''].join(' ').trim() || undefined}
          aria-invalid={error ? true : undefined}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {help && <p id={`${id}-help`} className="help">{help}</p>}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}
