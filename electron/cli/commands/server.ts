import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatBytes } from '../../core/format.js';
import { SshError } from '../../core/ssh/errors.js';
import { addClient, defaultAuthorizedKeysFile, listClients } from '../../core/ssh/server-role.js';
import type { CliContext } from '../context.js';
import { table } from '../output.js';

interface AddClientCliOptions {
  key: string;
  path: string;
  appendOnly?: boolean;
  quota?: string;
  authorizedKeys?: string;
  borg?: string;
  serveEnv: string[];
}

/** A public key given literally or as the path of a .pub file. */
async function publicKeyFrom(value: string): Promise<string> {
  if (/^(ssh-|ecdsa-|sk-)\S+\s+\S/.test(value.trim())) return value;
  return readFile(resolve(value), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new SshError('invalid-input', `--key is neither a public key line nor a readable file: ${error.message}`);
  });
}

function ago(date: Date | null, now: number): string {
  if (!date) return 'never';
  const hours = (now - date.getTime()) / 3_600_000;
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))} min ago`;
  return hours < 48 ? `${Math.round(hours)} h ago` : `${Math.round(hours / 24)} days ago`;
}


/** `cairn server add-client|list`: the backup server's side, like NixOS `services.borgbackup.repos`. */
export function registerServer(program: Command, context: () => CliContext): void {
  const server = program.command('server').description('this machine as a backup server: clients restricted to borg serve');

  server
    .command('add-client <name>')
    .description("let a client back up here: its key may only run borg serve in its directory")
    .requiredOption('--key <pubkey>', "the client's public key (a .pub file or the key line itself)")
    .requiredOption('--path <dir>', "the client's directory (created 0700 for the current user)")
    .option('--append-only', 'the client can add backups but not delete them (recommended)')
    .option('--quota <size>', 'storage quota, e.g. 500G')
    .option('--authorized-keys <file>', 'authorized_keys to edit (default: ~/.ssh/authorized_keys)')
    .option('--borg <path>', 'borg for the forced command (default: the borg Cairn finds here)')
    .option('--serve-env <NAME=VALUE>', 'BORG_* variable for borg serve (repeatable)', (value: string, all: string[]) => [...all, value], [])
    .action(async (name: string, options: AddClientCliOptions) => {
      const { core, output } = context();
      const borgPath = options.borg ?? (await core.borg()).path;
      const result = await addClient({
        name,
        publicKey: await publicKeyFrom(options.key),
        path: resolve(options.path),
        appendOnly: options.appendOnly === true,
        quota: options.quota,
        authorizedKeysFile: resolve(options.authorizedKeys ?? defaultAuthorizedKeysFile()),
        borgPath,
        serveEnvironment: Object.fromEntries(options.serveEnv.map((pair) => [pair.slice(0, Math.max(0, pair.indexOf('='))), pair.slice(pair.indexOf('=') + 1)])),
      });
      if (output.json) return output.out(JSON.stringify(result));
      if (result.directoryCreated) output.out(`Created ${resolve(options.path)} (mode 0700).`);
      output.out(result.keyAdded ? `Added client ${name}: ${result.line}` : `Client ${name} was already set up; nothing changed.`);
    });

  server
    .command('list')
    .description("each client's repository, size and last backup; flags clients that stopped backing up")
    .option('--authorized-keys <file>', 'authorized_keys to read (default: ~/.ssh/authorized_keys)')
    .option('--stale-days <days>', 'flag clients with no backup for this many days', '3')
    .action(async (options: { authorizedKeys?: string; staleDays: string }) => {
      const { output } = context();
      const staleDays = Number(options.staleDays);
      if (!Number.isFinite(staleDays) || staleDays <= 0) throw new Error(`--stale-days must be a positive number: ${options.staleDays}`);
      const clients = await listClients({ authorizedKeysFile: resolve(options.authorizedKeys ?? defaultAuthorizedKeysFile()), staleDays });
      if (output.json) return output.out(JSON.stringify(clients));
      if (clients.length === 0) return output.out('No clients yet. Add one: cairn server add-client NAME --key KEY.pub --path DIR --append-only');
      const now = Date.now();
      output.out(
        table(
          ['CLIENT', 'PATH', 'SIZE', 'LAST BACKUP', 'LIMITS', ''],
          clients.map((c) => [
            c.name,
            c.path,
            c.sizeBytes === null ? 'missing' : formatBytes(c.sizeBytes),
            ago(c.lastActivity, now),
            [c.appendOnly ? 'append-only' : '', c.quota ? `quota ${c.quota}` : ''].filter(Boolean).join(', ') || '-',
            c.stale ? `STALE (> ${staleDays} d)` : '',
          ]),
        ),
      );
    });
}
