import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExcludeFile, writePatternsFile } from '../../../electron/core/borg/pattern-files.js';
import { tempDir } from '../../support/temp-dir.js';

describe('pattern files', () => {
  it('writes one pattern per line, readable only by the owner', async () => {
    const dir = tempDir();
    const path = await writePatternsFile(dir, ['R /home/me', 'P sh', '- **/node_modules', '! /home/me/.cache']);
    expect(path).toBe(join(dir, 'patterns.lst'));
    expect(readFileSync(path, 'utf8')).toBe('R /home/me\nP sh\n- **/node_modules\n! /home/me/.cache\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('writes excludes under their own name and makes an existing file private too', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'excludes.lst'), 'old\n', { mode: 0o644 });
    const path = await writeExcludeFile(dir, ['sh:**/*.tmp']);
    expect(readFileSync(path, 'utf8')).toBe('sh:**/*.tmp\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses a pattern containing a line break, which would add a pattern nobody wrote', async () => {
    await expect(writePatternsFile(tempDir(), ['- a\n+ /etc/shadow'])).rejects.toThrow(RangeError);
  });
});
