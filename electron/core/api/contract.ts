// The one list of what the window may ask of the core and what it hears back. The main process
// validates every message against it (the renderer is untrusted); the renderer gets its types.
import { z } from 'zod';
import { runRecordSchema } from '../jobs/run-record.js';

const jobRef = z.object({ jobId: z.string().min(1).max(64) }).strict();

/** One job as the dashboard and the tray show it. */
export const jobStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  repositoryName: z.string(),
  schedule: z.string(),
  state: z.enum(['running', 'queued', 'idle']),
  lastRun: runRecordSchema.nullable(),
  lastSuccessAt: z.string().nullable(),
});

export const runProgressSchema = z.object({
  runId: z.string(),
  jobId: z.string(),
  phase: z.enum(['starting', 'pre-hooks', 'create', 'prune', 'compact', 'check', 'post-hooks']),
  files: z.number().optional(),
  originalSize: z.number().optional(),
  deduplicatedSize: z.number().optional(),
  path: z.string().optional(),
  percent: z.number().optional(),
  message: z.string().optional(),
});

/** Every method: its input and output schemas. */
export const methods = {
  'status.get': { input: z.object({}).strict(), output: z.object({ jobs: z.array(jobStatusSchema) }) },
  'backup.start': {
    input: jobRef,
    output: z.object({ status: z.enum(['started', 'queued', 'already-running', 'already-queued']), message: z.string().optional() }),
  },
  'backup.cancel': { input: jobRef, output: z.object({ cancelled: z.boolean() }) },
  'runs.recent': {
    input: z.object({ jobId: z.string().min(1).max(64).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.array(runRecordSchema),
  },
} as const;

/** Where the window should go when the tray or a notification opens it. */
export const navigationTargetSchema = z.discriminatedUnion('view', [
  z.object({ view: z.literal('dashboard') }),
  z.object({ view: z.literal('job'), jobId: z.string() }),
  z.object({ view: z.literal('run'), jobId: z.string(), runId: z.string() }),
  z.object({ view: z.literal('browse'), jobId: z.string().optional() }),
]);

/** Every event the core pushes to the window. */
export const events = {
  'run.progress': runProgressSchema,
  'run.finished': runRecordSchema,
  /** The main process asks the window to show a view (a tray item or a notification was clicked). */
  'ui.navigate': navigationTargetSchema,
} as const;

export type MethodName = keyof typeof methods;
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export type JobStatus = z.output<typeof jobStatusSchema>;
export type NavigationTarget = z.output<typeof navigationTargetSchema>;

/** What the preload exposes as `window.cairn`, and all the renderer may use. */
export interface CairnBridge {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** IPC channel names, shared by the preload and the main process. */
export const channels = { invoke: 'cairn:invoke', event: 'cairn:event' } as const;
