import { keyExportArgs } from '../borg/argv/key-export.js';
import { ensureOk, runBorg } from '../borg/runner.js';
import type { BorgBinary, RepositoryAccess } from '../borg/types.js';
import { writeFileAtomic } from '../config/atomic-write.js';

/** How a key is kept: borg's key file text, hex lines to print (`paper`), or a printable page with a QR code. */
export type KeyFormat = 'key' | 'paper' | 'qr-html';

/** The repository key as text (borg writes it to stdout: `-` as the file); needs no lock and no passphrase. */
export async function readRepositoryKey(borg: BorgBinary, access: RepositoryAccess, format: KeyFormat): Promise<string> {
  const result = ensureOk(await runBorg(borg, { args: keyExportArgs({ format, file: format === 'paper' ? undefined : '-' }), repository: access }));
  return result.stdout;
}

/**
 * Saves the repository key to a file readable by its owner only (0600). borg's own file export
 * would create it with the umask's mode first, so Cairn writes the file itself.
 */
export async function exportRepositoryKey(borg: BorgBinary, access: RepositoryAccess, format: KeyFormat, file: string): Promise<void> {
  const text = await readRepositoryKey(borg, access, format);
  if (text.trim() === '') throw new Error('borg exported an empty key; nothing was saved.');
  await writeFileAtomic(file, text, 0o600);
}
