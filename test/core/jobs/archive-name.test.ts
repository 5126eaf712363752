import { describe, expect, it } from 'vitest';
import { archiveGlob, expandArchiveName } from '../../../electron/core/jobs/archive-name.js';

const values = { hostname: 'alice-laptop', job: 'documents', user: 'alice', now: new Date(2026, 3, 14, 3, 53, 34) };

describe('archive names', () => {
  it('expands hostname, job and local time like borg would', () => {
    expect(expandArchiveName('{hostname}-{job}-{now}', values)).toBe('alice-laptop-documents-2026-04-14T03:53:34');
  });

  it('expands utcnow and user', () => {
    expect(expandArchiveName('{user}@{utcnow}', values)).toBe(`alice@${values.now.toISOString().slice(0, 19)}`);
  });

  it('leaves no braces or slashes that borg would misread', () => {
    expect(expandArchiveName('{nope}/{job}-{now}', values)).toBe('nope-documents-2026-04-14T03:53:34');
  });

  it('matches only the archives of its own template when pruning', () => {
    expect(archiveGlob('{hostname}-{job}-{now}', values)).toBe('alice-laptop-documents-*');
    expect(archiveGlob('[x]{job}?{now}', values)).toBe('[[]x[]]documents[?]*');
  });
});
