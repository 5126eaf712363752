import type { ReactNode } from 'react';
import { MasterDetail, type ListItem } from './master-detail';
import { resolveSelection, type EditorSelection } from './use-selection';

/**
 * One editor screen over a list of config items: the list, then the open item's form, an empty
 * state when there is nothing yet, and a notice when the open item was deleted elsewhere.
 */
export function ItemEditor<T extends { id: string }>({
  title,
  intro,
  listLabel,
  addLabel,
  noun,
  items,
  toListItem,
  empty,
  selection,
  renderForm,
}: {
  title: string;
  intro: ReactNode;
  listLabel: string;
  addLabel: string;
  noun: string;
  items: readonly T[];
  toListItem: (item: T) => ListItem;
  /** What to say (and offer) when there are no items yet. */
  empty: ReactNode;
  selection: EditorSelection;
  /** The form for `item` (undefined: a new one); `key` changes when another item is opened. */
  renderForm: (item: T | undefined, key: string) => ReactNode;
}) {
  const { item, isNew, missing } = resolveSelection(selection, items);
  let detail: ReactNode;
  if (missing) {
    detail = (
      <div className="notice warning" role="status">
        <p>This {noun} no longer exists: it was deleted, perhaps from another window or the command line.</p>
      </div>
    );
  } else if (!item && !isNew) {
    detail = <div className="empty">{empty}</div>;
  } else {
    // Opening an item changes formKey; only the implicit "first item" must also follow its id. An
    // added item keeps its key when it gets its id, so its form (and "Saved") stays.
    detail = renderForm(item, selection.selection === null ? `${selection.formKey}:${item?.id ?? ''}` : String(selection.formKey));
  }
  return (
    <>
      <MasterDetail
        title={title}
        intro={intro}
        listLabel={listLabel}
        items={items.map(toListItem)}
        selection={item ? { id: item.id } : selection.selection}
        onSelect={selection.select}
        onAdd={selection.add}
        addLabel={addLabel}
      >
        {detail}
      </MasterDetail>
      {selection.guardDialog}
    </>
  );
}
