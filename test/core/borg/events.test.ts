import { describe, expect, it } from 'vitest';
import { LineSplitter, parseBorgEvent, parseBorgLine } from '../../../electron/core/borg/events.js';

// Captured from borg 1.2.4 (BORG_NOTES.md §1 and the --progress output of compact here).
const samples = {
  passphraseWrong:
    '{"type": "log_message", "time": 1795288683.4179485, "message": "passphrase supplied in BORG_PASSPHRASE, by BORG_PASSCOMMAND or via BORG_PASSPHRASE_FD is incorrect.", "levelname": "ERROR", "name": "borg.archiver", "msgid": "PassphraseWrong"}',
  missingSource:
    '{"type": "log_message", "time": 1795288660.1131427, "message": "/nonexistent/path: open_root: [Errno 2] No such file or directory: \'/nonexistent\'", "levelname": "WARNING", "name": "borg.archiver"}',
  archiveProgress:
    '{"original_size": 20714060, "compressed_size": 20714576, "deduplicated_size": 20514394, "nfiles": 8, "path": "big/big1.bin", "time": 1795288644.1879325, "type": "archive_progress", "finished": false}',
  archiveFinished: '{"time": 1795288646.7434692, "type": "archive_progress", "finished": true}',
  extractPercent:
    '{"message": "  3.9% Extracting: big/big1.bin", "current": 20714008, "total": 314772806, "info": ["big/big1.bin"], "operation": 1, "msgid": "extract", "type": "progress_percent", "finished": false, "time": 1795288653.8456187}',
  compactPercent:
    '{"message": "Compacting segments   0%", "current": 1, "total": 7, "info": null, "operation": 1, "msgid": "repository.compact_segments", "type": "progress_percent", "finished": false, "time": 1795292914.0307143}',
  percentFinished: '{"operation": 1, "msgid": "repository.compact_segments", "type": "progress_percent", "finished": true, "time": 1795292914.032813}',
  progressMessage:
    '{"message": "Initializing cache transaction: Reading config", "operation": 1, "msgid": "cache.begin_transaction", "type": "progress_message", "finished": false, "time": 1795288643.9734614}',
  fileStatus: '{"type": "file_status", "status": "A", "path": "src/docs/rand.bin"}',
  questionPrompt:
    '{"type": "question_prompt", "msgid": "BORG_RELOCATED_REPO_ACCESS_IS_OK", "message": "Warning: The repository at location /tmp/borgx/rn-moved was previously located at /tmp/borgx/rn\\nDo you want to continue? [yN] "}',
  questionAcceptedFalse: '{"type": "question_accepted_false", "msgid": "BORG_RELOCATED_REPO_ACCESS_IS_OK", "message": "Aborting."}',
  gluedPrompt:
    'Enter new passphrase: {"type": "log_message", "time": 1795292905.0304742, "message": "can not acquire a passphrase: BORG_PASSPHRASE is not set. BORG_PASSCOMMAND is not set. Interactive password query failed.", "levelname": "ERROR", "name": "borg.archiver", "msgid": "NoPassphraseFailure"}',
};

describe('parseBorgEvent', () => {
  it('reads an error log_message with its msgid', () => {
    expect(parseBorgEvent(samples.passphraseWrong)).toEqual({
      type: 'log_message',
      time: 1795288683.4179485,
      levelname: 'ERROR',
      name: 'borg.archiver',
      message: 'passphrase supplied in BORG_PASSPHRASE, by BORG_PASSCOMMAND or via BORG_PASSPHRASE_FD is incorrect.',
      msgid: 'PassphraseWrong',
    });
  });

  it('reads a warning without msgid', () => {
    expect(parseBorgEvent(samples.missingSource)).toEqual({
      type: 'log_message',
      time: 1795288660.1131427,
      levelname: 'WARNING',
      name: 'borg.archiver',
      message: "/nonexistent/path: open_root: [Errno 2] No such file or directory: '/nonexistent'",
      msgid: undefined,
    });
  });

  it('maps archive_progress sizes to camelCase, and reads the final event that has no sizes', () => {
    expect(parseBorgEvent(samples.archiveProgress)).toEqual({
      type: 'archive_progress',
      time: 1795288644.1879325,
      finished: false,
      originalSize: 20714060,
      compressedSize: 20714576,
      deduplicatedSize: 20514394,
      nfiles: 8,
      path: 'big/big1.bin',
    });
    expect(parseBorgEvent(samples.archiveFinished)).toEqual({
      type: 'archive_progress',
      time: 1795288646.7434692,
      finished: true,
      originalSize: undefined,
      compressedSize: undefined,
      deduplicatedSize: undefined,
      nfiles: undefined,
      path: undefined,
    });
  });

  it('reads progress_percent events, including info: null and the bare finished event', () => {
    expect(parseBorgEvent(samples.extractPercent)).toEqual({
      type: 'progress_percent',
      time: 1795288653.8456187,
      finished: false,
      msgid: 'extract',
      message: '  3.9% Extracting: big/big1.bin',
      current: 20714008,
      total: 314772806,
    });
    expect(parseBorgEvent(samples.compactPercent)).toMatchObject({ type: 'progress_percent', current: 1, total: 7, msgid: 'repository.compact_segments' });
    expect(parseBorgEvent(samples.percentFinished)).toEqual({
      type: 'progress_percent',
      time: 1795292914.032813,
      finished: true,
      msgid: 'repository.compact_segments',
      message: undefined,
      current: undefined,
      total: undefined,
    });
  });

  it('reads progress_message and file_status events', () => {
    expect(parseBorgEvent(samples.progressMessage)).toEqual({
      type: 'progress_message',
      time: 1795288643.9734614,
      finished: false,
      msgid: 'cache.begin_transaction',
      message: 'Initializing cache transaction: Reading config',
    });
    expect(parseBorgEvent(samples.fileStatus)).toEqual({ type: 'file_status', status: 'A', path: 'src/docs/rand.bin' });
  });

  it('turns question_* events into one question type with the kind', () => {
    expect(parseBorgEvent(samples.questionPrompt)).toEqual({
      type: 'question',
      kind: 'prompt',
      msgid: 'BORG_RELOCATED_REPO_ACCESS_IS_OK',
      message: 'Warning: The repository at location /tmp/borgx/rn-moved was previously located at /tmp/borgx/rn\nDo you want to continue? [yN] ',
    });
    expect(parseBorgEvent(samples.questionAcceptedFalse)).toEqual({
      type: 'question',
      kind: 'accepted_false',
      msgid: 'BORG_RELOCATED_REPO_ACCESS_IS_OK',
      message: 'Aborting.',
    });
  });

  it('keeps non-JSON lines, unknown types and wrong shapes as raw', () => {
    for (const line of [
      'borg create: error: unrecognized arguments: --bogus',
      '{not json',
      '{"type": "something_new", "time": 1}',
      '{"type": "log_message", "message": "no time or level"}',
      '{"type": "file_status", "status": 5, "path": "x"}',
      '[1, 2]',
      '',
    ]) {
      expect(parseBorgEvent(line)).toEqual({ type: 'raw', line });
    }
  });
});

describe('parseBorgLine', () => {
  it('splits prompt text glued to the following JSON event', () => {
    expect(parseBorgLine(samples.gluedPrompt)).toEqual([
      { type: 'raw', line: 'Enter new passphrase:' },
      expect.objectContaining({ type: 'log_message', msgid: 'NoPassphraseFailure', levelname: 'ERROR' }),
    ]);
  });

  it('returns one event for an ordinary line', () => {
    expect(parseBorgLine(samples.fileStatus)).toEqual([{ type: 'file_status', status: 'A', path: 'src/docs/rand.bin' }]);
    expect(parseBorgLine('usage: borg create [-h]')).toEqual([{ type: 'raw', line: 'usage: borg create [-h]' }]);
  });
});

describe('LineSplitter', () => {
  it('keeps a partial line across chunks and returns it when flushed', () => {
    const splitter = new LineSplitter();
    const whole = `${samples.archiveProgress}\n${samples.fileStatus}\n${samples.archiveFinished}`;
    const cut1 = 37;
    const cut2 = samples.archiveProgress.length + 20;
    expect(splitter.push(whole.slice(0, cut1))).toEqual([]);
    expect(splitter.push(whole.slice(cut1, cut2))).toEqual([samples.archiveProgress]);
    expect(splitter.push(whole.slice(cut2))).toEqual([samples.fileStatus]);
    expect(splitter.flush()).toEqual([samples.archiveFinished]);
    expect(splitter.flush()).toEqual([]);
  });

  it('parses every event of a stream cut into 7-byte chunks', () => {
    const lines = Object.values(samples).filter((line) => !line.startsWith('Enter'));
    const bytes = Buffer.from(lines.map((line) => `${line}\n`).join(''));
    const splitter = new LineSplitter();
    const out: string[] = [];
    for (let offset = 0; offset < bytes.length; offset += 7) out.push(...splitter.push(bytes.subarray(offset, offset + 7)));
    out.push(...splitter.flush());
    expect(out).toEqual(lines);
    expect(out.map((line) => parseBorgEvent(line).type)).not.toContain('raw');
  });

  it('does not break a UTF-8 character split between two chunks', () => {
    const line = '{"type": "file_status", "status": "A", "path": "photos/Ünïcødé-日本.jpg"}';
    const bytes = Buffer.from(`${line}\n`);
    const splitAt = bytes.indexOf(Buffer.from('日')) + 1; // inside the 3-byte character
    const splitter = new LineSplitter();
    expect(splitter.push(bytes.subarray(0, splitAt))).toEqual([]);
    const lines = splitter.push(bytes.subarray(splitAt));
    expect(lines).toEqual([line]);
    expect(parseBorgEvent(lines[0] ?? '')).toEqual({ type: 'file_status', status: 'A', path: 'photos/Ünïcødé-日本.jpg' });
  });

  it('returns empty lines between two line ends and drops a trailing carriage return', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('a\r\n\nb\n')).toEqual(['a', '', 'b']);
    expect(splitter.flush()).toEqual([]);
  });

  it('completes a long line delivered in many chunks with no line end', () => {
    const splitter = new LineSplitter();
    for (let i = 0; i < 1000; i += 1) expect(splitter.push('x')).toEqual([]);
    expect(splitter.push('y\nz')).toEqual([`${'x'.repeat(1000)}y`]);
    expect(splitter.flush()).toEqual(['z']);
  });
});
