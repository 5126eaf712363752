import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../electron/core/config/schema.js';
import type { RunRecord } from '../../../electron/core/jobs/run-record.js';
import { archiveOwner, globToRegExp } from '../../../electron/core/repositories/archive-owner.js';

const config = configSchema.parse({
  version: 1,
  states: [{ id: 'docs', name: 'Docs', folders: ['/home/ann/Documents'] }],
  repositories: [{ id: 'usb', name: 'USB', url: '/media/usb/borg' }],
  jobs: [
    { id: 'hourly', name: 'Hourly', stateIds: ['docs'], repositoryId: 'usb' },
    { id: 'odd', name: 'Odd', stateIds: ['docs'], repositoryId: 'usb', archiveNameTemplate: 'weird[1]?-{utcnow}' },
  ],
});
const identity = { hostname: 'laptop', user: 'ann' };

function run(jobId: string, archiveName: string): RunRecord {
  return { id: archiveName, jobId, repositoryId: 'usb', trigger: 'manual', start: '', end: '', outcome: 'ok', archiveName, pruned: false, checked: false, messages: [] };
}

describe('globToRegExp', () => {
  it('matches whole names: * anything, ? one character, [c] a literal', () => {
    expect(globToRegExp('laptop-hourly-*').test('laptop-hourly-2024-01-01T10:00:00')).toBe(true);
    expect(globToRegExp('laptop-hourly-*').test('x-laptop-hourly-1')).toBe(false);
    expect(globToRegExp('a?c').test('abc')).toBe(true);
    expect(globToRegExp('weird[[]1[]][?]-*').test('weird[1]?-2024')).toBe(true);
    expect(globToRegExp('weird[[]1[]][?]-*').test('weird[1]x-2024')).toBe(false);
    expect(globToRegExp('v1.0-*').test('v1x0-a')).toBe(false);
  });
});

describe('archiveOwner', () => {
  it('names the job from the run history first, then from the job templates, else null', () => {
    const owner = archiveOwner(config.jobs, identity, [run('odd', 'laptop-hourly-made-by-odd'), run('gone', 'laptop-hourly-of-a-removed-job')]);
    expect(owner('laptop-hourly-made-by-odd')).toBe('odd');
    expect(owner('laptop-hourly-2024-01-01T10:00:00')).toBe('hourly');
    // A removed job's archive falls back to the templates.
    expect(owner('laptop-hourly-of-a-removed-job')).toBe('hourly');
    expect(owner('weird[1]?-2024-01-01T10:00:00')).toBe('odd');
    expect(owner('desktop-hourly-2024-01-01T10:00:00')).toBeNull();
  });
});
