import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunHistory, type RunRecord } from '../../../electron/core/jobs/history.js';
import { tempDir } from '../../support/temp-dir.js';

function record(jobId: string, outcome: RunRecord['outcome'], end: string): RunRecord {
  return { id: `${jobId}-${end}`, jobId, repositoryId: 'r', trigger: 'manual', start: end, end, outcome, pruned: false, checked: false, messages: [] };
}

describe('RunHistory', () => {
  it('appends records and returns the newest first, per job', async () => {
    const history = new RunHistory(join(tempDir(), 'history.jsonl'));
    await history.append(record('a', 'ok', '2026-01-01T00:00:00.000Z'));
    await history.append(record('b', 'error', '2026-01-02T00:00:00.000Z'));
    await history.append(record('a', 'error', '2026-01-03T00:00:00.000Z'));
    expect((await history.recent({ jobId: 'a' })).map((r) => r.end)).toEqual(['2026-01-03T00:00:00.000Z', '2026-01-01T00:00:00.000Z']);
    expect((await history.last('a', ['ok']))?.end).toBe('2026-01-01T00:00:00.000Z');
    expect(await history.recent({ limit: 1 })).toHaveLength(1);
  });

  it('only ever appends: earlier lines stay byte for byte', async () => {
    const file = join(tempDir(), 'history.jsonl');
    const history = new RunHistory(file);
    await history.append(record('a', 'ok', '2026-01-01T00:00:00.000Z'));
    const before = await readFile(file, 'utf8');
    await history.append(record('a', 'ok', '2026-01-02T00:00:00.000Z'));
    expect((await readFile(file, 'utf8')).startsWith(before)).toBe(true);
  });

  it('skips a line torn by a crash instead of losing the whole history', async () => {
    const file = join(tempDir(), 'history.jsonl');
    const history = new RunHistory(file);
    await history.append(record('a', 'ok', '2026-01-01T00:00:00.000Z'));
    await appendFile(file, '{"id":"half-writ');
    await appendFile(file, '\n');
    await history.append(record('a', 'warning', '2026-01-02T00:00:00.000Z'));
    expect((await history.all()).map((r) => r.outcome)).toEqual(['ok', 'warning']);
  });

  it('reads a missing file as an empty history', async () => {
    expect(await new RunHistory(join(tempDir(), 'none.jsonl')).all()).toEqual([]);
  });
});
