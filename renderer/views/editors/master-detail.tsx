import type { ReactNode } from 'react';
import type { Draft } from './use-draft';

/** One row of an editor's list. */
export interface ListItem {
  id: string;
  label: string;
  /** A second line (the url, the schedule…). */
  detail?: ReactNode;
}

/** What is open on the right: an existing item, a new one being added, or nothing yet. */
export type Selection = { id: string } | 'new' | null;

/**
 * The editors' shared layout: the items on the left (on top in a small window) with an "Add"
 * button, the selected item's form beside them.
 */
export function MasterDetail({
  title,
  intro,
  listLabel,
  items,
  selection,
  onSelect,
  onAdd,
  addLabel,
  children,
}: {
  title: string;
  intro?: ReactNode;
  listLabel: string;
  items: readonly ListItem[];
  selection: Selection;
  onSelect: (id: string) => void;
  onAdd: () => void;
  addLabel: string;
  children: ReactNode;
}) {
  return (
    <>
      <h1>{title}</h1>
      {intro && <p className="muted intro">{intro}</p>}
      <div className="master-detail">
        <nav className="master" aria-label={listLabel}>
          <button type="button" className="add" onClick={onAdd} aria-current={selection === 'new' ? 'true' : undefined}>
            {addLabel}
          </button>
          {items.length > 0 && (
            <ul>
              {items.map((item) => {
                const current = selection !== null && selection !== 'new' && selection.id === item.id;
                return (
                  <li key={item.id}>
                    <button type="button" aria-current={current ? 'true' : undefined} onClick={() => onSelect(item.id)}>
                      <span className="item-label">{item.label}</span>
                      {item.detail && <span className="item-detail">{item.detail}</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </nav>
        <section className="detail" aria-label={title}>
          {children}
        </section>
      </div>
    </>
  );
}

/**
 * Save / Revert / Delete under a form, with the result of the last save: "Saved" (announced),
 * or the core's sentence when it refused.
 */
export function EditorActions<T>({
  draft,
  isNew,
  onDelete,
  deleteLabel,
  deleting = false,
  extra,
  fieldLabel = (path) => path,
}: {
  draft: Draft<T>;
  /** Turns an error's path (`schedule.expression`) into the field's label, for the summary. */
  fieldLabel?: (path: string) => string;
  isNew: boolean;
  onDelete?: () => void;
  deleteLabel?: string;
  deleting?: boolean;
  extra?: ReactNode;
}) {
  return (
    <div className="editor-footer">
      <div className="editor-status" role="status" aria-live="polite">
        {draft.saved && !draft.dirty && <span className="saved">✓ Saved</span>}
        {draft.dirty && !draft.busy && <span className="muted">Unsaved changes</span>}
      </div>
      {draft.message && (
        <div className="notice error" role="alert">
          {draft.errors.length === 0 ? (
            <p>{draft.message}</p>
          ) : (
            <>
              <p>Not saved: {draft.errors.length === 1 ? 'one field needs' : `${draft.errors.length} fields need`} attention.</p>
              <ul>
                {draft.errors.map((e) => (
                  <li key={e.path}>
                    {e.path ? `${fieldLabel(e.path)}: ` : ''}
                    {e.message}
                  </li>
                ))}
              </ul>
              <p>What you typed is still here.</p>
            </>
          )}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={draft.busy || (!draft.dirty && !isNew)}>
          {draft.busy ? 'Saving…' : isNew ? 'Add' : 'Save'}
        </button>
        <button type="button" onClick={draft.revert} disabled={draft.busy || !draft.dirty}>
          {isNew ? 'Clear' : 'Revert'}
        </button>
        {extra}
        {!isNew && onDelete && (
          <button type="button" className="danger delete" onClick={onDelete} disabled={draft.busy || deleting}>
            {deleting ? 'Checking…' : deleteLabel ?? 'Delete'}
          </button>
        )}
      </div>
    </div>
  );
}
