import { useId, useState } from 'react';

/** A borg exclude pattern offered with a checkbox, with what it leaves out in words. */
export interface ExcludeSuggestion {
  pattern: string;
  label: string;
}

/** Things nobody wants restored: caches, reinstallable dependencies, trash, temporary files. */
export const defaultExcludeSuggestions: readonly ExcludeSuggestion[] = [
  { pattern: 'sh:**/.cache', label: 'Cache folders (.cache)' },
  { pattern: 'sh:**/node_modules', label: 'node_modules folders (reinstallable)' },
  { pattern: 'sh:**/__pycache__', label: 'Python bytecode caches (__pycache__)' },
  { pattern: 'sh:**/.local/share/Trash', label: 'The desktop trash' },
  { pattern: 'sh:**/.Trash*', label: 'Trash folders on disks (.Trash, .Trash-1000)' },
  { pattern: 'sh:**/*.tmp', label: 'Temporary files (*.tmp)' },
];

/**
 * Edits a job's borg exclude patterns: suggested ones as checkboxes, plus the user's own lines.
 * `error` gives the core's message for one entry (`exclude.3` → index 3), if any.
 */
export function ExcludeList({
  value,
  onChange,
  suggestions = defaultExcludeSuggestions,
  error,
  legend = 'Leave out',
}: {
  value: readonly string[];
  onChange: (patterns: string[]) => void;
  suggestions?: readonly ExcludeSuggestion[];
  error?: ((index: number) => string | undefined) | undefined;
  legend?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const suggested = new Set(suggestions.map((s) => s.pattern));
  const custom = value.map((pattern, index) => ({ pattern, index })).filter((entry) => !suggested.has(entry.pattern));
  const toggle = (pattern: string, on: boolean) =>
    onChange(on ? [...value, pattern] : value.filter((p) => p !== pattern));
  const add = () => {
    const pattern = draft.trim();
    if (pattern === '') return;
    if (!value.includes(pattern)) onChange([...value, pattern]);
    setDraft('');
  };

  return (
    <fieldset className="exclude-list">
      <legend>{legend}</legend>
      {suggestions.map((suggestion, n) => {
        const index = value.indexOf(suggestion.pattern);
        const message = index >= 0 ? error?.(index) : undefined;
        return (
          <div className="check" key={suggestion.pattern}>
            <input
              type="checkbox"
              id={`${id}-s${n}`}
              checked={index >= 0}
              aria-invalid={message ? true : undefined}
              onChange={(event) => toggle(suggestion.pattern, event.target.checked)}
            />
            <label htmlFor={`${id}-s${n}`}>
              {suggestion.label} <code className="muted">{suggestion.pattern}</code>
              {message && <span className="field-error"> {message}</span>}
            </label>
          </div>
        );
      })}
      {custom.length > 0 && (
        <ul className="exclude-custom" aria-label="Your own patterns">
          {custom.map(({ pattern, index }) => {
            const message = error?.(index);
            return (
              <li key={pattern}>
                <code>{pattern}</code>
                <button type="button" className="link" aria-label={`Remove ${pattern}`} onClick={() => toggle(pattern, false)}>
                  Remove
                </button>
                {message && <p className="field-error">{message}</p>}
              </li>
            );
          })}
        </ul>
      )}
      <div className="field">
        <label htmlFor={`${id}-add`}>Add a pattern</label>
        <div className="inline-input">
          <input
            id={`${id}-add`}
            type="text"
            className="mono"
            spellCheck={false}
            autoComplete="off"
            placeholder="sh:**/build"
            value={draft}
            aria-describedby={`${id}-add-help`}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
          <button type="button" onClick={add} disabled={draft.trim() === ''}>
            Add
          </button>
        </div>
        <p id={`${id}-add-help`} className="help">
          borg patterns: <code>sh:**/build</code> leaves out every folder named build, <code>sh:**/*.iso</code> every .iso file.
        </p>
      </div>
    </fieldset>
  );
}
