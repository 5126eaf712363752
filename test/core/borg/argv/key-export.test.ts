import { describe, expect, it } from 'vitest';
import { keyExportArgs } from '../../../../electron/core/borg/argv/key-export.js';

describe('keyExportArgs', () => {
  it('exports to a file, as paper or as a QR page, with :: standing for the repository', () => {
    expect(keyExportArgs({ file: '/tmp/key.txt' })).toEqual(['key', 'export', '--log-json', '--', '::', '/tmp/key.txt']);
    expect(keyExportArgs({ file: '/tmp/key.txt', format: 'paper' })).toEqual(['key', 'export', '--log-json', '--paper', '--', '::', '/tmp/key.txt']);
    expect(keyExportArgs({ file: '/tmp/key.html', format: 'qr-html' })).toEqual(['key', 'export', '--log-json', '--qr-html', '--', '::', '/tmp/key.html']);
  });

  it('writes to stdout without a file, except for the QR page', () => {
    expect(keyExportArgs()).toEqual(['key', 'export', '--log-json', '--', '::']);
    expect(() => keyExportArgs({ format: 'qr-html' })).toThrow(RangeError);
  });
});
