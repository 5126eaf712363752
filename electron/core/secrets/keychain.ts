import { createRequire } from 'node:module';

type Keytar = typeof import('keytar');

/**
 * The keychain service name; the account is the repository id. `CAIRN_KEYCHAIN_SERVICE` picks
 * another, for a second set-up (with its own CAIRN_CONFIG_DIR) whose repository ids may repeat
 * the first one's; the tests give each test file its own.
 */
export function keychainService(): string {
  return process.env.CAIRN_KEYCHAIN_SERVICE || 'Cairn';
}

/** How long a keychain call may take: a locked keyring waiting for an unlock prompt must not hang a backup. */
const CALL_TIMEOUT_MS = 20_000;

/** The OS keychain cannot be used; the message says what to install or run. Never falls back to plaintext. */
export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
}

let keytar: Keytar | undefined;

/** keytar is native CommonJS: loaded on first use, so a broken build only affects keychain users. */
function loadKeytar(): Keytar {
  if (keytar) return keytar;
  try {
    keytar = createRequire(import.meta.url)('keytar') as Keytar;
    return keytar;
  } catch (error) {
    throw new KeychainUnavailableError(
      `The keychain module (keytar) could not be loaded: ${(error as Error).message}. ${loadHint()}`,
      { cause: error },
    );
  }
}

/** The passphrase stored for a repository, or null when there is none. */
export async function getPassphrase(repositoryId: string): Promise<string | null> {
  return call('read the passphrase from', (k) => k.getPassword(keychainService(), repositoryId));
}

/** Stores (or replaces) a repository's passphrase in the OS keychain. */
export async function setPassphrase(repositoryId: string, passphrase: string): Promise<void> {
  if (passphrase === '') throw new RangeError('A passphrase must not be empty');
  await call('store the passphrase in', (k) => k.setPassword(keychainService(), repositoryId, passphrase));
}

/** Removes a repository's passphrase; false when there was none. */
export async function deletePassphrase(repositoryId: string): Promise<boolean> {
  return call('delete the passphrase from', (k) => k.deletePassword(keychainService(), repositoryId));
}

async function call<T>(action: string, run: (k: Keytar) => Promise<T>): Promise<T> {
  const k = loadKeytar();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new KeychainUnavailableError(`The keychain did not answer within ${CALL_TIMEOUT_MS / 1000} s (is it locked?). ${serviceHint()}`)),
      CALL_TIMEOUT_MS,
    );
    timer.unref();
  });
  try {
    return await Promise.race([run(k), timeout]);
  } catch (error) {
    if (error instanceof KeychainUnavailableError) throw error;
    // keytar's errors all mean the keychain could not be reached or refused: say how to get one.
    throw new KeychainUnavailableError(`Could not ${action} the keychain: ${(error as Error).message}. ${serviceHint()}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

const headlessHint =
  "on a headless server use a passphrase command instead: cairn repos add … --passphrase-command '…'";

function serviceHint(): string {
  switch (process.platform) {
    case 'darwin':
      return `The macOS Keychain must be available and unlocked for this user; or ${headlessHint}.`;
    case 'win32':
      return `Windows Credential Manager must be available for this user; or ${headlessHint}.`;
    default:
      return (
        'A Secret Service such as GNOME Keyring or KWallet must be running (apt install gnome-keyring); ' +
        `${headlessHint}.`
      );
  }
}

function loadHint(): string {
  const base = 'Reinstall Cairn (or run `npm rebuild keytar`)';
  return process.platform === 'linux'
    ? `${base}; keytar needs libsecret (apt install libsecret-1-0). Or ${headlessHint}.`
    : `${base}. Or ${headlessHint}.`;
}
