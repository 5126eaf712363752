/** Where and how `borg key export` writes the repository key. */
export interface KeyExportOptions {
  /** Target file; the key goes to stdout when left out (not for `qr-html`). */
  file?: string | undefined;
  /** `key` is borg's BORG_KEY text, `paper` hex lines with checksums, `qr-html` a printable page. */
  format?: 'key' | 'paper' | 'qr-html' | undefined;
}

/** argv for `borg key export`; `::` stands for BORG_REPO, since a lone path would be read as the repository. */
export function keyExportArgs(options: KeyExportOptions = {}): string[] {
  const format = options.format ?? 'key';
  if (format === 'qr-html' && options.file === undefined) throw new RangeError('a qr-html key export needs a file');
  return [
    'key',
    'export',
    '--log-json',
    ...(format === 'paper' ? ['--paper'] : format === 'qr-html' ? ['--qr-html'] : []),
    '--',
    '::',
    ...(options.file !== undefined ? [options.file] : []),
  ];
}
