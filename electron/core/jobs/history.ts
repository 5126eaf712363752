import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

export const runOutcomes = ['ok', 'warning', 'error', 'cancelled', 'skipped'] as const;

const messageSchema = z.object({
  level: z.enum(['warning', 'error']),
  message: z.string(),
  msgid: z.string().optional(),
  time: z.number(),
});

/** One run of a job, as kept forever in the append-only history. */
export const runRecordSchema = z.object({
  id: z.string(),
  jobId: z.string(),
  repositoryId: z.string(),
  trigger: z.enum(['manual', 'schedule', 'catch-up', 'cli']),
  start: z.string(),
  end: z.string(),
  outcome: z.enum(runOutcomes),
  /** One sentence saying why, for anything but ok. */
  reason: z.string().optional(),
  /** What to do about it, when Cairn knows. */
  hint: z.string().optional(),
  errorCode: z.string().optional(),
  archiveName: z.string().optional(),
  stats: z
    .object({
      nfiles: z.number(),
      originalSize: z.number(),
      compressedSize: z.number(),
      deduplicatedSize: z.number(),
      durationSeconds: z.number(),
    })
    .optional(),
  pruned: z.boolean().default(false),
  checked: z.boolean().default(false),
  messages: z.array(messageSchema).default([]),
});

export type RunRecord = z.infer<typeof runRecordSchema>;
export type RunOutcome = RunRecord['outcome'];

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
