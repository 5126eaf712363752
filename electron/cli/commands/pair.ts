import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { encryptionModes, type EncryptionMode } from '../../core/config/schema.js';
import type { HostKey } from '../../core/ssh/host-key.js';
import { isPassphraseProtected } from '../../core/ssh/keys.js';
import { pairWithServer, type LoginAuth } from '../../core/ssh/pair.js';
import { addRepositoryFromCli } from '../add-repository.js';
import type { CliContext } from '../context.js';
import type { Output } from '../output.js';
import { askHidden, newPassphrase } from '../prompt.js';

interface PairCliOptions {
  host: string;
  port: string;
  user: string;
  path: string;
  appendOnly?: boolean;
  quota?: string;
  passwordStdin?: boolean;
  identity?: string;
  yesFingerprint?: string;
  replaceHostKey?: string;
  encryption: string;
  passphraseCommand?: string;
  passphraseStdin?: boolean;
  existing?: boolean;
  authorizedKeys?: string;
  remoteBorg?: string;
  serveEnv: string[];
}

/** Lines of standard input, read once to its end (password first, then the passphrase). */
function stdinLines(): () => Promise<string> {
  let lines: Promise<string[]> | undefined;
  let next = 0;
  return async () => {
    lines ??= (async () => {
      const all: string[] = [];
      for await (const line of createInterface({ input: process.stdin })) all.push(line);
      return all;
    })();
    const line = (await lines)[next++];
    if (line === undefined) throw new Error('Standard input ended early: expected the password and/or passphrase, one per line.');
    return line;
  };
}

function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolveAnswer) => {
    rl.question(question, (answer) => {
      rl.close();
      resolveAnswer(/^y(es)?$/i.test(answer.trim()));
    });
  });
}

/** The fingerprint check: an exact --yes-fingerprint for scripts, or the user's answer on a terminal. */
function fingerprintConfirmation(options: PairCliOptions, output: Output): (fingerprint: string, key: HostKey) => Promise<boolean> {
  return async (fingerprint, key) => {
    if (options.yesFingerprint !== undefined) {
      if (options.yesFingerprint === fingerprint) return true;
      output.err(`The server offers host key ${fingerprint}, not the expected ${options.yesFingerprint}.`);
      return false;
    }
    if (!process.stdin.isTTY) {
      output.err(`The server's host key is ${fingerprint} (${key.type}). Check it on the server, then pass --yes-fingerprint ${fingerprint}.`);
      return false;
    }
    output.err(`The server's host key fingerprint is ${fingerprint} (${key.type}).`);
    output.err(`Compare it with the output of this command run on the server: ssh-keygen -lf /etc/ssh/ssh_host_${key.type.replace(/^ssh-|-.*$/g, '')}_key.pub`);
    return askYesNo('Is this the server you mean? [y/N] ');
  };
}

function encryptionFrom(value: string): EncryptionMode {
  if (!(encryptionModes as readonly string[]).includes(value)) throw new Error(`Unknown encryption mode "${value}"; use one of: ${encryptionModes.join(', ')}.`);
  return value as EncryptionMode;
}

function serveEnvironment(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new Error(`--serve-env needs NAME=VALUE: ${pair}`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

async function loginAuth(options: PairCliOptions, line: () => Promise<string>): Promise<LoginAuth> {
  if (options.passwordStdin && options.identity) throw new Error('Use either --password-stdin or --identity, not both.');
  if (options.passwordStdin) return { password: await line() };
  if (options.identity) {
    const privateKeyFile = resolve(options.identity);
    if (!(await isPassphraseProtected(privateKeyFile))) return { privateKeyFile };
    if (!process.stdin.isTTY) throw new Error(`${privateKeyFile} is passphrase-protected: add it to an ssh-agent (ssh-add) and leave out --identity.`);
    return { privateKeyFile, passphrase: await askHidden(`Passphrase of ${privateKeyFile}: `) };
  }
  const agent = process.env.SSH_AUTH_SOCK;
  if (!agent) throw new Error('No way to log in: pass --password-stdin or --identity FILE, or run an ssh-agent (SSH_AUTH_SOCK).');
  return { agent };
}

/** `cairn repos pair`: set up a backup server over ssh, then add the repository on it. */
export function registerPair(program: Command, context: () => CliContext): void {
  const repos = program.commands.find((command) => command.name() === 'repos') ?? program.command('repos');
  repos
    .command('pair <name>')
    .description("pair with a backup server over ssh: pin its host key, install Cairn's key restricted to borg serve, create the repository")
    .requiredOption('--host <host>', 'server name or address')
    .option('--port <port>', 'ssh port', '22')
    .requiredOption('--user <user>', 'user on the server that owns the backups')
    .requiredOption('--path <dir>', 'directory on the server the key is confined to (the repository goes there)')
    .option('--append-only', 'this computer can add backups but never delete them (recommended)')
    .option('--quota <size>', 'storage quota on the server, e.g. 500G')
    .option('--password-stdin', 'log in once with the password on the first line of standard input')
    .option('--identity <file>', 'log in once with this existing private key (default: the ssh-agent)')
    .option('--yes-fingerprint <fingerprint>', "the server's expected host key fingerprint (SHA256:…), for scripts")
    .option('--replace-host-key <fingerprint>', 'accept this new host key fingerprint in place of the pinned one (after checking it on the server)')
    .option('--encryption <mode>', `encryption of the new repository (${encryptionModes.join(', ')})`, 'repokey-blake2')
    .option('--passphrase-command <command>', 'get the passphrase from this command instead of the keychain')
    .option('--passphrase-stdin', 'read the passphrase from standard input (the line after the password, if any)')
    .option('--existing', 'connect the existing repository at the path instead of creating one')
    .option('--authorized-keys <file>', 'authorized_keys file on the server', '.ssh/authorized_keys')
    .option('--remote-borg <command>', 'borg on the server (default: borg in its PATH)')
    .option('--serve-env <NAME=VALUE>', 'BORG_* variable for borg serve on the server (repeatable)', (value: string, all: string[]) => [...all, value], [])
    .action(async (name: string, options: PairCliOptions) => {
      const ctx = context();
      const { core, output } = ctx;
      const encryption = encryptionFrom(options.encryption);
      const line = stdinLines();
      const sshDir = join(core.paths.dataDir, 'ssh');
      const result = await pairWithServer({
        host: options.host,
        port: Number(options.port),
        user: options.user,
        auth: await loginAuth(options, line),
        path: options.path,
        appendOnly: options.appendOnly === true,
        quota: options.quota,
        confirmHostKey: fingerprintConfirmation(options, output),
        onStep: (step) => {
          if (!output.json) output.err(`${step.remote ? '[server] ' : ''}${step.message}`);
        },
        keyDir: sshDir,
        knownHostsFile: join(sshDir, 'known_hosts'),
        authorizedKeysFile: options.authorizedKeys === '.ssh/authorized_keys' ? undefined : options.authorizedKeys,
        remoteBorg: options.remoteBorg,
        serveEnvironment: serveEnvironment(options.serveEnv),
        replacePinnedHostKey: options.replaceHostKey,
      });
      const repository = await addRepositoryFromCli(ctx, {
        name,
        url: result.url,
        encryption,
        passphraseCommand: options.passphraseCommand,
        newPassphrase: () => (options.passphraseStdin ? line() : newPassphrase(false)),
        ssh: result.ssh,
        init: options.existing !== true,
        notFoundHint: 'To create a new repository there, leave out --existing.',
      }).catch((error: unknown) => {
        output.err(`The server is paired (Cairn's key stays in its authorized_keys), but the repository could not be ${options.existing ? 'opened' : 'created'}:`);
        throw error;
      });
      if (output.json) return output.out(JSON.stringify({ repository, pairing: result }));
      output.out(`Paired with ${options.host} and ${options.existing ? 'connected' : 'created'} repository ${repository.name} at ${repository.url}.`);
      if (!options.existing && encryption !== 'none') {
        output.out(`Keep a copy of its key somewhere safe:  cairn repos key-export ${repository.name} ~/cairn-${repository.id}.key`);
      }
    });
}
