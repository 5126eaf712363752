import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { RepositoryStats } from '../../../electron/core/repositories/stats.js';
import { engineFixture } from '../../support/borg-fixture.js';

describe('RepositoryStats', () => {
  it('measures a repository after each run that made an archive, and reads the figures without borg', async () => {
    const fixture = await engineFixture([{ name: 'daily' }]);
    const stats = new RepositoryStats({
      cacheDir: join(fixture.root, 'cache'),
      loadConfig: async () => fixture.getConfig(),
      borg: locateBorg,
      access: async () => fixture.access,
      exclusive: (repositoryId, task) => fixture.engine.exclusive(repositoryId, task),
    });
    const disk = { id: 'disk', url: fixture.access.url };
    expect(await stats.read(disk)).toBeNull();

    const following = stats.follow(fixture.engine);
    const started = await fixture.engine.start('daily');
    if (!('done' in started)) throw new Error('not started');
    expect((await started.done).outcome).toBe('ok');
    await following.settled();
    following.stop();

    const figures = await stats.read(disk);
    expect(figures).toMatchObject({ archiveCount: 1 });
    expect(figures?.originalSize).toBeGreaterThan(100_000);
    expect(figures?.deduplicatedSize).toBeGreaterThan(0);
    expect(Date.parse(figures?.updatedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    // Figures belong to a location: the same id at another URL has none yet.
    expect(await stats.read({ id: 'disk', url: '/another/disk' })).toBeNull();
    expect(await stats.refresh('no-such-repository')).toBeNull();
  });
});
