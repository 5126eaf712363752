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
  /** The run's full log (borg's messages and hook output), secrets masked. */
  logFile: z.string().optional(),
});

export type RunRecord = z.infer<typeof runRecordSchema>;
export type RunOutcome = RunRecord['outcome'];
