import { useId, useState } from 'react';

const common = [
  { value: 'auto,zstd', label: 'Automatic zstd (default) — skips data that does not compress' },
  { value: 'lz4', label: 'lz4 — fastest, least compression' },
  { value: 'zstd,3', label: 'zstd level 3 — balanced' },
  { value: 'auto,zstd,10', label: 'zstd level 10 — smaller, slower' },
  { value: 'auto,lzma,6', label: 'lzma level 6 — smallest, slowest' },
  { value: 'none', label: 'None — store as is' },
] as const;

const isCommon = (value: string) => common.some((c) => c.value === value);

/** borg's `--compression`: a few well-known choices, or any spec typed by hand. */
export function CompressionField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string | undefined }) {
  const id = useId();
  const [custom, setCustom] = useState(!isCommon(value));
  const showText = custom || !isCommon(value);
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={`${id}-select`}>Compression</label>
      <select
        id={`${id}-select`}
        value={showText ? 'custom' : value}
        aria-describedby={`${id}-help${error && !showText ? ` ${id}-error` : ''}`}
        onChange={(event) => {
          if (event.target.value === 'custom') setCustom(true);
          else {
            setCustom(false);
            onChange(event.target.value);
          }
        }}
      >
        {common.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
        <option value="custom">Custom…</option>
      </select>
      {showText && (
        <>
          <label htmlFor={`${id}-text`} className="sub-label">
            Compression spec
          </label>
          <input
            id={`${id}-text`}
            type="text"
            className="mono"
            spellCheck={false}
            value={value}
            aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
            aria-invalid={error ? true : undefined}
            onChange={(event) => onChange(event.target.value)}
          />
        </>
      )}
      <p id={`${id}-help`} className="help">
        As borg’s <code>--compression</code>: <code>none</code>, <code>lz4</code>, <code>zstd,1</code>…<code>zstd,22</code>, <code>zlib,0</code>…<code>9</code>,{' '}
        <code>lzma,0</code>…<code>9</code>, optionally after <code>auto,</code> (which tests each chunk first). Applies to new data only.
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
