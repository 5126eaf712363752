import { AsyncView } from '../components/async-view';
import type { Navigate } from '../navigation';
import { ItemEditor } from './editors/item-editor';
import { StateForm } from './editors/states/state-form';
import { useConfig } from './editors/use-config';
import { formWiring, useSelection } from './editors/use-selection';

/** The "Folders" screen: the named sets of folders (states) that jobs back up. */
export function StatesEditor({ navigate, selectedId }: { navigate: Navigate; selectedId?: string | undefined }) {
  const config = useConfig();
  const selection = useSelection(selectedId, navigate);
  return (
    <AsyncView value={config} retry={config.reload}>
      {(data) => (
        <ItemEditor
          title="Folders"
          intro="Named sets of folders to back up. A job backs up one or more of them to a repository; the same set can go to several jobs."
          listLabel="Folder sets"
          addLabel="Add folder set"
          noun="folder set"
          items={data.states}
          toListItem={(state) => ({
            id: state.id,
            label: state.name,
            detail: state.folders.length === 1 ? state.folders[0] : `${state.folders.length} folders`,
          })}
          empty={
            <>
              <p>No folders yet — add a set of folders to back up.</p>
              <button type="button" className="primary" onClick={selection.add}>Add folder set</button>
            </>
          }
          selection={selection}
          renderForm={(state, key) => (
            <StateForm
              key={key}
              state={state}
              {...formWiring(selection, config.reload)}
            />
          )}
        />
      )}
    </AsyncView>
  );
}
