import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../../electron/core/api/contract.js';
import type { RunRecord } from '../../../../electron/core/jobs/run-record.js';
import { jobHealth, overallHealth } from '../../../../renderer/views/dashboard/health.js';

const now = new Date('2026-03-10T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

function run(outcome: RunRecord['outcome'], reason?: string): RunRecord {
  return { id: 'r1', jobId: 'laptop', repositoryId: 'disk', trigger: 'manual', start: daysAgo(0), end: daysAgo(0), outcome, reason, pruned: false, checked: false, messages: [] };
}

function job(lastRun: RunRecord | null, lastSuccessAt: string | null): JobStatus {
  return { id: 'laptop', name: 'Laptop', repositoryId: 'disk', repositoryName: 'Disk', schedule: 'daily at 12:00', state: 'idle', lastRun, lastSuccessAt, nextRunAt: null, repositoryStats: null };
}

const scheduled = { staleAfterDays: 3, manual: false, now };

describe('jobHealth', () => {
  it('is fine after a recent success', () => {
    expect(jobHealth(job(run('ok'), daysAgo(1)), scheduled)).toEqual({ level: 'ok', reason: null });
  });

  it("puts a failed last run first, with the run's own reason", () => {
    expect(jobHealth(job(run('error', 'The disk is full.'), daysAgo(10)), scheduled)).toEqual({ level: 'error', reason: 'The disk is full.' });
  });

  it('warns about a scheduled job whose last success is older than the setting, but not about a manual one', () => {
    expect(jobHealth(job(run('ok'), daysAgo(5)), scheduled)).toEqual({ level: 'warning', reason: 'No successful backup for 5 days.' });
    expect(jobHealth(job(run('ok'), daysAgo(5)), { ...scheduled, manual: true }).level).toBe('ok');
  });

  it('warns about a job that never made a backup', () => {
    expect(jobHealth(job(null, null), scheduled)).toEqual({ level: 'warning', reason: 'It has not been backed up yet.' });
  });
});

describe('overallHealth', () => {
  it('counts the jobs needing attention and names the worst one', () => {
    const health = overallHealth([
      { name: 'Photos', health: { level: 'warning', reason: 'No successful backup for 5 days.' } },
      { name: 'Laptop', health: { level: 'error', reason: 'The disk is full.' } },
      { name: 'Music', health: { level: 'ok', reason: null } },
    ]);
    expect(health).toEqual({ level: 'error', count: 2, worst: { name: 'Laptop', reason: 'The disk is full.' } });
  });

  it('is all good when no job needs attention', () => {
    expect(overallHealth([{ name: 'Music', health: { level: 'ok', reason: null } }])).toEqual({ level: 'ok', count: 0, worst: null });
  });
});
