import { describe, expect, it } from 'vitest';
import { engineFixture } from '../../support/borg-fixture.js';

describe('BackupEngine.beforeRun', () => {
  it("waits for every hook with the job's repository before the backup starts, and a failing hook never stops it", async () => {
    const { engine } = await engineFixture([{ name: 'docs' }]);
    const order: string[] = [];
    engine.subscribe((event) => {
      if (event.type === 'run.started') order.push('started');
    });
    engine.beforeRun(async (repositoryId) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      order.push(`released ${repositoryId}`);
    });
    const remove = engine.beforeRun(async () => {
      throw new Error('mount already gone');
    });
    const started = await engine.start('docs');
    if (!('done' in started)) throw new Error('not started');
    expect((await started.done).outcome).toBe('ok');
    expect(order).toEqual(['released disk', 'started']);
    remove();
  });
});
