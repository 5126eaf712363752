import { useEffect, useId, useState, type ReactNode } from 'react';

export { CheckField } from '../../components/check-field';

/** Several controls under one caption (checkbox lists, folder lists), with help and the core's error. */
export function FieldGroup({ legend, help, error, children }: { legend: ReactNode; help?: ReactNode; error?: string | undefined; children: ReactNode }) {
  const id = useId();
  return (
    <fieldset
      className={error ? 'group invalid' : 'group'}
      aria-describedby={[help ? `${id}-help` : '', error ? `${id}-error` : ''].join(' ').trim() || undefined}
    >
      <legend>{legend}</legend>
      {help && <p id={`${id}-help`} className="help">{help}</p>}
      {children}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </fieldset>
  );
}

/** A textarea's content as list entries: one per line, blank lines dropped. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/**
 * The core's error for `key.N` (entry N of a one-per-line list) as "Line L: …", L counted in the
 * text as typed (blank lines included), so the user finds it.
 */
export function lineError(text: string, errors: readonly { path: string; message: string }[], key: string): string | undefined {
  const found = errors.find((e) => e.path === key || e.path.startsWith(`${key}.`));
  if (!found) return undefined;
  const index = Number(found.path.slice(key.length + 1));
  if (!Number.isInteger(index)) return found.message;
  const lineNumbers = text.split('\n').flatMap((line, i) => (line.trim() ? [i + 1] : []));
  const line = lineNumbers[index];
  return line === undefined ? found.message : `Line ${line}: ${found.message}`;
}

/**
 * A collapsible group of advanced options (<details>): open at first when it holds something set,
 * and opened by itself when the core reports an error inside it, so no error is hidden.
 */
export function Advanced({ summary, initiallyOpen = false, hasError = false, children }: { summary: ReactNode; initiallyOpen?: boolean; hasError?: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(initiallyOpen);
  useEffect(() => {
    if (hasError) setOpen(true);
  }, [hasError]);
  return (
    <details className="advanced" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{summary}</summary>
      <div className="advanced-body">{children}</div>
    </details>
  );
}
