import { useState } from 'react';
import type { EncryptionMode } from '../../../electron/core/config/choices';
import { encryptionChoices, encryptionHelp } from '../../encryption-words';
import { Field } from '../../components/field';

/** The encryption mode of a new repository, tucked under "Advanced": the default suits nearly everyone. */
export function EncryptionChoice({ value, onChange, error }: { value: EncryptionMode; onChange: (mode: EncryptionMode) => void; error: string | undefined }) {
  const [open, setOpen] = useState(value !== 'repokey-blake2');
  return (
    <details className="advanced" open={open || error !== undefined} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Advanced: encryption mode</summary>
      <Field label="Encryption" help={encryptionHelp(value)} error={error}>
        <select value={value} onChange={(event) => onChange(event.target.value as EncryptionMode)}>
          {encryptionChoices.map(({ mode, label }) => (
            <option key={mode} value={mode}>
              {label}
            </option>
          ))}
        </select>
      </Field>
    </details>
  );
}
