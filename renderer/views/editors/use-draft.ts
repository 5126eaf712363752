import { useEffect, useRef, useState } from 'react';
import type { FieldError, SaveResult } from '../../../electron/core/api/contract';
import { describeError } from '../../bridge';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** An editor's form state: what is being typed, what was saved, and what the core said about it. */
export interface Draft<T> {
  value: T;
  /** Replaces part of the form (and forgets the "Saved" confirmation). */
  update: (patch: Partial<T>) => void;
  dirty: boolean;
  revert: () => void;
  busy: boolean;
  saved: boolean;
  /** The core's sentence when the save was refused or failed. */
  message: string | null;
  errors: FieldError[];
  /** Saves through `action`; on failure everything typed stays and the errors are shown. */
  save: (action: (value: T) => Promise<SaveResult>) => Promise<string | null>;
}

/**
 * Keeps what the user typed apart from the stored item. A new `original` (the config changed on
 * disk, or was re-read after a save) replaces the form only when nothing is unsaved.
 */
export function useDraft<T>(original: T): Draft<T> {
  const [baseline, setBaseline] = useState(original);
  const [value, setValue] = useState(original);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const latest = useRef({ baseline, value });
  latest.current = { baseline, value };

  const originalKey = JSON.stringify(original);
  useEffect(() => {
    const { baseline: before, value: typed } = latest.current;
    if (same(before, original)) return;
    setBaseline(original);
    if (same(typed, before)) setValue(original);
    // Compared by content: a re-read config is a new object with the same item.
  }, [originalKey]);

  return {
    value,
    update: (patch) => {
      setValue((current) => ({ ...current, ...patch }));
      setSaved(false);
    },
    dirty: !same(value, baseline),
    revert: () => {
      setValue(baseline);
      setErrors([]);
      setMessage(null);
    },
    busy,
    saved,
    message,
    errors,
    save: async (action) => {
      setBusy(true);
      setSaved(false);
      setMessage(null);
      try {
        const result = await action(value);
        if (!result.ok) {
          setErrors(result.errors);
          setMessage(result.message);
          return null;
        }
        setErrors([]);
        setBaseline(value);
        setSaved(true);
        return result.id;
      } catch (error) {
        setErrors([]);
        setMessage(describeError(error));
        return null;
      } finally {
        setBusy(false);
      }
    },
  };
}

/** Tells the editor whether this form holds unsaved changes (and that it no longer does once gone). */
export function useReportDirty(dirty: boolean, onDirtyChange: (dirty: boolean) => void): void {
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);
}
