import { describe, expect, it } from 'vitest';
import { RepositoryQueue } from '../../../electron/core/jobs/queue.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('RepositoryQueue', () => {
  it('runs work for one repository one at a time, in order', async () => {
    const queue = new RepositoryQueue();
    const order: string[] = [];
    const first = deferred();
    const a = queue.enqueue('repo', 'a', async () => {
      order.push('a start');
      await first.promise;
      order.push('a end');
    });
    const b = queue.enqueue('repo', 'b', async () => {
      order.push('b start');
    });
    expect(a.accepted && a.position).toBe(0);
    expect(b.accepted && b.position).toBe(1);
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['a start']);
    expect(queue.stateOf('b')).toBe('queued');
    first.resolve();
    if (b.accepted) await b.done;
    expect(order).toEqual(['a start', 'a end', 'b start']);
  });

  it('refuses a job that is already running or waiting', async () => {
    const queue = new RepositoryQueue();
    const gate = deferred();
    queue.enqueue('repo', 'a', () => gate.promise);
    queue.enqueue('repo', 'b', async () => undefined);
    await new Promise((r) => setTimeout(r, 0));
    expect(queue.enqueue('repo', 'a', async () => undefined)).toEqual({ accepted: false, state: 'running' });
    expect(queue.enqueue('repo', 'b', async () => undefined)).toEqual({ accepted: false, state: 'queued' });
    gate.resolve();
  });

  it('runs different repositories side by side', async () => {
    const queue = new RepositoryQueue();
    const gate = deferred();
    queue.enqueue('one', 'a', () => gate.promise);
    const other = queue.enqueue('two', 'b', async () => 'done');
    expect(other.accepted && (await other.done)).toBe('done');
    gate.resolve();
  });

  it('keeps going after a failed run', async () => {
    const queue = new RepositoryQueue();
    const failing = queue.enqueue('repo', 'a', async () => {
      throw new Error('boom');
    });
    const next = queue.enqueue('repo', 'b', async () => 'ran');
    if (failing.accepted) await expect(failing.done).rejects.toThrow('boom');
    expect(next.accepted && (await next.done)).toBe('ran');
    expect(queue.stateOf('a')).toBe('idle');
  });
});
