import { describe, expect, it } from 'vitest';
import { engineFixture } from '../../support/borg-fixture.js';

describe('BackupEngine.exclusive', () => {
  it('runs repository work only after the running backup, and makes a backup wait for it', async () => {
    const { engine } = await engineFixture([{ name: 'daily' }]);
    const order: string[] = [];
    engine.subscribe((event) => {
      if (event.type === 'run.finished') order.push('backup finished');
    });
    const started = await engine.start('daily');
    expect(started.status).toBe('started');
    expect(engine.busy('disk')).toBe(true);

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const maintenance = engine.exclusive('disk', async () => {
      order.push('maintenance');
      await held;
      return 42;
    });
    if (!('done' in started)) throw new Error('not started');
    await started.done;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['backup finished', 'maintenance']);

    // A backup asked for meanwhile waits for the maintenance to end.
    const second = await engine.start('daily');
    expect(second.status).toBe('queued');
    expect(engine.stateOf('daily')).toBe('queued');
    release();
    expect(await maintenance).toBe(42);
    if ('done' in second) await second.done;
    expect(engine.busy('disk')).toBe(false);
    expect(engine.busy('other')).toBe(false);
  });

  it('passes a failed task on to its caller and keeps the queue going', async () => {
    const { engine } = await engineFixture([]);
    await expect(engine.exclusive('disk', async () => Promise.reject(new Error('borg said no')))).rejects.toThrow('borg said no');
    expect(await engine.exclusive('disk', async () => 'next')).toBe('next');
  });
});
