import { useState, type ReactNode } from 'react';
import type { ItemKind, MethodOutput } from '../../../electron/core/api/contract';
import { cairn, describeError } from '../../bridge';
import { ConfirmDialog } from '../../components/confirm-dialog';
import type { Navigate } from '../../navigation';

type Dependent = MethodOutput<'items.dependents'>['dependents'][number];

/** How each kind of item is called on screen, and what deleting it leaves alone. */
export const kindWords: Record<ItemKind, { noun: string; keeps: string }> = {
  state: {
    noun: 'folder set',
    keeps: 'Only this list of folders is forgotten: the folders themselves and the archives already made from them stay as they are.',
  },
  repository: {
    noun: 'repository',
    keeps: 'Cairn only forgets it: the borg repository and its archives stay on disk (or on the server) and can be connected again later.',
  },
  job: {
    noun: 'job',
    keeps: 'Its schedule stops. The archives it made stay in the repository; borg data on disk is not deleted.',
  },
};

type Step =
  | { step: 'idle' }
  | { step: 'checking' }
  | { step: 'confirm'; error: string | null; busy: boolean }
  | { step: 'blocked'; dependents: Dependent[]; message: string | null };

/**
 * Deleting an item: first asks the core what depends on it; a used item is not offered for deletion
 * (the core would refuse) but its users are named; otherwise a confirmation says what stays on disk.
 */
export function useDeleteItem({
  kind,
  id,
  name,
  navigate,
  onRemoved,
}: {
  kind: ItemKind;
  id: string | undefined;
  name: string;
  navigate: Navigate;
  onRemoved: () => void;
}): { start: () => void; checking: boolean; error: string | null; dialog: ReactNode } {
  const [state, setState] = useState<Step>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const words = kindWords[kind];

  const start = () => {
    if (!id) return;
    setError(null);
    setState({ step: 'checking' });
    cairn()
      .invoke('items.dependents', { kind, id })
      .then(
        ({ dependents }) =>
          setState(dependents.length > 0 ? { step: 'blocked', dependents, message: null } : { step: 'confirm', error: null, busy: false }),
        (e: unknown) => {
          setState({ step: 'idle' });
          setError(describeError(e));
        },
      );
  };

  const remove = async () => {
    if (!id) return;
    setState({ step: 'confirm', error: null, busy: true });
    try {
      const result = await cairn().invoke('items.remove', { kind, id });
      if (result.removed) {
        setState({ step: 'idle' });
        onRemoved();
      } else if (result.dependents.length > 0) {
        setState({ step: 'blocked', dependents: result.dependents, message: result.message });
      } else {
        setState({ step: 'confirm', error: result.message ?? `The ${words.noun} was not removed.`, busy: false });
      }
    } catch (e) {
      setState({ step: 'confirm', error: describeError(e), busy: false });
    }
  };

  const close = () => setState({ step: 'idle' });
  let dialog: ReactNode = null;
  if (state.step === 'confirm') {
    dialog = (
      <ConfirmDialog title={`Delete “${name}”?`} confirmLabel={`Delete ${words.noun}`} danger busy={state.busy} onConfirm={() => void remove()} onCancel={close}>
        <p>{words.keeps}</p>
        {state.error && <p className="notice error" role="alert">{state.error}</p>}
      </ConfirmDialog>
    );
  } else if (state.step === 'blocked') {
    const first = state.dependents[0];
    dialog = (
      <ConfirmDialog
        title={`“${name}” is still in use`}
        confirmLabel={first ? `Open job “${first.name}”` : 'Close'}
        onConfirm={() => {
          close();
          if (first) navigate({ view: first.kind === 'job' ? 'jobs' : first.kind === 'state' ? 'states' : 'repositories', id: first.id });
        }}
        onCancel={close}
      >
        {state.message && <p role="alert">{state.message}</p>}
        <p>Cairn won’t delete this {words.noun} while {state.dependents.length === 1 ? 'this job uses' : 'these jobs use'} it:</p>
        <ul className="dependents">
          {state.dependents.map((d) => (
            <li key={`${d.kind}:${d.id}`}>{d.name}</li>
          ))}
        </ul>
        <p>Change {state.dependents.length === 1 ? 'that job' : 'those jobs'} to use something else, or delete {state.dependents.length === 1 ? 'it' : 'them'}, first. Nothing was deleted.</p>
      </ConfirmDialog>
    );
  }
  return { start, checking: state.step === 'checking', error, dialog };
}
