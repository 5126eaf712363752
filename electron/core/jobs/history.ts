import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runRecordSchema, type RunOutcome, type RunRecord } from './run-record.js';

export { runOutcomes, runRecordSchema, type RunOutcome, type RunRecord } from './run-record.js';

const MAX_MESSAGES = 200;

/** The history file: one JSON record a line, only ever appended to, so a crash loses at most one line. */
export class RunHistory {
  constructor(private readonly file: string) {}

  async append(record: RunRecord): Promise<void> {
    const kept = { ...record, messages: record.messages.slice(-MAX_MESSAGES) };
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    await appendFile(this.file, JSON.stringify(runRecordSchema.parse(kept)) + '\n', { mode: 0o600 });
  }

  /** Every readable record, oldest first; a torn or foreign line is skipped, not fatal. */
  async all(): Promise<RunRecord[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records: RunRecord[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const parsed = runRecordSchema.safeParse(JSON.parse(line));
        if (parsed.success) records.push(parsed.data);
      } catch {
        /* a line cut short by a crash */
      }
    }
    return records;
  }

  /** The newest runs first, of one job or of all. */
  async recent(options: { jobId?: string; limit?: number } = {}): Promise<RunRecord[]> {
    const records = (await this.all()).filter((r) => options.jobId === undefined || r.jobId === options.jobId);
    return records.reverse().slice(0, options.limit ?? 20);
  }

  /** The newest run of a job that ended with the given outcomes (e.g. the last success). */
  async last(jobId: string, outcomes: readonly RunOutcome[]): Promise<RunRecord | undefined> {
    return (await this.recent({ jobId, limit: Number.MAX_SAFE_INTEGER })).find((r) => outcomes.includes(r.outcome));
  }
}
