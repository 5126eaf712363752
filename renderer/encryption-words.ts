import { encryptionModes, type EncryptionMode } from '../electron/core/config/choices';

/** borg's encryption modes in words, for the wizard and the repositories editor. */
const words: Record<EncryptionMode, { label: string; help: string }> = {
  'repokey-blake2': { label: 'repokey-blake2 (recommended)', help: 'Encrypted; the key is stored in the repository, protected by the passphrase.' },
  repokey: { label: 'repokey', help: 'Encrypted, key in the repository; faster than blake2 on computers with SHA-256 hardware.' },
  'keyfile-blake2': { label: 'keyfile-blake2', help: 'Encrypted; the key stays on this computer only — export it and keep a copy, or the backups are lost with the computer.' },
  keyfile: { label: 'keyfile', help: 'As keyfile-blake2, with SHA-256.' },
  'authenticated-blake2': { label: 'authenticated-blake2', help: 'Not encrypted, but tampering is detected; needs a passphrase.' },
  authenticated: { label: 'authenticated', help: 'As authenticated-blake2, with SHA-256.' },
  none: { label: 'none (not encrypted)', help: 'Anyone who can read the disk or server can read the backups.' },
};

/** Every mode in the model's order, with its label and help. */
export const encryptionChoices = encryptionModes.map((mode) => ({ mode, ...words[mode] }));

/** What one mode means, for help text next to a mode. */
export const encryptionHelp = (mode: EncryptionMode): string => words[mode].help;
