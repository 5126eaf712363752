import { readFile } from 'node:fs/promises';
import type { Client, ConnectConfig } from 'ssh2';
import { SshError } from './errors.js';
import { hostKeyFromBlob, unreachable, type HostAddress, type HostKey } from './host-key.js';
import { loadSsh2 } from './ssh2.js';

/** What the user already has to log in once: a password, their ssh-agent, or an existing key. */
export type LoginAuth =
  | { password: string }
  | { agent: string }
  | { privateKeyFile: string; passphrase?: string | undefined };

/** How a remote command ended; `bytes` is stdout undecoded (files must round-trip exactly). */
export interface ExecResult {
  code: number | null;
  stdout: string;
  bytes: Buffer;
  stderr: string;
}

/** A logged-in ssh connection that runs commands. */
export interface SshSession {
  /** Runs a command through the login shell; stdin (if given) is written then closed. */
  exec(command: string, stdin?: string | Buffer): Promise<ExecResult>;
  close(): void;
}

async function authConfig(auth: LoginAuth): Promise<Partial<ConnectConfig>> {
  if ('password' in auth) return { password: auth.password, tryKeyboard: true, authHandler: ['password', 'keyboard-interactive'] };
  if ('agent' in auth) return { agent: auth.agent, authHandler: ['agent'] };
  const text = await readFile(auth.privateKeyFile, 'utf8').catch((error: unknown) => {
    throw new SshError('key-unreadable', `Cannot read the key file ${auth.privateKeyFile}: ${(error as Error).message}`);
  });
  const { utils } = await loadSsh2();
  const parsed = utils.parseKey(text, auth.passphrase);
  if (parsed instanceof Error) {
    throw new SshError('key-unreadable', `Cannot use the key ${auth.privateKeyFile}: ${parsed.message}`, {
      hint: 'A passphrase-protected key needs its passphrase.',
    });
  }
  return { privateKey: text, passphrase: auth.passphrase, authHandler: ['publickey'] };
}

/**
 * Logs in to the server, accepting only `expectedHostKey` (confirmed or pinned beforehand), and
 * turns ssh2's failures into SshError codes a person can act on.
 */
export async function openSession(
  address: HostAddress & { user: string },
  auth: LoginAuth,
  expectedHostKey: HostKey,
  options: { timeoutMs?: number; signal?: AbortSignal | undefined } = {},
): Promise<SshSession> {
  const { Client } = await loadSsh2();
  const config = await authConfig(auth);
  const client: Client = new Client();
  let offered: HostKey | undefined;
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      client.end();
      reject(new SshError('interrupted', 'Pairing was cancelled before anything was changed on the server.'));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    client.once('ready', () => {
      options.signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    client.once('error', (error: Error & { level?: string }) => {
      options.signal?.removeEventListener('abort', onAbort);
      client.end();
      if (offered && offered.base64 !== expectedHostKey.base64) {
        reject(new SshError('host-key-rejected', `The server's host key changed during pairing (${offered.fingerprint}); Cairn refused it.`));
      } else if (error.level === 'client-authentication') {
        const how = 'password' in auth ? 'password' : 'agent' in auth ? 'keys in the ssh-agent' : `key ${auth.privateKeyFile}`;
        reject(new SshError('auth-failed', `The server refused the login as ${address.user} with the ${how}.`, {
          hint: 'Check the user name and the password or key; the server may also not allow this login method.',
          cause: error,
        }));
      } else {
        reject(unreachable(address, error));
      }
    });
    if ('password' in auth) {
      // Servers that ask for the password through keyboard-interactive get it for every prompt.
      client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => auth.password)));
    }
    client.connect({
      host: address.host,
      port: address.port,
      username: address.user,
      readyTimeout: options.timeoutMs ?? 20_000,
      hostVerifier: (blob: Buffer) => {
        offered = hostKeyFromBlob(blob);
        return offered.base64 === expectedHostKey.base64;
      },
      ...config,
    });
  });
  return {
    exec: (command, stdin) =>
      new Promise((resolve, reject) => {
        client.exec(command, (error, channel) => {
          if (error) return reject(new SshError('remote-command-failed', `The server would not run a command: ${error.message}`, { cause: error }));
          const chunks: Buffer[] = [];
          let stderr = '';
          let code: number | null = null;
          channel.on('data', (chunk: Buffer) => chunks.push(chunk));
          channel.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
          channel.on('exit', (exitCode: number | null) => (code = exitCode));
          channel.on('close', () => {
            const bytes = Buffer.concat(chunks);
            resolve({ code, stdout: bytes.toString('utf8'), bytes, stderr });
          });
          channel.end(stdin);
        });
      }),
    close: () => client.end(),
  };
}
