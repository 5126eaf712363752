import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, userEnv } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

/** The README's walkthrough, exactly as a reader sees it. */
async function walkthroughFromReadme(): Promise<string> {
  const readme = await readFile(resolve(import.meta.dirname, '../../README.md'), 'utf8');
  const section = /<!-- walkthrough:start -->\s*```sh\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(readme);
  if (!section?.[1]) throw new Error('README.md has no walkthrough block');
  return section[1];
}

describe('the README walkthrough', () => {
  it('works exactly as written: back up two folders, lose a file, restore it byte for byte', async () => {
    const home = tempDir('cairn-walkthrough-');
    const script = `set -euo pipefail\ncairn() { "${process.execPath}" "${CLI}" "$@"; }\n${await walkthroughFromReadme()}`;
    const run = await new Promise<{ code: number | null; output: string }>((done) => {
      const child = spawn('bash', ['-c', script], { env: userEnv(home), cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.on('close', (code) => done({ code, output }));
    });
    expect(run.output).toContain('Hello World!');
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/Created repository backup-disk/);
    expect(run.output).toMatch(/laptop: archive \S+-laptop-\d{4}-\d\d-\d\dT/);
    expect(run.output).toMatch(/Restored 1 file\(s\)/);
    expect(await readFile(join(home, 'demo/documents/welcome.md'), 'utf8')).toBe('Hello World!\n');
    // The passphrase went to the keychain, not into Cairn's files.
    const config = await readFile(join(home, '.config/Cairn/config.json'), 'utf8');
    expect(config).toContain('"source": "keychain"');
    expect(config).not.toContain('correct horse');
  }, 120_000);
});
