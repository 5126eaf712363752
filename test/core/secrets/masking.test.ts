import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../../electron/core/secrets/masking.js';

describe('maskSecrets', () => {
  it('replaces every occurrence of every secret by ***', () => {
    expect(maskSecrets('pw=hunter2; again hunter2; key=s3cr3t', ['hunter2', 's3cr3t'])).toBe('pw=***; again ***; key=***');
  });

  it('masks a longer secret whole even when it contains a shorter one', () => {
    expect(maskSecrets('token abc123xyz', ['abc', 'abc123xyz'])).toBe('token ***');
  });

  it('treats secrets literally, not as patterns', () => {
    expect(maskSecrets('a.b*c and axbbc', ['a.b*c'])).toBe('*** and axbbc');
  });

  it('ignores empty secrets instead of masking between every character', () => {
    expect(maskSecrets('plain text', ['', 'zzz'])).toBe('plain text');
  });
});
