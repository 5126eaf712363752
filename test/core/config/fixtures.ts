// Config files shared by the config tests.
import { CONFIG_VERSION } from '../../../electron/core/config/schema.js';

/** A file as Cairn wrote it before the config had a version. */
export const versionZeroFile = {
  states: [{ id: 'docs', name: 'Docs', folders: ['/home/ann/Documents'] }],
  repositories: [{ id: 'nas', name: 'NAS', url: 'ann@nas:/backups/laptop', passCommand: 'pass show borg/nas' }],
  jobs: [{ id: 'nightly', name: 'Nightly', stateIds: ['docs'], repositoryId: 'nas', keep: { daily: 7, weekly: 4 } }],
};

/** A small valid current file: one state, two repositories, one job. */
export function sampleFile(): Record<string, unknown> {
  return {
    version: CONFIG_VERSION,
    states: [{ id: 'docs', name: 'Docs', folders: ['/home/ann/Documents'] }],
    repositories: [
      { id: 'usb', name: 'USB disk', url: '/media/ann/usb/borg', removable: true },
      { id: 'nas', name: 'NAS', url: 'ssh://ann@nas:2222/./backups' },
    ],
    jobs: [
      {
        id: 'hourly',
        name: 'Hourly',
        stateIds: ['docs'],
        repositoryId: 'usb',
        schedule: { kind: 'cron', expression: '0 * * * *' },
        prune: { keep: { hourly: 24, daily: 7 } },
      },
    ],
  };
}
