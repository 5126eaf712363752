import { useId, useState } from 'react';
import type { EncryptionMode } from '../../../../electron/core/config/schema';
import { cairn } from '../../../bridge';
import { errorsByPath, Field } from '../../../components/field';
import { PassphraseFields, passphraseProblem } from '../../../components/passphrase-fields';
import { ServerPairing } from '../../../components/server-pairing';
import { useAction, useEvent } from '../../../hooks/use-invoke';
import { CheckField, FieldGroup } from '../form-bits';
import { useDraft, useReportDirty } from '../use-draft';
import { encryptionChoices } from './repository-words';

type Where = 'local' | 'ssh' | 'guided';

interface AddForm {
  where: Where;
  mode: 'create' | 'connect';
  folder: string;
  sshUrl: string;
  name: string;
  encryption: EncryptionMode;
  source: 'keychain' | 'command';
  command: string;
  passphrase: string;
  repeat: string;
  removable: boolean;
}

const empty: AddForm = {
  where: 'local',
  mode: 'create',
  folder: '',
  sshUrl: '',
  name: '',
  encryption: 'repokey-blake2',
  source: 'keychain',
  command: '',
  passphrase: '',
  repeat: '',
  removable: false,
};

/** "Add repository": create a new borg repository or connect an existing one, on a disk or a server. */
export function AddRepository({ onAdded, onDirtyChange }: { onAdded: (id: string) => void; onDirtyChange: (dirty: boolean) => void }) {
  const id = useId();
  const draft = useDraft(empty);
  const form = draft.value;
  const update = draft.update;
  const error = errorsByPath(draft.errors);
  const picking = useAction();
  const [showProblems, setShowProblems] = useState(false);
  const [initMessage, setInitMessage] = useState<string | null>(null);
  useReportDirty(draft.dirty, onDirtyChange);
  useEvent('maintenance.progress', (event) => {
    if (event.operation === 'init' && draft.busy) setInitMessage(event.message);
  });

  const encrypted = form.encryption !== 'none';
  const typed = encrypted && form.source === 'keychain';
  const confirm = form.mode === 'create';

  const pickFolder = () =>
    void picking.run(async () => {
      const { paths } = await cairn().invoke('dialog.pickFolders', { purpose: 'repository-folder', multiple: false });
      if (paths[0]) update({ folder: paths[0] });
    });

  const submit = async () => {
    if (typed && passphraseProblem(form, confirm)) {
      setShowProblems(true);
      return;
    }
    setInitMessage(null);
    const added = await draft.save((value) =>
      cairn().invoke('repositories.add', {
        mode: value.mode,
        repository: {
          name: value.name,
          url: value.where === 'local' ? value.folder : value.sshUrl,
          encryption: value.encryption,
          passphrase: !encrypted ? { source: 'none' } : value.source === 'command' ? { source: 'command', command: value.command } : { source: 'keychain' },
          removable: value.where === 'local' && value.removable,
        },
        passphrase: typed ? value.passphrase : null,
      }),
    );
    if (added) onAdded(added);
  };

  const whereChoices = [
    { key: 'local', label: 'A folder or disk on this computer' },
    { key: 'ssh', label: 'A server address (ssh), already set up' },
    { key: 'guided', label: 'Back up to a server (guided)…' },
  ] as const;

  return (
    <div className="editor-form">
      <h2>Add a repository</h2>
      <FieldGroup legend="Where the backups go">
        {whereChoices.map((choice) => (
          <div className="check" key={choice.key}>
            <input type="radio" id={`${id}-${choice.key}`} name={`${id}-where`} checked={form.where === choice.key} onChange={() => update({ where: choice.key })} />
            <label htmlFor={`${id}-${choice.key}`}>{choice.label}</label>
          </div>
        ))}
      </FieldGroup>

      {form.where === 'guided' ? (
        // Guided pairing (its own steps and forms), kept outside the <form> below.
        <ServerPairing onDone={({ repositoryId }) => onAdded(repositoryId)} onCancel={() => update({ where: 'local' })} />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <FieldGroup legend="New or existing">
            <div className="check">
              <input type="radio" id={`${id}-create`} name={`${id}-mode`} checked={form.mode === 'create'} onChange={() => update({ mode: 'create' })} />
              <label htmlFor={`${id}-create`}>Create a new repository</label>
            </div>
            <div className="check">
              <input type="radio" id={`${id}-connect`} name={`${id}-mode`} checked={form.mode === 'connect'} onChange={() => update({ mode: 'connect' })} />
              <label htmlFor={`${id}-connect`}>Connect an existing repository (made earlier, by Cairn or borg)</label>
            </div>
          </FieldGroup>

          {form.where === 'local' ? (
            <FieldGroup
              legend="Folder"
              help={form.mode === 'create' ? 'An empty folder (you can make one in the dialog), e.g. on a USB disk.' : 'The folder that holds the repository (it contains a file named README and a data folder).'}
              error={error('url')}
            >
              <p className={form.folder ? 'mono wrap' : 'muted'}>{form.folder || 'No folder chosen yet.'}</p>
              <div className="actions">
                <button type="button" onClick={pickFolder} disabled={picking.busy}>
                  {picking.busy ? 'Choosing…' : form.folder ? 'Choose another folder…' : 'Choose folder…'}
                </button>
              </div>
              {picking.error && <p className="field-error" role="alert">{picking.error}</p>}
            </FieldGroup>
          ) : (
            <Field
              label="Server address"
              help={
                <>
                  <code>ssh://user@host:port/path</code> or <code>user@host:path</code>. Your own ssh keys and ~/.ssh/known_hosts are used; for a server you have never
                  connected to, the guided setup is easier.
                </>
              }
              error={error('url')}
            >
              <input type="text" className="mono" spellCheck={false} autoComplete="off" value={form.sshUrl} placeholder="ssh://me@backup.example.org/./laptop" onChange={(e) => update({ sshUrl: e.target.value })} />
            </Field>
          )}

          <Field label="Name" help="How jobs, the tray and notifications call it, e.g. “USB disk”." error={error('name')}>
            <input type="text" value={form.name} maxLength={64} onChange={(e) => update({ name: e.target.value })} />
          </Field>

          <Field
            label="Encryption"
            help={
              form.mode === 'connect'
                ? 'The mode it was created with (borg info shows it). ' + (encryptionChoices.find((c) => c.mode === form.encryption)?.help ?? '')
                : encryptionChoices.find((c) => c.mode === form.encryption)?.help
            }
            error={error('encryption')}
          >
            <select value={form.encryption} onChange={(e) => update({ encryption: e.target.value as EncryptionMode })}>
              {encryptionChoices.map((c) => (
                <option key={c.mode} value={c.mode}>
                  {c.label}
                </option>
              ))}
            </select>
          </Field>

          {encrypted && (
            <FieldGroup legend="Passphrase" error={draft.errors.find((e) => e.path === 'passphrase' || e.path === 'passphrase.source')?.message}>
              <div className="check">
                <input type="radio" id={`${id}-keychain`} name={`${id}-source`} checked={form.source === 'keychain'} onChange={() => update({ source: 'keychain' })} />
                <label htmlFor={`${id}-keychain`}>Type it now; Cairn keeps it in the system keychain</label>
              </div>
              <div className="check">
                <input type="radio" id={`${id}-command`} name={`${id}-source`} checked={form.source === 'command'} onChange={() => update({ source: 'command' })} />
                <label htmlFor={`${id}-command`}>Get it from a command (a password manager)</label>
              </div>
              {form.source === 'keychain' ? (
                <PassphraseFields
                  value={form}
                  onChange={(v) => update({ passphrase: v.passphrase, repeat: v.repeat })}
                  confirm={confirm}
                  showProblems={showProblems}
                  label={confirm ? 'New passphrase' : 'Passphrase of the repository'}
                />
              ) : (
                <Field label="Command" help="Its output (without the final line break) is the passphrase." error={error('passphrase.command')}>
                  <input type="text" className="mono" spellCheck={false} value={form.command} placeholder="pass show backup/laptop" onChange={(e) => update({ command: e.target.value })} />
                </Field>
              )}
              {confirm && <p className="help">Without the passphrase the backups can't be read by anyone, you included. Keep a copy somewhere safe.</p>}
            </FieldGroup>
          )}

          {form.where === 'local' && (
            <CheckField
              label="It is on a removable disk"
              help="When the disk is not connected, scheduled backups are skipped quietly instead of failing."
              checked={form.removable}
              onChange={(removable) => update({ removable })}
              error={error('removable')}
            />
          )}

          {draft.message && (
            <div className="notice error" role="alert">
              <p>{draft.message}</p>
              {draft.errors.length > 0 && <p>Fix the fields marked above; nothing was created or saved.</p>}
            </div>
          )}
          <div className="progress-text" aria-live="polite">
            {draft.busy && (initMessage ?? (form.mode === 'create' ? 'Creating the repository…' : 'Opening the repository…'))}
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={draft.busy}>
              {draft.busy ? (form.mode === 'create' ? 'Creating…' : 'Connecting…') : form.mode === 'create' ? 'Create repository' : 'Connect repository'}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
