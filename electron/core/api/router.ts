import type { CairnCore } from '../core.js';
import { describeSchedule } from '../schedule/presets.js';
import { events, methods, type EventName, type EventPayload, type JobStatus, type MethodName } from './contract.js';

/** A message the core refuses before acting on it: unknown method or input that fails its schema. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
}


type Handlers = { [M in MethodName]: (input: never, core: CairnCore) => Promise<unknown> };

const handlers: Handlers = {
  'status.get': async (_input: Record<string, never>, core) => {
    const { config } = await core.store.load();
    const jobs: JobStatus[] = await Promise.all(
      config.jobs.map(async (job) => ({
        id: job.id,
        name: job.name,
        repositoryName: config.repositories.find((r) => r.id === job.repositoryId)?.name ?? job.repositoryId,
        schedule: describeSchedule(job.schedule),
        state: core.engine.stateOf(job.id),
        lastRun: (await core.history.recent({ jobId: job.id, limit: 1 }))[0] ?? null,
        lastSuccessAt: (await core.history.last(job.id, ['ok', 'warning']))?.end ?? null,
      })),
    );
    return { jobs };
  },
  'backup.start': async (input: { jobId: string }, core) => {
    const started = await core.engine.start(input.jobId, 'manual');
    return 'done' in started ? { status: started.status } : { status: started.status, message: started.message };
  },
  'backup.cancel': async (input: { jobId: string }, core) => ({ cancelled: core.engine.cancel(input.jobId) }),
  'runs.recent': async (input: { jobId?: string; limit?: number }, core) => core.history.recent(input),
};

/** Validates a request from the untrusted window against the contract, then runs it. */
export async function handleRequest(core: CairnCore, method: unknown, input: unknown): Promise<unknown> {
  if (typeof method !== 'string' || !Object.hasOwn(methods, method)) {
    throw new InvalidRequestError(`Unknown method ${JSON.stringify(method)}.`);
  }
  const name = method as MethodName;
  const parsed = methods[name].input.safeParse(input);
  if (!parsed.success) {
    throw new InvalidRequestError(`Invalid input for ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  }
  const handler = handlers[name] as (input: unknown, core: CairnCore) => Promise<unknown>;
  return methods[name].output.parse(await handler(parsed.data, core));
}

/** Forwards the engine's events to the window, shaped and checked by the contract. */
export function forwardEvents(core: CairnCore, send: <E extends EventName>(event: E, payload: EventPayload<E>) => void): () => void {
  return core.engine.subscribe((event) => {
    if (event.type === 'run.progress') send('run.progress', events['run.progress'].parse(event.progress));
    if (event.type === 'run.finished') send('run.finished', events['run.finished'].parse(event.record));
  });
}
