import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noteRepositoryLocation } from '../../../electron/core/repositories/init.js';
import { tempDir } from '../../support/temp-dir.js';

function makeRepositoryFiles(path: string): void {
  mkdirSync(join(path, 'data'), { recursive: true });
  writeFileSync(join(path, 'config'), '[repository]\n');
}

describe('noteRepositoryLocation', () => {
  it('removes a missing location again, with the parent folders made for it, up to the first that existed', async () => {
    const root = tempDir();
    const target = join(root, 'a', 'b', 'repo');
    const undo = await noteRepositoryLocation(target);
    makeRepositoryFiles(target);
    await undo();
    expect(existsSync(join(root, 'a'))).toBe(false);
    expect(existsSync(root)).toBe(true);
  });

  it('empties an empty folder the user picked but keeps the folder itself, with its mode', async () => {
    const picked = join(tempDir(), 'picked');
    mkdirSync(picked, { mode: 0o750 });
    const undo = await noteRepositoryLocation(picked);
    makeRepositoryFiles(picked);
    await undo();
    expect(readdirSync(picked)).toEqual([]);
    expect(statSync(picked).mode & 0o777).toBe(0o750);
  });

  it('never touches a folder that held anything before, nor a file, nor an ssh location', async () => {
    const used = join(tempDir(), 'used');
    mkdirSync(used);
    writeFileSync(join(used, 'thesis.tex'), 'mine');
    const undoUsed = await noteRepositoryLocation(used);
    makeRepositoryFiles(used);
    await undoUsed();
    expect(readdirSync(used).sort()).toEqual(['config', 'data', 'thesis.tex']);

    const file = join(tempDir(), 'file');
    writeFileSync(file, 'x');
    await (await noteRepositoryLocation(file))();
    expect(existsSync(file)).toBe(true);

    await expect((await noteRepositoryLocation('ssh://ann@nas:2222/./backups'))()).resolves.toBeUndefined();
  });
});
