import { useId } from 'react';
import type { Settings } from '../../../electron/core/config/schema';

const themes: readonly { value: Settings['theme']; label: string }[] = [
  { value: 'system', label: 'Same as the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** The window's colours as a group of three radio buttons (arrow keys move between them). */
export function ThemeChoice({ value, onChange, error }: { value: Settings['theme']; onChange: (theme: Settings['theme']) => void; error?: string | undefined }) {
  const name = useId();
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend>Theme</legend>
      {themes.map((theme) => (
        <div className="check" key={theme.value}>
          <input
            id={`${name}-${theme.value}`}
            type="radio"
            name={name}
            value={theme.value}
            checked={value === theme.value}
            onChange={() => onChange(theme.value)}
          />
          <label htmlFor={`${name}-${theme.value}`}>{theme.label}</label>
        </div>
      ))}
      {error && <p id={`${name}-error`} className="field-error">{error}</p>}
    </fieldset>
  );
}
