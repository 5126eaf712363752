import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Navigate } from '../../navigation';
import { useLeaveGuard } from './leave-guard';
import type { Selection } from './master-detail';

/** Which item an editor has open, and the guarded ways to open another one or leave. */
export interface EditorSelection {
  selection: Selection;
  /** Changes when a different item is opened: the form's React key, so it starts afresh. */
  formKey: number;
  select: (id: string) => void;
  add: () => void;
  /** After a save: a new item keeps its form (and its "Saved" line) but now has an id. */
  adopt: (id: string) => void;
  /** The id given by `adopt`, shown with its form until the re-read config lists it. */
  adopted: string | null;
  /** After deleting: nothing open; the editor shows the first item. */
  clear: () => void;
  setDirty: (dirty: boolean) => void;
  /** `navigate`, asking first when there are unsaved changes. */
  navigate: Navigate;
  guardDialog: ReactNode;
}

/** The selection logic the three editors share, with the unsaved-changes guard around every move. */
export function useSelection(selectedId: string | undefined, navigate: Navigate): EditorSelection {
  const [selection, setSelection] = useState<Selection>(selectedId ? { id: selectedId } : null);
  const [formKey, setFormKey] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [adopted, setAdopted] = useState<string | null>(null);
  const { guard, dialog } = useLeaveGuard(dirty);

  const open = useCallback((next: Selection) => {
    setSelection(next);
    setAdopted(null);
    setFormKey((k) => k + 1);
    setDirty(false);
  }, []);

  // Opened again from elsewhere (the dashboard, a notification) on another item.
  useEffect(() => {
    if (selectedId) open({ id: selectedId });
  }, [selectedId, open]);

  return {
    selection,
    formKey,
    select: (id) => {
      if (selection !== null && selection !== 'new' && selection.id === id) return;
      guard(() => open({ id }));
    },
    add: () => {
      if (selection !== 'new') guard(() => open('new'));
    },
    adopt: (id) => {
      if (selection !== 'new') return;
      setSelection({ id });
      setAdopted(id);
    },
    adopted,
    clear: () => open(null),
    setDirty,
    navigate: (route) => guard(() => navigate(route)),
    guardDialog: dialog,
  };
}

/** The item to show: the one selected, else the first (nothing selected yet), else none. */
export function resolveSelection<T extends { id: string }>(
  { selection, adopted }: Pick<EditorSelection, 'selection' | 'adopted'>,
  items: readonly T[],
): { item: T | undefined; isNew: boolean; missing: boolean } {
  if (selection === 'new') return { item: undefined, isNew: true, missing: false };
  if (selection === null) return { item: items[0], isNew: false, missing: false };
  const item = items.find((i) => i.id === selection.id);
  // Just added: keep showing the form (as "new") until the re-read config has it.
  if (!item && adopted === selection.id) return { item: undefined, isNew: true, missing: false };
  return { item, isNew: false, missing: item === undefined };
}

/** What every editor form is wired to: guarded navigation, its dirty flag, and what follows a save or a removal. */
export function formWiring(selection: EditorSelection, reloadConfig: () => void) {
  return {
    navigate: selection.navigate,
    onDirtyChange: selection.setDirty,
    onSaved: (id: string) => {
      selection.adopt(id);
      reloadConfig();
    },
    onRemoved: () => {
      selection.clear();
      reloadConfig();
    },
  };
}
