// The app's core as the tray app runs it between backups: config, engine, scheduler and notification
// policy started, jobs configured, none due. Started by idle.ts, which measures it from outside.
import { join } from 'node:path';
import { createCore } from '../../electron/core/core.js';
import { NotificationPolicy } from '../../electron/core/notify/index.js';
import { Scheduler } from '../../electron/core/schedule/index.js';

const core = createCore();
const scheduler = new Scheduler({
  loadConfig: async () => (await core.store.load()).config,
  ports: {
    startJob: async (jobId, trigger) => {
      // A start here would mean a job was due: the measurement would be void.
      process.send?.({ unexpectedRun: jobId, trigger });
    },
    lastRunStart: async (jobId) => {
      const last = (await core.history.recent({ jobId, limit: 1 }))[0];
      return last ? new Date(last.start) : null;
    },
    isOnBattery: () => false,
  },
});
const policy = new NotificationPolicy({
  notifier: { show: (notice) => process.send?.({ notice: notice.title }) },
  loadConfig: async () => (await core.store.load()).config,
  history: core.history,
  stateFile: join(core.paths.dataDir, 'notifications.json'),
});
core.engine.subscribe((event) => {
  if (event.type === 'run.finished') void policy.onRunFinished(event.record);
});
await scheduler.start();
await policy.start();
process.send?.({ ready: true, nextRuns: (await core.store.load()).config.jobs.map((j) => scheduler.nextRun(j.id)?.toISOString()) });
process.on('message', (message) => {
  if (message === 'stop') {
    scheduler.stop();
    policy.stop();
    process.disconnect();
  }
});
