import type { Repository } from '../../../../electron/core/config/schema';
import { cairn } from '../../../bridge';
import { errorsByPath, Field } from '../../../components/field';
import type { Navigate } from '../../../navigation';
import { useDeleteItem } from '../delete-item';
import { Advanced, CheckField } from '../form-bits';
import { EditorActions } from '../master-detail';
import { useDraft, useReportDirty } from '../use-draft';
import { encryptionHelp, isLocalUrl } from './repository-words';

interface RepositoryFormValue {
  name: string;
  removable: boolean;
  source: Repository['passphrase']['source'];
  command: string;
  keyFile: string;
  knownHostsFile: string;
}

const formOf = (repository: Repository): RepositoryFormValue => ({
  name: repository.name,
  removable: repository.removable,
  source: repository.passphrase.source,
  command: repository.passphrase.source === 'command' ? repository.passphrase.command : '',
  keyFile: repository.ssh.keyFile ?? '',
  knownHostsFile: repository.ssh.knownHostsFile ?? '',
});

const labels: Record<string, string> = { name: 'Name', removable: 'Removable disk', passphrase: 'Passphrase', ssh: 'ssh', url: 'Address', encryption: 'Encryption' };

/** Edits what may change in a configured repository: name, disk, passphrase command, ssh files. */
export function RepositoryForm({
  repository,
  onRemoved,
  onDirtyChange,
  navigate,
}: {
  repository: Repository;
  onRemoved: () => void;
  onDirtyChange: (dirty: boolean) => void;
  navigate: Navigate;
}) {
  const draft = useDraft(formOf(repository));
  const form = draft.value;
  const error = errorsByPath(draft.errors);
  const local = isLocalUrl(repository.url);
  useReportDirty(draft.dirty, onDirtyChange);
  const deletion = useDeleteItem({ kind: 'repository', id: repository.id, name: repository.name, navigate, onRemoved });

  const save = () =>
    void draft.save((value) =>
      cairn().invoke('repositories.save', {
        repository: {
          id: repository.id,
          name: value.name,
          url: repository.url,
          encryption: repository.encryption,
          passphrase:
            value.source === 'command' ? { source: 'command', command: value.command } : value.source === 'keychain' ? { source: 'keychain' } : { source: 'none' },
          ssh: { keyFile: value.keyFile.trim() || undefined, knownHostsFile: value.knownHostsFile.trim() || undefined },
          removable: value.removable,
        },
      }),
    );

  return (
    <form
      className="editor-form"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <h2>{repository.name}</h2>
      <dl className="facts">
        <dt>Address</dt>
        <dd className="mono wrap">{repository.url}</dd>
        <dt>Encryption</dt>
        <dd>
          {repository.encryption} <span className="muted">— {encryptionHelp(repository.encryption)}</span>
        </dd>
        <dt>Passphrase</dt>
        <dd>
          {repository.passphrase.source === 'keychain'
            ? 'in the system keychain (see “Change passphrase in keychain” below)'
            : repository.passphrase.source === 'command'
              ? 'from a command (below)'
              : 'none (not encrypted)'}
        </dd>
      </dl>
      <p className="help">
        The address, the encryption and where the passphrase comes from are fixed once a repository is added. For a repository that moved, add it again with
        “Connect an existing repository”, then move its jobs to it.
      </p>
      <Field label="Name" help="How jobs, the tray and notifications call it." error={error('name')}>
        <input type="text" value={form.name} maxLength={64} onChange={(e) => draft.update({ name: e.target.value })} />
      </Field>
      {local && (
        <CheckField
          label="It is on a removable disk"
          help="When the disk is not connected, scheduled backups are skipped quietly instead of failing."
          checked={form.removable}
          onChange={(removable) => draft.update({ removable })}
          error={error('removable')}
        />
      )}
      {form.source === 'command' && (
        <Field
          label="Passphrase command"
          help="Its output (without the final line break) is the passphrase. Run by the shell each time borg needs it."
          error={error('passphrase.command') ?? draft.errors.find((e) => e.path === 'passphrase' || e.path === 'passphrase.source')?.message}
        >
          <input type="text" className="mono" spellCheck={false} value={form.command} onChange={(e) => draft.update({ command: e.target.value })} />
        </Field>
      )}
      {!local && (
        <Advanced summary="ssh key and known server key" initiallyOpen={Boolean(form.keyFile || form.knownHostsFile)} hasError={draft.errors.some((e) => e.path.startsWith('ssh'))}>
          <p className="help">Guided server pairing fills these in. Left empty, ssh uses your own keys and ~/.ssh/known_hosts.</p>
          <Field label="Private key file" help="Only this key is offered to the server." error={error('ssh.keyFile')}>
            <input type="text" className="mono" spellCheck={false} value={form.keyFile} onChange={(e) => draft.update({ keyFile: e.target.value })} />
          </Field>
          <Field label="Known hosts file" help="The server's pinned key: a server presenting any other key is refused." error={error('ssh.knownHostsFile')}>
            <input type="text" className="mono" spellCheck={false} value={form.knownHostsFile} onChange={(e) => draft.update({ knownHostsFile: e.target.value })} />
          </Field>
        </Advanced>
      )}
      <EditorActions draft={draft} isNew={false} onDelete={deletion.start} deleting={deletion.checking} deleteLabel="Delete…" fieldLabel={(p) => labels[p.split('.')[0] ?? p] ?? p} />
      {deletion.error && <p className="notice error" role="alert">{deletion.error}</p>}
      {deletion.dialog}
    </form>
  );
}
