import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArgs } from '../../../electron/core/borg/argv/create.js';
import { extractArgs } from '../../../electron/core/borg/argv/extract.js';
import { initArgs } from '../../../electron/core/borg/argv/init.js';
import { listArchivesArgs, listItemsArgs } from '../../../electron/core/borg/argv/list.js';
import { BorgError } from '../../../electron/core/borg/errors.js';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { runBorg } from '../../../electron/core/borg/runner.js';
import type { BorgBinary, BorgRunResult, RepositoryAccess } from '../../../electron/core/borg/types.js';
import { freePort, startSshd, type SshServer } from '../../support/sshd.js';
import { readTree } from '../../support/read-tree.js';
import { tempDir } from '../../support/temp-dir.js';

// Remote repositories through Cairn's real runner, against a private sshd on 127.0.0.1 whose
// authorized_keys forces `borg serve --restrict-to-path`, the way a backup server should be set up.

const PASSPHRASE = 'correct horse battery staple';

let borg: BorgBinary;
beforeAll(async () => {
  borg = await locateBorg();
});

/** authorized_keys line that lets the key run only borg serve, only under `allowed`. */
function restrictedLine(server: SshServer, allowed: string): string {
  // BORG_BASE_DIR keeps the server side of borg out of the real ~/.config and ~/.cache.
  const serve = `BORG_BASE_DIR=${join(server.dir, 'server-home')} ${borg.path} serve --restrict-to-path ${allowed}`;
  return `command="${serve}",restrict ${server.clientPublicKey}`;
}

function repositoryAt(server: SshServer, path: string, knownHostsFile = server.knownHostsFile): RepositoryAccess {
  return {
    url: `ssh://${server.user}@${server.host}:${server.port}${path}`,
    encryption: 'repokey-blake2',
    passphrase: PASSPHRASE,
    ssh: { keyFile: server.clientKey, knownHostsFile },
  };
}

function run(repository: RepositoryAccess, args: readonly string[], cwd?: string): Promise<BorgRunResult> {
  return runBorg(borg, { args, repository, cwd });
}

function expectOk(result: BorgRunResult): void {
  expect(result.error?.message ?? '', JSON.stringify(result.messages)).toBe('');
  expect(result.outcome).toBe('ok');
}

function archiveNames(result: BorgRunResult): string[] {
  const parsed = JSON.parse(result.stdout) as { archives: { name: string }[] };
  return parsed.archives.map((archive) => archive.name);
}


function writeSmallTree(parent: string): string {
  const root = join(parent, 'tree');
  mkdirSync(join(root, 'sub', 'deeper'), { recursive: true });
  writeFileSync(join(root, 'hello.txt'), 'hello over ssh\n');
  writeFileSync(join(root, 'sub', 'random.bin'), randomBytes(300_000));
  writeFileSync(join(root, 'sub', 'deeper', 'empty'), '');
  writeFileSync(join(root, 'sub', 'naïve name.txt'), 'ünïcödé\n');
  return root;
}

function acceptedLogins(server: SshServer): number {
  return (readFileSync(server.logFile, 'utf8').match(/Accepted publickey/g) ?? []).length;
}

/** Plain ssh with the repository's key (stdin closed, so `borg serve` sees EOF at once). */
function plainSsh(server: SshServer, command: string): Promise<{ code: number | null; output: string }> {
  const args = [
    '-F', '/dev/null',
    '-i', server.clientKey,
    '-o', 'IdentitiesOnly=yes',
    '-o', `UserKnownHostsFile=${server.knownHostsFile}`,
    '-o', 'StrictHostKeyChecking=yes',
    '-o', 'BatchMode=yes',
    '-p', String(server.port),
    `${server.user}@${server.host}`,
    command,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Only a guard so a regression cannot wedge the suite; the command ends on its own.
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    });
  });
}

describe('remote repository over ssh with a key restricted to borg serve', () => {
  let server: SshServer;
  let allowed: string;

  beforeAll(async () => {
    server = await startSshd();
    allowed = join(server.dir, 'allowed');
    mkdirSync(allowed);
    server.authorize(restrictedLine(server, allowed));
  });
  afterAll(() => server?.stop());

  it('inits a repokey-blake2 repository, creates an archive, lists it and extracts identical bytes', async () => {
    const repository = repositoryAt(server, `${allowed}/repo`);
    expectOk(await run(repository, initArgs({ encryption: 'repokey-blake2' })));
    expect(existsSync(join(allowed, 'repo', 'config'))).toBe(true);

    const source = tempDir();
    const tree = writeSmallTree(source);
    expectOk(await run(repository, createArgs({ archiveName: 'first', paths: ['tree'], json: true }), source));

    const archives = await run(repository, listArchivesArgs());
    expectOk(archives);
    expect(archiveNames(archives)).toEqual(['first']);

    const items: string[] = [];
    const listed = await runBorg(borg, {
      args: listItemsArgs({ archive: 'first' }),
      repository,
      onStdoutLine: (line) => items.push((JSON.parse(line) as { path: string }).path),
    });
    expectOk(listed);
    expect(items).toEqual(expect.arrayContaining(['tree/hello.txt', 'tree/sub/random.bin', 'tree/sub/deeper/empty']));

    const target = tempDir();
    expectOk(await run(repository, extractArgs({ archive: 'first' }), target));
    const restored = readTree(join(target, 'tree'));
    const original = readTree(tree);
    expect([...restored.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [path, bytes] of original) expect(restored.get(path)?.equals(bytes), path).toBe(true);
  });

  it('refuses a repository outside --restrict-to-path with path-not-allowed and creates nothing there', async () => {
    const outside = join(server.dir, 'outside', 'repo');
    const result = await run(repositoryAt(server, outside), initArgs({ encryption: 'repokey-blake2', makeParentDirs: true }));
    expect(result.outcome).toBe('error');
    expect(result.error).toBeInstanceOf(BorgError);
    expect(result.error?.code).toBe('path-not-allowed');
    expect(existsSync(join(server.dir, 'outside'))).toBe(false);
  });

  it('does not let the restricted key run a shell command', async () => {
    const marker = join(server.dir, 'pwned');
    // A shell would print pwned-42; borg serve only quotes the words back in its usage error.
    const result = await plainSsh(server, `echo pwned-$((6*7)); touch ${marker}`);
    expect(result.output).not.toContain('pwned-42');
    expect(existsSync(marker)).toBe(false);
    expect(result.code).not.toBe(0);
  });

  it('fails with a connection error, without hanging, when nothing listens on the port', async () => {
    const port = await freePort(); // bound and released again: nothing listens there
    const closed = { ...repositoryAt(server, `${allowed}/unreachable`), url: `ssh://${server.user}@${server.host}:${port}${allowed}/unreachable` };
    const result = await run(closed, listArchivesArgs());
    expect(result.outcome).toBe('error');
    expect(result.error).toBeInstanceOf(BorgError);
    expect(result.error?.code).toBe('host-unreachable');
    expect(result.error?.summary).toMatch(/could not be reached/);
    expect(existsSync(join(allowed, 'unreachable'))).toBe(false);
  });
});

describe('remote repository whose server host key changed', () => {
  let server: SshServer;
  let allowed: string;

  beforeAll(async () => {
    server = await startSshd();
    allowed = join(server.dir, 'allowed');
    mkdirSync(allowed);
    server.authorize(restrictedLine(server, allowed));
  });
  afterAll(() => server?.stop());

  it('refuses to connect with the pinned old key, never reaches the repository and does not hang', async () => {
    const repository = repositoryAt(server, `${allowed}/repo`);
    expectOk(await run(repository, initArgs({ encryption: 'repokey-blake2' })));
    const source = tempDir();
    writeSmallTree(source);
    expectOk(await run(repository, createArgs({ archiveName: 'before', paths: ['tree'] }), source));

    await server.regenerateHostKey();
    const loginsBefore = acceptedLogins(server);
    const result = await run(repository, createArgs({ archiveName: 'after', paths: ['tree'] }), source);
    expect(result.outcome).toBe('error');
    expect(result.error).toBeInstanceOf(BorgError);
    expect(result.error?.code).toBe('host-key-changed');
    // ssh stopped at the host key: sshd never logged the client in.
    expect(acceptedLogins(server)).toBe(loginsBefore);

    // Pinning the new key deliberately shows the repository still holds only the first archive.
    const repinned = join(tempDir(), 'known_hosts');
    writeFileSync(repinned, `[${server.host}]:${server.port} ${server.hostPublicKey}\n`);
    const archives = await run(repositoryAt(server, `${allowed}/repo`, repinned), listArchivesArgs());
    expectOk(archives);
    expect(archiveNames(archives)).toEqual(['before']);
  });
});
