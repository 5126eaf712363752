import { BorgError } from '../borg/errors.js';
import { ConfigError } from '../config/errors.js';
import { KeychainUnavailableError } from '../secrets/keychain.js';
import { PassphraseError } from '../secrets/passphrase.js';
import { SshError } from '../ssh/errors.js';
import { RepositoryStats } from '../repositories/stats.js';
import { events, methods, type EventName, type EventPayload, type MethodName } from './contract.js';
import { archiveHandlers } from './handlers/archives.js';
import { browseHandlers } from './handlers/browse.js';
import { configHandlers } from './handlers/config.js';
import { repositoryHandlers } from './handlers/repositories.js';
import { runHandlers } from './handlers/runs.js';
import { sshHandlers } from './handlers/ssh.js';
import { systemHandlers } from './handlers/system.js';
import type { Handler } from './handlers/types.js';
import type { RouterContext } from './ports.js';

/** A message the core refuses before acting on it: unknown method or input that fails its schema. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
}

const handlers: { [M in MethodName]: Handler<M> } = {
  ...runHandlers,
  ...systemHandlers,
  ...configHandlers,
  ...repositoryHandlers,
  ...archiveHandlers,
  ...browseHandlers,
  ...sshHandlers,
};

/** Validates a request from the untrusted window against the contract, then runs it. */
export async function handleRequest(context: RouterContext, method: unknown, input: unknown): Promise<unknown> {
  if (typeof method !== 'string' || !Object.hasOwn(methods, method)) {
    throw new InvalidRequestError(`Unknown method ${JSON.stringify(method)}.`);
  }
  const name = method as MethodName;
  const parsed = methods[name].input.safeParse(input);
  if (!parsed.success) {
    throw new InvalidRequestError(`Invalid input for ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  }
  const handler = handlers[name] as (input: unknown, context: RouterContext) => Promise<unknown>;
  let output: unknown;
  try {
    output = await handler(parsed.data, context);
  } catch (error) {
    throw forTheUser(error);
  }
  return methods[name].output.parse(output);
}

/**
 * The core's typed errors as the sentence the window shows: what happened, then what to do. Only
 * `message` crosses IPC (prefixed with the error's name), so the hint must be in it.
 */
function forTheUser(error: unknown): unknown {
  if (error instanceof BorgError) return new Error(`${error.summary} ${error.hint}`.trim(), { cause: error });
  if (error instanceof SshError) return new Error(error.hint ? `${error.message} ${error.hint}` : error.message, { cause: error });
  if (error instanceof ConfigError || error instanceof PassphraseError || error instanceof KeychainUnavailableError) {
    return new Error(error.message, { cause: error });
  }
  return error;
}

/**
 * Forwards the engine's events to the window, shaped and checked by the contract, and re-measures
 * a repository after each run (archive count, sizes) so the dashboard never runs borg to show them.
 * The returned stop resolves once the measurements already started have been saved.
 */
export function forwardEvents(context: RouterContext, send: <E extends EventName>(event: E, payload: EventPayload<E>) => void): () => Promise<void> {
  const stats = RepositoryStats.of(context.core).follow(context.core.engine, (repositoryId) => send('repository.stats', { repositoryId }));
  const stopForwarding = context.core.engine.subscribe((event) => {
    if (event.type === 'run.queued') send('run.state', { jobId: event.jobId, state: 'queued' });
    if (event.type === 'run.started') send('run.state', { jobId: event.jobId, state: 'running' });
    if (event.type === 'run.progress') send('run.progress', events['run.progress'].parse(event.progress));
    if (event.type === 'run.finished') send('run.finished', events['run.finished'].parse(event.record));
  });
  // Index builds (opened archives, and the newest archive after each backup) report their progress.
  const stopIndexEvents = context.core.browse.subscribe((event) => send('index.progress', event));
  return () => {
    stopForwarding();
    stats.stop();
    stopIndexEvents();
    return stats.settled();
  };
}
