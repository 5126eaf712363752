import { describe, expect, it } from 'vitest';
import { problemId, sentence } from '../../../electron/core/notify/texts.js';

describe('notice wording', () => {
  it('turns a record fragment into a sentence without touching names of settings', () => {
    expect(sentence('the disk of USB disk is not connected (/media/usb)')).toBe('The disk of USB disk is not connected (/media/usb).');
    expect(sentence('preHook failed (exit 1)')).toBe('preHook failed (exit 1).');
    expect(sentence('Already a sentence!')).toBe('Already a sentence!');
    expect(sentence('   ')).toBeUndefined();
    expect(sentence(undefined)).toBeUndefined();
  });

  it('shortens a very long reason (a path, a hook output line) to fit a notification', () => {
    const long = sentence(`cannot read ${'/very/long/path'.repeat(40)}`);
    expect(long!.length).toBeLessThanOrEqual(180);
    expect(long!.endsWith('…')).toBe(true);
  });

  it('identifies a problem regardless of the counts and numbers in its reason', () => {
    expect(problemId('The backup finished with 3 warning(s): a: Errno 13')).toBe(problemId('The backup finished with 12 warning(s): a: Errno 13'));
    expect(problemId('The backup finished with 3 warning(s): a')).not.toBe(problemId('The backup finished with 3 warning(s): b'));
    expect(problemId(undefined)).toBe('unknown');
  });
});
