import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scheduler } from '../../../electron/core/schedule/index.js';
import { tempDir } from '../../support/temp-dir.js';
import { configWith, FakePorts } from './fakes.js';

// The real clock and a real folder standing in for a removable disk's mount point.
let scheduler: Scheduler | null = null;
afterEach(() => {
  scheduler?.stop();
  scheduler = null;
});

describe('Scheduler with a removable repository', () => {
  it('holds a due job while the disk is absent and starts it once when the disk appears', async () => {
    const media = tempDir();
    const repository = join(media, 'DISK', 'borg');
    // Daily: no slot of its own falls inside the test; the due run is the start-up catch-up.
    const config = configWith([{ id: 'job', schedule: { kind: 'preset', preset: 'daily' }, catchUp: true }], { url: repository, removable: true });
    const ports = new FakePorts();
    scheduler = new Scheduler({ loadConfig: async () => config, ports, catchUpDelayMs: 0 });
    await scheduler.start();
    const waiting = scheduler;
    await vi.waitFor(() => expect(waiting.waitingFor('job')).toBe('disk'));
    expect(ports.starts).toEqual([]);

    mkdirSync(repository, { recursive: true });
    await vi.waitFor(() => expect(ports.starts.map((s) => s.trigger)).toEqual(['catch-up']), { timeout: 5_000 });
    expect(scheduler.waitingFor('job')).toBeNull();
    scheduler.handlePowerChange();
    scheduler.handleResume();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ports.starts).toHaveLength(1);
  });
});
