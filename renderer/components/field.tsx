import { useId, type ReactElement, type ReactNode } from 'react';
import { cloneElement } from 'react';

/**
 * A labelled form control with its help text and its error from the core, wired for screen
 * readers (aria-describedby, aria-invalid). The control is passed as the only child.
 */
export function Field({
  label,
  help,
  error,
  children,
}: {
  label: ReactNode;
  help?: ReactNode;
  error?: string | undefined;
  children: ReactElement<{ id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }>;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {help && <p id={helpId} className="help">{help}</p>}
      {error && <p id={errorId} className="field-error">{error}</p>}
    </div>
  );
}

/** Field errors from a save result, looked up by path (`folders.0`, `schedule.expression`). */
export function errorsByPath(errors: readonly { path: string; message: string }[]): (path: string) => string | undefined {
  const map = new Map<string, string>();
  for (const e of errors) if (!map.has(e.path)) map.set(e.path, e.message);
  return (path) => map.get(path) ?? [...map].find(([p]) => p.startsWith(`${path}.`))?.[1];
}
