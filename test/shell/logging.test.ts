import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { setupLogging } from '../../electron/shell/logging.js';
import { tempDir } from '../support/temp-dir.js';

describe('the app log', () => {
  it('writes to the given log folder and masks every secret it was told about, in text and in errors', async () => {
    const dir = tempDir();
    const log = setupLogging(dir);
    log.addSecret('hunter2 horse');
    log.info('resolved passphrase hunter2 horse for Disk');
    log.error('borg failed:', new Error('BORG said hunter2 horse'));
    const text = await readFile(log.file, 'utf8');
    expect(log.file.startsWith(dir)).toBe(true);
    expect(text).toContain('resolved passphrase *** for Disk');
    expect(text).toContain('BORG said ***');
    expect(text).not.toContain('hunter2');
  });
});
