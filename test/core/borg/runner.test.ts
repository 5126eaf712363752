import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArgs } from '../../../electron/core/borg/argv/create.js';
import { infoArgs } from '../../../electron/core/borg/argv/info.js';
import { initArgs } from '../../../electron/core/borg/argv/init.js';
import { listArchivesArgs, listItemsArgs } from '../../../electron/core/borg/argv/list.js';
import { BorgError } from '../../../electron/core/borg/errors.js';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { ensureOk, runBorg } from '../../../electron/core/borg/runner.js';
import type { BorgBinary, BorgEvent, RepositoryAccess } from '../../../electron/core/borg/types.js';
import { tempDir } from '../../support/temp-dir.js';

const passphrase = `correct horse ${Math.random().toString(36).slice(2)} battery`;
let borg: BorgBinary;
let root: string;
let repo: RepositoryAccess;
let source: string;

const encrypted = (url: string, secret: string | null = passphrase): RepositoryAccess => ({ url, encryption: 'repokey-blake2', passphrase: secret, name: 'test-repo' });

beforeAll(async () => {
  borg = await locateBorg();
  root = mkdtempSync(join(tmpdir(), 'cairn-runner-'));
  source = join(root, 'data');
  mkdirSync(join(source, 'docs', 'deep'), { recursive: true });
  writeFileSync(join(source, 'docs', 'a.txt'), 'hello\n');
  writeFileSync(join(source, 'docs', 'deep', 'b.txt'), 'world\n');
  writeFileSync(join(source, 'docs', 'ünïcødé 日本.txt'), 'multibyte\n');
  repo = encrypted(join(root, 'repo'));
  ensureOk(await runBorg(borg, { args: initArgs({ encryption: 'repokey-blake2' }), repository: repo }));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('runBorg with a real borg', () => {
  it('creates an archive of a small tree, streaming events and returning the --json result', async () => {
    const events: BorgEvent[] = [];
    const result = await runBorg(borg, {
      args: createArgs({ archiveName: 'first', paths: ['docs'], progress: true, list: true, json: true }),
      repository: repo,
      cwd: source,
      onEvent: (event) => events.push(event),
    });
    expect(result.outcome).toBe('ok');
    expect(result.exitCode).toBe(0);
    expect(result.error).toBeUndefined();
    const document = JSON.parse(result.stdout) as { archive: { name: string; stats: { nfiles: number } }; encryption: { mode: string } };
    expect(document.archive.name).toBe('first');
    expect(document.archive.stats.nfiles).toBe(3);
    expect(document.encryption.mode).toBe('repokey-blake2');
    expect(events).toContainEqual({ type: 'file_status', status: 'A', path: 'docs/ünïcødé 日本.txt' });
    expect(events.some((e) => e.type === 'archive_progress' && e.finished)).toBe(true);
    expect(events.filter((e) => e.type === 'raw')).toEqual([]);
  });

  it('lists archives as one JSON document and items line by line', async () => {
    const archives = ensureOk(await runBorg(borg, { args: listArchivesArgs({ lockWait: 10 }), repository: repo }));
    const list = JSON.parse(archives.stdout) as { archives: Array<{ name: string }> };
    expect(list.archives.map((a) => a.name)).toContain('first');

    const lines: string[] = [];
    const items = await runBorg(borg, { args: listItemsArgs({ archive: 'first' }), repository: repo, onStdoutLine: (line) => lines.push(line) });
    expect(items.outcome).toBe('ok');
    expect(items.stdout).toBe('');
    const paths = lines.map((line) => (JSON.parse(line) as { path: string }).path);
    expect(paths).toEqual(expect.arrayContaining(['docs', 'docs/a.txt', 'docs/deep/b.txt', 'docs/ünïcødé 日本.txt']));
  });

  it('never shows the passphrase in the command line or environment of the running borg', async () => {
    let seen: { cmdline: string; environ: string } | undefined;
    let poll: NodeJS.Timeout | undefined;
    const result = await runBorg(borg, {
      args: createArgs({ archiveName: 'secret-check', paths: ['docs'], progress: true }),
      repository: repo,
      cwd: source,
      onSpawn: (pid) => {
        // Wait until the fork has become borg (python) before reading its /proc entries.
        poll = setInterval(() => {
          try {
            const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
            if (!cmdline.includes('secret-check')) return;
            seen = { cmdline, environ: readFileSync(`/proc/${pid}/environ`, 'utf8') };
            clearInterval(poll);
          } catch {
            // not readable yet, or already gone
          }
        }, 2);
      },
    });
    clearInterval(poll);
    expect(result.outcome).toBe('ok');
    expect(seen).toBeDefined();
    const { cmdline, environ } = seen ?? { cmdline: '', environ: '' };
    expect(cmdline).toContain('::secret-check');
    expect(environ).toContain('BORG_PASSPHRASE_FD=3');
    expect(environ).toContain(`BORG_REPO=${repo.url}`);
    expect(cmdline).not.toContain(passphrase);
    expect(environ).not.toContain(passphrase);
    expect(environ).not.toContain('BORG_PASSPHRASE=');
  });

  it('reports a wrong passphrase as passphrase-wrong', async () => {
    const result = await runBorg(borg, { args: listArchivesArgs(), repository: encrypted(repo.url, 'wrong passphrase') });
    expect(result.outcome).toBe('error');
    expect(result.exitCode).toBe(2);
    expect(result.error).toBeInstanceOf(BorgError);
    expect(result.error?.code).toBe('passphrase-wrong');
    expect(result.error?.hint).toContain('cairn repos passphrase test-repo');
    expect(result.messages).toContainEqual(expect.objectContaining({ level: 'error', msgid: 'PassphraseWrong' }));
    expect(() => ensureOk(result)).toThrow(result.error);
  });

  it('reports a missing passphrase for an encrypted repository at once instead of prompting', async () => {
    const result = await runBorg(borg, { args: listArchivesArgs(), repository: encrypted(repo.url, null) });
    expect(result.outcome).toBe('error');
    expect(result.error?.code).toBe('no-passphrase');
  });

  it('reports a missing repository as repository-not-found', async () => {
    const result = await runBorg(borg, { args: listArchivesArgs(), repository: encrypted(join(root, 'nowhere')) });
    expect(result.error?.code).toBe('repository-not-found');
  });

  it('reports a folder that is not a repository as not-a-repository', async () => {
    const result = await runBorg(borg, { args: infoArgs(), repository: encrypted(source) });
    expect(result.error?.code).toBe('not-a-repository');
  });

  it('finishes with a warning, and still creates the archive, when a source folder is missing', async () => {
    const result = await runBorg(borg, {
      args: createArgs({ archiveName: 'partial', paths: ['docs', 'gone'], json: true }),
      repository: repo,
      cwd: source,
    });
    expect(result.outcome).toBe('warning');
    expect(result.exitCode).toBe(1);
    expect(result.error).toBeUndefined();
    expect(result.messages).toContainEqual(expect.objectContaining({ level: 'warning', message: expect.stringContaining('gone') }));
    expect((JSON.parse(result.stdout) as { archive: { name: string } }).archive.name).toBe('partial');
    expect(ensureOk(result)).toBe(result);
  });

  it('refuses a moved repository quickly instead of asking whether to continue', async () => {
    const moved = join(root, 'repo-moved');
    cpSync(repo.url, moved, { recursive: true });
    const events: BorgEvent[] = [];
    const result = await runBorg(borg, { args: listArchivesArgs(), repository: encrypted(moved), onEvent: (e) => events.push(e) });
    expect(result.error?.code).toBe('relocated-repository');
    expect(result.durationMs).toBeLessThan(15_000);
    expect(events).toContainEqual(expect.objectContaining({ type: 'question', kind: 'prompt', msgid: 'BORG_RELOCATED_REPO_ACCESS_IS_OK' }));
  });

  it('opens an unknown unencrypted repository only when the user configured it as unencrypted', async () => {
    const url = join(root, 'plain');
    const plain: RepositoryAccess = { url, encryption: 'none', passphrase: null };
    ensureOk(await runBorg(borg, { args: initArgs({ encryption: 'none' }), repository: plain }));
    // A fresh borg home has never seen this repository.
    const otherHome = { BORG_BASE_DIR: tempDir('cairn-borg-home2-') };
    const refused = await runBorg(borg, { args: listArchivesArgs(), repository: { ...plain, encryption: 'repokey-blake2' }, extraEnv: otherHome });
    expect(refused.error?.code).toBe('unknown-unencrypted');
    const accepted = await runBorg(borg, { args: listArchivesArgs(), repository: plain, extraEnv: otherHome });
    expect(accepted.outcome).toBe('ok');
  });

  it('rejects with borg-missing when borg cannot be started', async () => {
    const missing = runBorg({ path: join(root, 'no-borg-here'), version: '1.2.4' }, { args: listArchivesArgs(), repository: repo });
    await expect(missing).rejects.toMatchObject({ name: 'BorgError', code: 'borg-missing' });
  });

  it('rejects with a usage error when the working folder does not exist', async () => {
    const run = runBorg(borg, { args: listArchivesArgs(), repository: repo, cwd: join(root, 'no-such-dir') });
    await expect(run).rejects.toMatchObject({ code: 'usage' });
  });
});
