import type { Repository } from '../../../../electron/core/config/schema';
import { CheckCompact } from './check-compact';
import { ExportKey } from './export-key';
import { PassphraseChange } from './passphrase-change';

/** The repository's tools apart from its settings: passphrase, key, check, compact. */
export function RepositoryMaintenance({ repository }: { repository: Repository }) {
  return (
    <section className="repo-maintenance" aria-labelledby={`maintenance-${repository.id}`}>
      <h3 id={`maintenance-${repository.id}`}>Maintenance</h3>
      {repository.encryption !== 'none' && repository.passphrase.source === 'keychain' && <PassphraseChange repositoryId={repository.id} />}
      {repository.encryption !== 'none' && <ExportKey repositoryId={repository.id} encryption={repository.encryption} />}
      <CheckCompact repositoryId={repository.id} />
    </section>
  );
}
