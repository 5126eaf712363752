import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BorgError } from '../../../electron/core/borg/errors.js';
import { clearBorgLocationCache, locateBorg, parseBorgVersion } from '../../../electron/core/borg/locate.js';
import { tempDir } from '../../support/temp-dir.js';

/** A folder holding a `borg` script that prints the given version. */
function fakeBorg(version: string, dir = join(tempDir(), 'bin')): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'borg');
  writeFileSync(path, `#!/bin/sh\necho "${version}"\n`);
  chmodSync(path, 0o755);
  return dir;
}

async function refusal(promise: Promise<unknown>): Promise<BorgError> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(BorgError);
  return error as BorgError;
}

const isolated = { loginShell: false, commonDirs: [] } as const;

beforeEach(() => clearBorgLocationCache());

describe('parseBorgVersion', () => {
  it('reads release, patch-less and pre-release versions', () => {
    expect(parseBorgVersion('borg 1.2.4\n')).toEqual({ major: 1, minor: 2, patch: 4, text: '1.2.4' });
    expect(parseBorgVersion('borg.exe 1.4.0rc1')).toEqual({ major: 1, minor: 4, patch: 0, text: '1.4.0rc1' });
    expect(parseBorgVersion('borg 2.0')).toEqual({ major: 2, minor: 0, patch: 0, text: '2.0' });
    expect(parseBorgVersion('Python 3.11')).toBeNull();
  });
});

describe('locateBorg', () => {
  it('finds the installed borg and reads its version', async () => {
    const borg = await locateBorg();
    expect(borg.path).toMatch(/\/borg$/);
    expect(borg.version).toMatch(/^1\.(2|4)\./);
  });

  it('caches the answer', () => {
    expect(locateBorg()).toBe(locateBorg());
  });

  it('says how to install borg when it is nowhere', async () => {
    const error = await refusal(locateBorg({ env: { PATH: tempDir(), HOME: tempDir() }, ...isolated }));
    expect(error.code).toBe('borg-missing');
    expect(error.hint).toContain('apt install borgbackup');
    expect(error.hint).toContain('brew install borgbackup');
  });

  it('refuses borg older than 1.2', async () => {
    const error = await refusal(locateBorg({ env: { PATH: fakeBorg('borg 1.1.18'), HOME: tempDir() }, ...isolated }));
    expect(error.code).toBe('borg-too-old');
    expect(error.message).toContain('1.1.18');
  });

  it('refuses borg 2, whose command line differs', async () => {
    const error = await refusal(locateBorg({ env: { PATH: fakeBorg('borg 2.0.0b8'), HOME: tempDir() }, ...isolated }));
    expect(error.code).toBe('borg-unsupported');
  });

  it('passes over an old borg early in PATH for a newer one later', async () => {
    const newer = fakeBorg('borg 1.4.1');
    const borg = await locateBorg({ env: { PATH: `${fakeBorg('borg 1.1.18')}:${newer}`, HOME: tempDir() }, ...isolated });
    expect(borg).toEqual({ path: join(newer, 'borg'), version: '1.4.1' });
  });

  it('uses CAIRN_BORG first, and says so when it points nowhere', async () => {
    const chosen = fakeBorg('borg 1.2.8');
    const borg = await locateBorg({ env: { CAIRN_BORG: join(chosen, 'borg'), PATH: '/usr/bin:/bin', HOME: tempDir() }, ...isolated });
    expect(borg).toEqual({ path: join(chosen, 'borg'), version: '1.2.8' });
    const error = await refusal(locateBorg({ env: { CAIRN_BORG: '/nonexistent/borg', PATH: '/usr/bin:/bin' }, ...isolated }));
    expect(error.code).toBe('borg-missing');
    expect(error.message).toContain('CAIRN_BORG');
  });

  it("finds borg in the login shell's PATH when the app's PATH lacks it", async () => {
    const home = tempDir();
    const bin = fakeBorg('borg 1.2.7', join(home, 'tools'));
    writeFileSync(join(home, '.bash_profile'), 'echo "Welcome back"\nPATH="$HOME/tools:$PATH"\nexport PATH\n');
    const borg = await locateBorg({ env: { PATH: tempDir(), HOME: home, SHELL: '/bin/bash' }, commonDirs: [] });
    expect(borg).toEqual({ path: join(bin, 'borg'), version: '1.2.7' });
  });

  it('falls back to the usual install folders', async () => {
    const dir = fakeBorg('borg 1.2.6');
    const borg = await locateBorg({ env: { PATH: tempDir(), HOME: tempDir() }, loginShell: false, commonDirs: ['/nonexistent', dir] });
    expect(borg).toEqual({ path: join(dir, 'borg'), version: '1.2.6' });
  });
});
