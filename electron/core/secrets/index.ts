// The secrets module's public API: the OS keychain, passphrase sources, masking for logs.
export { KeychainUnavailableError, keychainService, deletePassphrase, getPassphrase, setPassphrase } from './keychain.js';
export { PassphraseError, resolvePassphrase, type PassphraseDeps } from './passphrase.js';
export { maskSecrets } from './masking.js';
