import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArgs } from '../../../electron/core/borg/argv/create.js';
import { initArgs } from '../../../electron/core/borg/argv/init.js';
import { BorgError } from '../../../electron/core/borg/errors.js';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { ensureOk, runBorg } from '../../../electron/core/borg/runner.js';
import type { BorgBinary, RepositoryAccess } from '../../../electron/core/borg/types.js';
import { validateConfig } from '../../../electron/core/config/validate.js';
import type { IndexEvent } from '../../../electron/core/restore/browse-service.js';
import { restoreFromArchive, RestoreTargetError } from '../../../electron/core/restore/restore.js';
import { fileScopedDir } from '../../support/restore-fixture.js';
import { startSshd, type SshServer } from '../../support/sshd.js';
import { testRouter, type TestRouter } from '../../support/router-context.js';
import { tempDir } from '../../support/temp-dir.js';

// Restores that go wrong: the archive vanished, the server went away, the target is read-only or
// full. Each must fail with a sentence a person can act on and leave the target as it was.

const run = promisify(execFile);
let borg: BorgBinary;
beforeAll(async () => {
  borg = await locateBorg();
});

/** A new unencrypted repository (no passphrase needed) holding `src` of `root` as each named archive. */
async function repositoryWith(root: string, url: string, archives: readonly string[], ssh?: RepositoryAccess['ssh']): Promise<RepositoryAccess> {
  const access: RepositoryAccess = { url, encryption: 'none', passphrase: null, ssh };
  ensureOk(await runBorg(borg, { args: initArgs({ encryption: 'none' }), repository: access }));
  for (const name of archives) {
    ensureOk(await runBorg(borg, { args: createArgs({ archiveName: name, paths: ['src'], compression: 'none' }), repository: access, cwd: root }));
  }
  return access;
}

/** Everything under a folder, recursively (names only). */
async function contents(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

/** The pids of a process's children (all threads). */
function childrenOf(pid: number): number[] {
  const tasks = readdirSync(`/proc/${pid}/task`, { encoding: 'utf8' });
  return tasks.flatMap((task) => {
    try {
      return readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}

function descendantsOf(pid: number): number[] {
  return childrenOf(pid).flatMap((child) => [child, ...descendantsOf(child)]);
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Processes anywhere whose command line mentions `text` (a temp path only this test uses). */
function processesMentioning(text: string): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((pid) => commandLine(Number(pid)))
    .filter((line) => line.includes(text));
}

describe('an archive deleted while it is browsed', () => {
  let root: string;
  let router: TestRouter;
  let access: RepositoryAccess;
  const indexEvents: IndexEvent[] = [];

  const shared = fileScopedDir('cairn-gone-');
  beforeAll(async () => {
    root = shared.make();
    await mkdir(join(root, 'src', 'docs'), { recursive: true });
    await writeFile(join(root, 'src', 'docs', 'report.txt'), 'report');
    access = await repositoryWith(root, join(root, 'repo'), ['monday', 'tuesday']);
    router = testRouter({ root: join(root, 'cairn') });
    await router.core.store.save(
      validateConfig({
        version: 1,
        states: [{ id: 'docs', name: 'Docs', folders: [join(root, 'src')] }],
        repositories: [{ id: 'usb', name: 'USB disk', url: access.url, encryption: 'none', passphrase: { source: 'none' } }],
        jobs: [],
      }),
    );
    router.core.browse.subscribe((event) => indexEvents.push(event));
  }, 120_000);

  afterAll(async () => {
    await router?.core.browse.shutdown();
    shared.remove();
  });

  it('still lists the folder from its index, then refuses to restore from it naming the archive and drops its index', async () => {
    await router.core.browse.ensureIndex('usb', 'monday');
    ensureOk(await runBorg(borg, { args: ['delete', '--log-json', '::monday'], repository: access }));

    const listed = await router.invoke('browse.list', { repositoryId: 'usb', archiveName: 'monday', path: 'src/docs' });
    expect(listed.source).toBe('index');
    expect(listed.page?.entries.map((e) => e.name)).toEqual(['report.txt']);

    const target = tempDir();
    router.context.chosenPaths.set('restore-target', new Set([target]));
    const restoring = router.invoke('restore.start', {
      restoreId: 'gone',
      repositoryId: 'usb',
      archiveName: 'monday',
      selection: [{ path: 'src/docs/report.txt', folder: false }],
      target: { kind: 'folder', path: target },
      onConflict: 'keep-both',
    });
    await expect(restoring).rejects.toThrow('The archive "monday" is no longer in the repository: it was deleted or pruned. Refresh the list of archives and choose another one.');
    expect(await contents(target)).toEqual([]); // no file, no staging folder
    // Its index went with the failed restore: the archive is not offered from it any more.
    expect(await router.core.browse.indexState('usb', 'monday')).toBe('none');
    expect((await router.core.browse.archives('usb')).map((a) => a.name)).toEqual(['tuesday']);
  });

  it('opening an archive that is gone and not indexed fails with the same sentence, and so does its index build', async () => {
    ensureOk(await runBorg(borg, { args: ['delete', '--log-json', '::tuesday'], repository: access }));
    const opening = router.invoke('browse.open', { repositoryId: 'usb', archiveName: 'tuesday', path: 'src' });
    await expect(opening).rejects.toThrow(/^The archive "tuesday" is no longer in the repository: it was deleted or pruned\./);
    // browse.open started the index build in the background; it fails the same way.
    await expect(router.core.browse.ensureIndex('usb', 'tuesday')).rejects.toMatchObject({ code: 'archive-not-found' });
    const failed = indexEvents.find((e) => e.archiveName === 'tuesday' && e.state === 'failed');
    expect(failed?.message).toMatch(/^The archive "tuesday" is no longer in the repository/);
    expect(router.core.browse.mounts.list()).toEqual([]);
  });
});

// Mounting needs root (CI and this sandbox run as root); elsewhere these tests say why they are skipped.
const asRoot = process.getuid?.() === 0;

/** A tmpfs at a new folder, unmounted (even when the test fails) by the returned function. */
async function tmpfs(options: string): Promise<{ dir: string; unmount: () => Promise<void> }> {
  const dir = tempDir('cairn-tmpfs-');
  await run('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  return { dir, unmount: async () => void (await run('umount', [dir])) };
}

describe('a target that cannot take the files', () => {
  let root: string;
  let access: RepositoryAccess;
  const shared = fileScopedDir('cairn-target-');
  afterAll(() => shared.remove());
  beforeAll(async () => {
    root = shared.make();
    mkdirSync(join(root, 'src'));
    await writeFile(join(root, 'src', 'big.bin'), randomBytes(3_000_000));
    await writeFile(join(root, 'src', 'small.txt'), 'small');
    access = await repositoryWith(root, join(root, 'repo'), ['a1']);
  }, 120_000);

  it.skipIf(!asRoot)('on a read-only disk (mounted ro; needs root) fails before borg runs, naming the folder, and changes nothing', async () => {
    const disk = await tmpfs('size=4m');
    try {
      await mkdir(join(disk.dir, 'src'));
      await writeFile(join(disk.dir, 'src', 'small.txt'), 'mine');
      await run('mount', ['-o', 'remount,ro', disk.dir]);
      const restoring = restoreFromArchive(borg, access, { archive: 'a1', paths: [], selection: [{ path: 'src', folder: true }], target: disk.dir, onConflict: 'overwrite' });
      await expect(restoring).rejects.toThrow(RestoreTargetError);
      await expect(restoring).rejects.toThrow(`Cairn cannot restore to ${disk.dir}: it is on a read-only disk. Nothing was restored;`);
      expect(await contents(disk.dir)).toEqual(['src', 'src/small.txt']);
      expect(await readFile(join(disk.dir, 'src', 'small.txt'), 'utf8')).toBe('mine');
    } finally {
      await disk.unmount();
    }
  });

  it.skipIf(!asRoot)('on a disk too small (1 MB tmpfs; needs root) fails with "not enough space" naming the target, leaves no partial file and keeps what was there', async () => {
    const disk = await tmpfs('size=1m');
    try {
      await mkdir(join(disk.dir, 'src'));
      await writeFile(join(disk.dir, 'src', 'big.bin'), 'the copy on this disk');
      await writeFile(join(disk.dir, 'notes.txt'), 'unrelated');
      const restoring = restoreFromArchive(borg, access, { archive: 'a1', paths: [], selection: [{ path: 'src', folder: true }], target: disk.dir, onConflict: 'overwrite' });
      await expect(restoring).rejects.toThrow(`There is not enough free space in ${disk.dir} for the restored files. Nothing was restored and no file there was changed;`);
      await expect(restoring).rejects.toMatchObject({ code: 'disk-full' });
      expect(await contents(disk.dir)).toEqual(['notes.txt', 'src', 'src/big.bin']);
      expect(await readFile(join(disk.dir, 'src', 'big.bin'), 'utf8')).toBe('the copy on this disk');
      expect(await readFile(join(disk.dir, 'notes.txt'), 'utf8')).toBe('unrelated');
    } finally {
      await disk.unmount();
    }
  });
  it('never writes through a symlink already in the target: the link is kept (keep-both) or replaced (overwrite), never followed', async () => {
    const target = tempDir();
    const elsewhere = tempDir();
    await symlink(elsewhere, join(target, 'src'));
    await restoreFromArchive(borg, access, { archive: 'a1', paths: [], selection: [{ path: 'src/small.txt', folder: false }], target, onConflict: 'keep-both' });
    expect(await readlink(join(target, 'src'))).toBe(elsewhere);
    expect(await readFile(join(target, 'src (restored)', 'small.txt'), 'utf8')).toBe('small');

    await restoreFromArchive(borg, access, { archive: 'a1', paths: [], selection: [{ path: 'src/small.txt', folder: false }], target, onConflict: 'overwrite' });
    expect((await lstat(join(target, 'src'))).isDirectory()).toBe(true);
    expect(await readFile(join(target, 'src', 'small.txt'), 'utf8')).toBe('small');
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('restores into a target that is itself a link to a folder (e.g. ~/Restore on another disk)', async () => {
    const real = tempDir();
    const target = join(tempDir(), 'Restore');
    await symlink(real, target);
    const summary = await restoreFromArchive(borg, access, { archive: 'a1', paths: [], selection: [{ path: 'src/small.txt', folder: false }], target, onConflict: 'keep-both' });
    expect(summary.failed).toEqual([]);
    expect(await readFile(join(real, 'src', 'small.txt'), 'utf8')).toBe('small');
    expect(await contents(real)).toEqual(['src', 'src/small.txt']);
  });

  it('names a target that is a file, not a folder, before borg runs', async () => {
    const file = join(tempDir(), 'a-file');
    await writeFile(file, 'mine');
    const restoring = restoreFromArchive(borg, access, { archive: 'a1', paths: [], selection: [{ path: 'src', folder: true }], target: file, onConflict: 'keep-both' });
    await expect(restoring).rejects.toThrow(`Cairn cannot restore to ${file}: it is a file, not a folder.`);
    expect(await readFile(file, 'utf8')).toBe('mine');
  });
});

describe('a server that goes away in the middle of a restore', () => {
  let server: SshServer;
  let access: RepositoryAccess;

  beforeAll(async () => {
    server = await startSshd();
    const allowed = join(server.dir, 'allowed');
    mkdirSync(allowed);
    const serve = `BORG_BASE_DIR=${join(server.dir, 'server-home')} ${borg.path} serve --restrict-to-path ${allowed}`;
    server.authorize(`command="${serve}",restrict ${server.clientPublicKey}`);
    const source = tempDir();
    mkdirSync(join(source, 'src'));
    // Random, stored uncompressed: the extract streams all of it and takes a while.
    await writeFile(join(source, 'src', 'big.bin'), randomBytes(96 * 1024 * 1024));
    const url = `ssh://${server.user}@${server.host}:${server.port}${allowed}/repo`;
    access = await repositoryWith(source, url, ['a1'], { keyFile: server.clientKey, knownHostsFile: server.knownHostsFile });
  }, 300_000);

  afterAll(() => server?.stop());

  it('fails with "connection lost", leaves nothing in the target and no borg or ssh process behind', async () => {
    const target = tempDir();
    await writeFile(join(target, 'mine.txt'), 'mine');
    const sshd = Number(readFileSync(join(server.dir, 'sshd.pid'), 'utf8').trim());
    let cut = false;
    const restoring = restoreFromArchive(borg, access, {
      archive: 'a1',
      paths: [],
      selection: [{ path: 'src/big.bin', folder: false }],
      target,
      onConflict: 'keep-both',
      onProgress: (percent) => {
        if (cut || percent === undefined || percent <= 0) return;
        cut = true;
        // The server "goes away": its session processes (sshd's child and borg serve) die at once.
        for (const pid of descendantsOf(sshd)) process.kill(pid, 'SIGKILL');
      },
    });
    const error = await restoring.then(
      () => null,
      (e: unknown) => e,
    );
    expect(cut).toBe(true);
    expect(error).toBeInstanceOf(BorgError);
    expect((error as BorgError).code).toBe('connection-closed');
    expect((error as BorgError).message).toBe('The connection to the backup server was lost. Check the network and that the server is up, then try again.');
    expect(await contents(target)).toEqual(['mine.txt']);
    const ours = childrenOf(process.pid).filter((pid) => pid !== sshd);
    expect(ours.map(commandLine).filter((line) => /borg|ssh/.test(line))).toEqual([]);
    expect(processesMentioning(server.clientKey)).toEqual([]);
    expect(descendantsOf(sshd)).toEqual([]);
  }, 180_000);
});
