import { z } from 'zod';
import type { BorgEvent } from './types.js';

export { LineSplitter } from './line-splitter.js';

// borg sends null for an absent msgid/message in some events; the typed events use undefined.
const optionalString = z.string().nullish().transform((value) => value ?? undefined);
const optionalNumber = z.number().nullish().transform((value) => value ?? undefined);

const logMessageSchema = z
  .object({
    type: z.literal('log_message'),
    time: z.number(),
    levelname: z.string(),
    name: z.string(),
    message: z.string(),
    msgid: optionalString,
  })
  .transform((e): BorgEvent => ({ type: 'log_message', time: e.time, levelname: e.levelname, name: e.name, message: e.message, msgid: e.msgid }));

const archiveProgressSchema = z
  .object({
    type: z.literal('archive_progress'),
    time: z.number(),
    finished: z.boolean(),
    original_size: optionalNumber,
    compressed_size: optionalNumber,
    deduplicated_size: optionalNumber,
    nfiles: optionalNumber,
    path: optionalString,
  })
  .transform(
    (e): BorgEvent => ({
      type: 'archive_progress',
      time: e.time,
      finished: e.finished,
      originalSize: e.original_size,
      compressedSize: e.compressed_size,
      deduplicatedSize: e.deduplicated_size,
      nfiles: e.nfiles,
      path: e.path,
    }),
  );

const progressPercentSchema = z
  .object({
    type: z.literal('progress_percent'),
    time: z.number(),
    finished: z.boolean(),
    msgid: optionalString,
    message: optionalString,
    current: optionalNumber,
    total: optionalNumber,
  })
  .transform(
    (e): BorgEvent => ({
      type: 'progress_percent',
      time: e.time,
      finished: e.finished,
      msgid: e.msgid,
      message: e.message,
      current: e.current,
      total: e.total,
    }),
  );

const progressMessageSchema = z
  .object({
    type: z.literal('progress_message'),
    time: z.number(),
    finished: z.boolean(),
    msgid: optionalString,
    message: optionalString,
  })
  .transform((e): BorgEvent => ({ type: 'progress_message', time: e.time, finished: e.finished, msgid: e.msgid, message: e.message }));

const fileStatusSchema = z
  .object({ type: z.literal('file_status'), status: z.string(), path: z.string() })
  .transform((e): BorgEvent => ({ type: 'file_status', status: e.status, path: e.path }));

// question_prompt, question_env_answer, question_accepted_true/false, question_invalid_answer, question_prompt_retry.
const questionSchema = z
  .object({ type: z.string().regex(/^question_[a-z_]+$/), msgid: optionalString, message: z.string() })
  .transform((e): BorgEvent => ({ type: 'question', kind: e.type.slice('question_'.length), msgid: e.msgid, message: e.message }));

const schemaByType: Readonly<Record<string, z.ZodType<BorgEvent, unknown>>> = {
  log_message: logMessageSchema,
  archive_progress: archiveProgressSchema,
  progress_percent: progressPercentSchema,
  progress_message: progressMessageSchema,
  file_status: fileStatusSchema,
};

/** Parses one `--log-json` stderr line; anything that is not a known JSON event becomes `raw`. */
export function parseBorgEvent(line: string): BorgEvent {
  const raw: BorgEvent = { type: 'raw', line };
  if (!line.trimStart().startsWith('{')) return raw;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return raw;
  }
  if (typeof value !== 'object' || value === null || !('type' in value) || typeof value.type !== 'string') return raw;
  const schema = value.type.startsWith('question_') ? questionSchema : schemaByType[value.type];
  if (schema === undefined) return raw;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : raw;
}

// A prompt borg wrote without a line end (e.g. "Enter new passphrase: ") glued to the next JSON event.
const gluedEvent = /^(.*?)(\{".*)$/s;

/** Parses one stderr line into its events: usually one, two when prompt text is glued to a JSON event. */
export function parseBorgLine(line: string): BorgEvent[] {
  const event = parseBorgEvent(line);
  if (event.type !== 'raw') return [event];
  const match = gluedEvent.exec(line);
  const prefix = match?.[1];
  const json = match?.[2];
  if (prefix === undefined || json === undefined || prefix.length === 0) return [event];
  const tail = parseBorgEvent(json);
  return tail.type === 'raw' ? [event] : [{ type: 'raw', line: prefix.trimEnd() }, tail];
}
