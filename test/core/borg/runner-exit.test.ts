import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';

const alive = (pid: number): boolean => {
  try {
    // A zombie waiting for its new parent to reap it counts as gone.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('runBorg when Cairn exits', () => {
  it('stops the running child, which lives in its own process group, when the Node process exits', async () => {
    const dir = tempDir();
    // A separate Node process runs the runner and exits while its child is still running.
    await build({ entryPoints: [join(import.meta.dirname, '../../../electron/core/borg/runner.ts')], bundle: true, platform: 'node', format: 'esm', outfile: join(dir, 'runner.mjs'), logLevel: 'silent', external: ['ssh2'] });
    writeFileSync(
      join(dir, 'main.mjs'),
      `import { runBorg } from './runner.mjs';
       runBorg({ path: '/bin/sleep', version: '1.2.4' }, {
         args: ['60'],
         repository: { url: '/nonexistent', encryption: 'none', passphrase: null },
         onSpawn: (pid) => { console.log(pid); setTimeout(() => process.exit(0), 100); },
       });`,
    );
    const pid = Number(execFileSync(process.execPath, [join(dir, 'main.mjs')], { encoding: 'utf8', timeout: 20_000 }).trim());
    expect(pid).toBeGreaterThan(0);
    const deadline = Date.now() + 5000;
    while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const stillAlive = alive(pid);
    if (stillAlive) process.kill(pid, 'SIGKILL');
    expect(stillAlive).toBe(false);
  });
});
