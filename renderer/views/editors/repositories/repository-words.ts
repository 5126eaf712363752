export { encryptionChoices, encryptionHelp } from '../../../encryption-words';

/** Local paths (a folder, a disk) as opposed to ssh addresses; mirrors the core's parseRepositoryUrl. */
export function isLocalUrl(url: string): boolean {
  const trimmed = url.trim();
  if (trimmed.startsWith('/') || trimmed.startsWith('file://') || /^[A-Za-z]:[\\/]/.test(trimmed)) return true;
  return !/^ssh:\/\//.test(trimmed) && !/^[^/:\s]*:/.test(trimmed);
}
