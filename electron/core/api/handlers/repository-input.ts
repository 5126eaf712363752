import { dirname, resolve } from 'node:path';
import { parseRepositoryUrl } from '../../borg/repository-url.js';
import type { AddRepositoryInput } from '../../config/edit.js';
import type { Config } from '../../config/schema.js';
import type { FieldError, SaveResult } from '../contract.js';
import type { RouterContext } from '../ports.js';
import { itemId, placeItem, refuse } from './save.js';

/**
 * A new repository from the window's form, checked like a save (field errors relative to the
 * repository) plus what only the window must respect: a local location was picked in the folder
 * dialog (or is directly inside a picked folder, as the wizard's `<picked>/cairn-backup`), and a
 * keychain passphrase is given. Nothing is touched here.
 */
export function newRepositoryProblems(
  config: Config,
  form: Record<string, unknown>,
  mode: 'create' | 'connect',
  passphrase: string | null,
  context: Pick<RouterContext, 'chosenPaths'>,
): { input: AddRepositoryInput } | { refused: SaveResult } {
  const { id: _ignored, ...fields } = form;
  // An unencrypted repository has no passphrase: the form need not say so twice.
  if (fields.encryption === 'none' && fields.passphrase === undefined) fields.passphrase = { source: 'none' };
  const id = itemId(config.repositories, { name: fields.name }, 'repository');
  const placed = placeItem(config, 'repositories', { ...fields, id }, 'repository');
  const errors: FieldError[] = [...placed.errors];
  const repository = placed.config?.repositories.find((r) => r.id === id);

  if (typeof fields.url === 'string' && !errors.some((e) => e.path === 'url')) {
    const location = parseRepositoryUrl(fields.url);
    if (location.kind === 'local' && !pickedOrInside(location.path, context.chosenPaths.get('repository-folder'))) {
      errors.push({ path: 'url', message: 'was not chosen in the folder dialog: use "Choose folder" to pick where the repository goes' });
    }
  }
  const source = repository?.passphrase.source ?? (fields.encryption === 'none' ? 'none' : 'keychain');
  if (source === 'keychain' && (passphrase === null || passphrase === '')) {
    errors.push({ path: 'passphrase', message: mode === 'create' ? 'is needed: choose one to encrypt the repository' : 'is needed to open this repository' });
  }
  if (errors.length > 0 || repository === undefined) return { refused: refuse('repository', errors).result };
  const { id: _id, ...input } = repository;
  return { input };
}

/** The folder itself was picked, or the folder it is directly in. */
function pickedOrInside(path: string, chosen: ReadonlySet<string> | undefined): boolean {
  if (chosen === undefined) return false;
  const target = resolve(path);
  const picked = new Set([...chosen].map((p) => resolve(p)));
  return picked.has(target) || picked.has(dirname(target));
}
