import type { BorgErrorCode } from './errors.js';

/** What the description of an error may mention. */
export interface ErrorContext {
  /** How the user calls the repository in Cairn, used in suggested commands. */
  repository?: string | undefined;
  /** The archive borg named, for a sentence that says which one. */
  archive?: string | undefined;
}

/** The sentence for a person and the advice that goes with it. */
export interface ErrorDescription {
  summary: string;
  hint: string;
}

/** The user-facing sentence and advice for each code. */
export function describeBorgError(code: BorgErrorCode, context: ErrorContext = {}): ErrorDescription {
  const repo = context.repository ?? '<repository>';
  switch (code) {
    case 'passphrase-wrong':
      return { summary: 'The passphrase for this repository is wrong.', hint: `Update it in Cairn (cairn repos passphrase ${repo}) or check the passphrase command.` };
    case 'no-passphrase':
      return { summary: 'Cairn had no passphrase to give borg for this encrypted repository.', hint: `Set it in Cairn (cairn repos passphrase ${repo}) or check the passphrase command.` };
    case 'repository-not-found':
      return { summary: 'There is no repository at this location.', hint: 'If it is on a removable disk, plug the disk in; otherwise check the repository location in Cairn.' };
    case 'not-a-repository':
      return { summary: 'This folder exists but is not a borg repository.', hint: 'Check the repository location in Cairn; to create a new repository, choose an empty or new folder.' };
    case 'repository-exists':
      return { summary: 'There is already a repository or other files at this location.', hint: 'Add it to Cairn as an existing repository, or choose an empty folder.' };
    case 'parent-missing':
      return { summary: 'The folder that should contain the repository does not exist.', hint: 'Create that folder first, or let Cairn create the missing folders.' };
    case 'no-manifest':
      return { summary: 'The repository is incomplete (it has no manifest), probably left behind by a failed creation.', hint: 'If it holds no backups, delete its folder and create the repository again.' };
    case 'quota-exceeded':
      return { summary: 'The repository has used up its storage quota.', hint: 'Prune or delete old archives and compact the repository, or ask the server owner for a larger quota.' };
    case 'lock-timeout':
      return { summary: 'The repository is locked by another borg process (a backup, an open archive, or a process that crashed).', hint: `Wait for it to finish or close open archives; if nothing else uses the repository, break the lock (cairn repos break-lock ${repo}).` };
    case 'connection-closed':
      return { summary: 'The connection to the backup server was lost.', hint: 'Check the network and that the server is up, then try again.' };
    case 'host-key-or-auth':
      return { summary: 'The backup server closed the connection: it refused the login, its host key changed, or borg is not installed there.', hint: "Check the server address, that Cairn's SSH key is authorized on the server, and that borg 1.2 is installed there." };
    case 'host-unreachable':
      return { summary: 'The backup server could not be reached.', hint: 'Check the network, the server address and port, and that the server is on; the backup runs again when it is due.' };
    case 'host-key-changed':
      return { summary: "The backup server's identity (its SSH host key) is not the one Cairn pinned, so Cairn refused to connect.", hint: 'If the server was reinstalled, confirm its new fingerprint with its owner before pairing again; otherwise someone may be intercepting the connection.' };
    case 'ssh-auth-failed':
      return { summary: "The backup server refused Cairn's SSH key.", hint: "Check that Cairn's key is in the server's authorized_keys for this user (pair with the server again)." };
    case 'path-not-allowed':
      return { summary: 'The server does not allow access to this repository path.', hint: 'Use a path inside the one the server allows for this key (borg serve --restrict-to-path).' };
    case 'archive-not-found':
      return {
        summary: context.archive === undefined ? 'The archive is no longer in the repository: it was deleted or pruned.' : `The archive "${context.archive}" is no longer in the repository: it was deleted or pruned.`,
        hint: 'Refresh the list of archives and choose another one.',
      };
    case 'archive-exists':
      return { summary: 'An archive with this name already exists.', hint: 'Use an archive name template containing {now} so each archive gets a new name.' };
    case 'relocated-repository':
      return { summary: 'Borg refused to use the repository because it was previously at another location.', hint: 'If you moved it on purpose, confirm the new location in Cairn; otherwise check that the location points to the right repository.' };
    case 'unknown-unencrypted':
      return { summary: 'Borg refused to use the repository because it is unencrypted and Cairn did not expect that.', hint: 'If it really is unencrypted, set its encryption to "none" in Cairn; otherwise check that the location points to the right repository.' };
    case 'integrity':
      return { summary: 'Borg found damaged data in the repository.', hint: `Run a check (cairn check ${repo}) and keep your original files until the repository is repaired.` };
    case 'keyfile-missing':
      return { summary: 'The key file for this repository is missing or belongs to another repository.', hint: 'Import the key you exported when the repository was created (borg key import).' };
    case 'disk-full':
      return { summary: 'A disk is full (no space left on device).', hint: "Free space on the backup disk (prune and compact old archives) or on this computer (borg's cache), then try again." };
    case 'interrupted':
      return { summary: 'The operation was interrupted before it finished.', hint: 'Run it again; an interrupted backup continues from its last checkpoint.' };
    case 'borg-missing':
      return { summary: 'Cairn could not find borg (BorgBackup) on this computer.', hint: 'Install it (Debian/Ubuntu: sudo apt install borgbackup; Fedora: sudo dnf install borgbackup; Arch: sudo pacman -S borg; macOS: brew install borgbackup) or set CAIRN_BORG to the borg program.' };
    case 'borg-too-old':
      return { summary: 'The installed borg is too old for Cairn (it needs borg 1.2 or newer).', hint: 'Install borg 1.2 or newer (e.g. pip install --user "borgbackup>=1.2,<2"), or set CAIRN_BORG to a newer borg program.' };
    case 'borg-unsupported':
      return { summary: 'The installed borg is a version Cairn does not support (it needs borg 1.2 to 1.4).', hint: 'Install borg 1.2 or 1.4, or set CAIRN_BORG to such a borg program.' };
    case 'usage':
      return { summary: 'Borg rejected the command Cairn gave it.', hint: "Check the job's extra options; if there are none, this is a bug in Cairn (see the details)." };
    case 'unknown':
      return { summary: 'Borg failed.', hint: "See the details below; Cairn's log has borg's full output." };
  }
}
