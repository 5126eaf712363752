import { useId, useState } from 'react';
import type { PruneKeep } from '../../electron/core/config/schema';
import { countRules, describeKeep, presetOf, retentionPresets, type RetentionPresetKey } from './retention-words';

type Choice = RetentionPresetKey | 'custom';

/**
 * Chooses which old backups a job keeps (borg prune's keep rules): a few presets or custom
 * numbers, with what the rules keep said in words. Shared by the first-run wizard and the jobs
 * editor; `errors` gives the core's message for one rule (`within`, `daily`…), if any.
 */
export function RetentionPicker({
  value,
  onChange,
  errors,
  legend = 'Which old backups to keep',
}: {
  value: PruneKeep;
  onChange: (keep: PruneKeep) => void;
  errors?: ((rule: keyof PruneKeep) => string | undefined) | undefined;
  legend?: string;
}) {
  const id = useId();
  const matched = presetOf(value);
  // Custom stays selected while the user types, even when the numbers happen to match a preset.
  const [customChosen, setCustomChosen] = useState(matched === null);
  const selected: Choice = customChosen || matched === null ? 'custom' : matched;
  const anyError = [...countRules.map((r) => r.key), 'within' as const].some((key) => errors?.(key));
  const showCustom = selected === 'custom' || anyError;
  const phrases = describeKeep(value);
  const set = (key: keyof PruneKeep, raw: string) => {
    const next: PruneKeep = { ...value };
    if (key === 'within') {
      if (raw.trim() === '') delete next.within;
      else next.within = raw.trim();
    } else if (raw.trim() === '') delete next[key];
    else next[key] = Number(raw);
    onChange(next);
  };

  return (
    <fieldset className="retention-picker">
      <legend>{legend}</legend>
      {retentionPresets.map((preset) => (
        <div className="check" key={preset.key}>
          <input
            type="radio"
            id={`${id}-${preset.key}`}
            name={`${id}-retention`}
            checked={selected === preset.key}
            onChange={() => {
              setCustomChosen(false);
              onChange({ ...preset.keep });
            }}
          />
          <label htmlFor={`${id}-${preset.key}`}>
            {preset.label} <span className="muted">— {summary(preset.keep)}</span>
          </label>
        </div>
      ))}
      <div className="check">
        <input type="radio" id={`${id}-custom`} name={`${id}-retention`} checked={selected === 'custom'} onChange={() => setCustomChosen(true)} />
        <label htmlFor={`${id}-custom`}>Custom</label>
      </div>
      {showCustom && (
        <div className="retention-rules indent">
          <div className={errors?.('within') ? 'field invalid' : 'field'}>
            <label htmlFor={`${id}-within`}>Keep all from the last</label>
            <input
              id={`${id}-within`}
              type="text"
              className="mono"
              placeholder="e.g. 2d"
              value={value.within ?? ''}
              aria-describedby={`${id}-within-help${errors?.('within') ? ` ${id}-within-error` : ''}`}
              aria-invalid={errors?.('within') ? true : undefined}
              onChange={(event) => set('within', event.target.value)}
            />
            <p id={`${id}-within-help`} className="help">A number and H, d, w, m or y (hours … years).</p>
            {errors?.('within') && <p id={`${id}-within-error`} className="field-error">{errors('within')}</p>}
          </div>
          {countRules.map((rule) => {
            const error = errors?.(rule.key);
            return (
              <div key={rule.key} className={error ? 'field invalid' : 'field'}>
                <label htmlFor={`${id}-${rule.key}`}>{rule.label}</label>
                <input
                  id={`${id}-${rule.key}`}
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  value={value[rule.key] ?? ''}
                  aria-describedby={error ? `${id}-${rule.key}-error` : undefined}
                  aria-invalid={error ? true : undefined}
                  onChange={(event) => set(rule.key, event.target.value)}
                />
                {error && <p id={`${id}-${rule.key}-error`} className="field-error">{error}</p>}
              </div>
            );
          })}
        </div>
      )}
      <div className="retention-summary" aria-live="polite">
        {phrases.length === 0 ? (
          <p>Every backup is kept: nothing is ever deleted, so the repository only grows.</p>
        ) : (
          <>
            <p>After each backup, Cairn keeps:</p>
            <ul>
              {phrases.map((phrase) => (
                <li key={phrase}>{phrase}</li>
              ))}
            </ul>
            <p className="muted">
              Everything else is deleted. Hours, days… without a backup don't count, so the rules reach further back when the computer was off.
            </p>
          </>
        )}
      </div>
    </fieldset>
  );
}

/** "24 hourly, 7 daily, 4 weekly, 6 monthly" for a preset's label. */
function summary(keep: PruneKeep): string {
  const parts = countRules.filter((rule) => (keep[rule.key] ?? 0) > 0).map((rule) => `${keep[rule.key]} ${rule.key}`);
  return parts.length ? parts.join(', ') : 'never delete old backups';
}
