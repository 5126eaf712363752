import { AsyncView } from '../components/async-view';
import type { Navigate } from '../navigation';
import { ItemEditor } from './editors/item-editor';
import { AddRepository } from './editors/repositories/add-repository';
import { RepositoryForm } from './editors/repositories/repository-form';
import { RepositoryMaintenance } from './editors/repositories/repository-maintenance';
import { useConfig } from './editors/use-config';
import { formWiring, useSelection } from './editors/use-selection';

/** The "Repositories" screen: where backups go, their settings, passphrase, key and upkeep. */
export function RepositoriesEditor({ navigate, selectedId }: { navigate: Navigate; selectedId?: string | undefined }) {
  const config = useConfig();
  const selection = useSelection(selectedId, navigate);
  const wiring = formWiring(selection, config.reload);
  return (
    <AsyncView value={config} retry={config.reload}>
      {(data) => (
        <ItemEditor
          title="Repositories"
          intro="Where backups go: a folder on a disk, or a server reached with ssh. Each is a borg repository; several jobs can share one."
          listLabel="Repositories"
          addLabel="Add repository"
          noun="repository"
          items={data.repositories}
          toListItem={(repository) => ({
            id: repository.id,
            label: repository.name,
            detail: (
              <>
                <span className="mono">{repository.url}</span>
                <span>
                  {repository.encryption === 'none' ? 'not encrypted' : `encrypted (${repository.encryption})`}
                  {repository.removable && ' · removable disk'}
                </span>
              </>
            ),
          })}
          empty={
            <>
              <p>No repositories yet — add a disk or a server to back up to.</p>
              <button type="button" className="primary" onClick={selection.add}>
                Add repository
              </button>
            </>
          }
          selection={selection}
          renderForm={(repository, key) =>
            repository ? (
              <div key={key}>
                <RepositoryForm repository={repository} navigate={wiring.navigate} onDirtyChange={wiring.onDirtyChange} onRemoved={wiring.onRemoved} />
                <RepositoryMaintenance repository={repository} />
              </div>
            ) : (
              <AddRepository
                key={key}
                onDirtyChange={selection.setDirty}
                onAdded={wiring.onSaved}
              />
            )
          }
        />
      )}
    </AsyncView>
  );
}
