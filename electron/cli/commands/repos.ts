import type { Command } from 'commander';
import { resolve } from 'node:path';
import { breakLockArgs } from '../../core/borg/argv/break-lock.js';
import { keyExportArgs } from '../../core/borg/argv/key-export.js';
import { ensureOk, runBorg } from '../../core/borg/runner.js';
import { findRepository } from '../../core/config/edit.js';
import { encryptionModes, type EncryptionMode } from '../../core/config/schema.js';
import { listArchives } from '../../core/repositories/archives.js';
import { forgetRepository } from '../../core/repositories/forget.js';
import { setPassphrase } from '../../core/secrets/keychain.js';
import { addRepositoryFromCli } from '../add-repository.js';
import type { CliContext } from '../context.js';
import { table } from '../output.js';
import { newPassphrase } from '../prompt.js';

interface AddOptions {
  encryption: string;
  init?: boolean;
  passphraseCommand?: string;
  passphraseStdin?: boolean;
  sshKey?: string;
  knownHosts?: string;
  removable?: boolean;
}

function encryptionFrom(value: string): EncryptionMode {
  if (!(encryptionModes as readonly string[]).includes(value)) {
    throw new Error(`Unknown encryption mode "${value}"; use one of: ${encryptionModes.join(', ')}.`);
  }
  return value as EncryptionMode;
}

/** `cairn repos add|list|remove|passphrase|key-export`: where backups go. */
export function registerRepos(program: Command, context: () => CliContext): void {
  const repos = program.command('repos').description('where backups go: local disks and SSH servers');

  repos
    .command('add <name> <url>')
    .description('add a repository (a local path, ssh://user@host:port/path or user@host:path)')
    .option('--init', 'create a new borg repository there (otherwise connect an existing one)')
    .option('--encryption <mode>', `encryption of a new repository (${encryptionModes.join(', ')})`, 'repokey-blake2')
    .option('--passphrase-command <command>', 'get the passphrase from this command instead of the keychain')
    .option('--passphrase-stdin', 'read the passphrase from the first line of standard input')
    .option('--ssh-key <file>', 'private key for this server')
    .option('--known-hosts <file>', "pinned known_hosts file for this server (Cairn's own)")
    .option('--removable', 'a disk that is not always connected: skip runs while it is absent')
    .action(async (name: string, url: string, options: AddOptions) => {
      const ctx = context();
      const { output } = ctx;
      const encryption = encryptionFrom(options.encryption);
      const repository = await addRepositoryFromCli(ctx, {
        name,
        url,
        encryption,
        passphraseCommand: options.passphraseCommand,
        newPassphrase: () => newPassphrase(options.passphraseStdin === true),
        ssh: { keyFile: options.sshKey, knownHostsFile: options.knownHosts },
        removable: options.removable,
        init: options.init === true,
      });
      if (output.json) return output.out(JSON.stringify(repository));
      output.out(`${options.init ? 'Created' : 'Connected'} repository ${repository.name} at ${repository.url}.`);
      if (options.init && encryption !== 'none') {
        output.out(
          `Keep a copy of its key somewhere safe: without key and passphrase nobody can restore.\n` +
            `  cairn repos key-export ${repository.name} ~/cairn-${repository.id}.key   (or --paper to print it)`,
        );
      }
    });

  repos
    .command('list')
    .description('list repositories')
    .action(async () => {
      const { core, output } = context();
      const { config } = await core.store.load();
      if (output.json) return output.out(JSON.stringify(config.repositories));
      if (config.repositories.length === 0) return output.out('No repositories yet. Add one: cairn repos add NAME URL --init');
      output.out(
        table(
          ['NAME', 'ID', 'URL', 'ENCRYPTION', 'PASSPHRASE'],
          config.repositories.map((r) => [r.name, r.id, r.url, r.encryption, r.passphrase.source]),
        ),
      );
    });

  repos
    .command('remove <name>')
    .description("forget a repository no job uses (its data on disk is left alone)")
    .action(async (name: string) => {
      const { core, output } = context();
      const repository = await forgetRepository(core.store, name);
      output.out(output.json ? JSON.stringify({ removed: repository.name }) : `Removed repository ${repository.name}; its archives were not touched.`);
    });

  repos
    .command('passphrase <name>')
    .description('store the passphrase of a repository in the keychain (checked against the repository first)')
    .option('--passphrase-stdin', 'read the passphrase from the first line of standard input')
    .action(async (name: string, options: { passphraseStdin?: boolean }) => {
      const { core, output } = context();
      const { config } = await core.store.load();
      const repository = findRepository(config, name);
      if (repository.passphrase.source !== 'keychain') throw new Error(`${repository.name} does not keep its passphrase in the keychain.`);
      const passphrase = await newPassphrase(options.passphraseStdin === true);
      // Check it opens the repository before replacing what the keychain holds.
      const access = { url: repository.url, encryption: repository.encryption, passphrase, ssh: repository.ssh };
      await listArchives(await core.borg(), access, { lockWait: config.settings.lockWaitSeconds });
      await setPassphrase(repository.id, passphrase);
      output.out(`Stored the passphrase of ${repository.name} in the keychain.`);
    });

  repos
    .command('break-lock <name>')
    .description('remove a lock left by a borg process that is gone (only when nothing else uses the repository)')
    .action(async (name: string) => {
      const { core, output } = context();
      const { config } = await core.store.load();
      const repository = findRepository(config, name);
      // borg already removes stale locks of dead processes on this host by itself; this is for the
      // rest (another host, a hung `borg serve`), so it is only ever done on request.
      ensureOk(await runBorg(await core.borg(), { args: breakLockArgs(), repository: await core.access(repository) }));
      output.out(`Removed the locks of ${repository.name}.`);
    });

  repos
    .command('key-export <name> <file>')
    .description("save the repository's key (needed with the passphrase to restore if the key is lost)")
    .option('--paper', 'a printable text version')
    .action(async (name: string, file: string, options: { paper?: boolean }) => {
      const { core, output } = context();
      const { config } = await core.store.load();
      const repository = findRepository(config, name);
      ensureOk(
        await runBorg(await core.borg(), {
          args: keyExportArgs({ file: resolve(file), format: options.paper ? 'paper' : 'key' }),
          repository: await core.access(repository),
        }),
      );
      output.out(`Saved the key of ${repository.name} to ${file}. Keep it apart from this computer.`);
    });
}
