import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../electron/core/api/contract';
import { cairn, describeError } from '../bridge';

/** A request's life as a screen shows it: loading, failed (with the core's sentence), or its data. */
export type Loadable<T> = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; data: T };

/**
 * Calls `method` now and whenever `reload()` is called or `key` changes. While reloading, the
 * previous data stays on screen (no flash of "Loading…", no layout jump).
 */
export function useInvoke<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  key: string = JSON.stringify(input),
): Loadable<MethodOutput<M>> & { reload: () => void } {
  const [state, setState] = useState<Loadable<MethodOutput<M>>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const inputRef = useRef(input);
  inputRef.current = input;
  useEffect(() => {
    let current = true;
    cairn()
      .invoke(method, inputRef.current)
      .then(
        (data) => current && setState({ status: 'ready', data }),
        (error: unknown) => current && setState({ status: 'error', error: describeError(error) }),
      );
    return () => {
      current = false;
    };
  }, [method, key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

/** Listens to one contract event for the component's lifetime. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const listenerRef = useRef(listener);
  listenerRef.current = listener;
  useEffect(() => cairn().on(event, (payload) => listenerRef.current(payload)), [event]);
}

/** Runs one action at a time (a button's click): whether it is busy, and its error sentence. */
export function useAction(): {
  busy: boolean;
  error: string | null;
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>;
  clearError: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(describeError(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clearError: useCallback(() => setError(null), []) };
}
