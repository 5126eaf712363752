import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { configSchema, type Config } from '../../../electron/core/config/schema.js';
import { RunHistory, type RunRecord } from '../../../electron/core/jobs/history.js';
import { NotificationPolicy, type Notice } from '../../../electron/core/notify/index.js';
import { tempDir } from '../../support/temp-dir.js';

export const DAY = 24 * 60 * 60 * 1000;
export const T0 = Date.parse('2026-03-02T09:00:00.000Z');

/** Two jobs: Documents to a removable USB disk (daily), Photos to a server (daily). */
export function testConfig(settings: Partial<Config['settings']> = {}, jobs: unknown[] = []): Config {
  return configSchema.parse({
    version: 1,
    states: [
      { id: 'docs', name: 'Documents', folders: ['/home/ann/Documents'] },
      { id: 'photos', name: 'Photos', folders: ['/home/ann/Pictures'] },
    ],
    repositories: [
      { id: 'usb', name: 'USB disk', url: '/media/ann/usb/cairn', removable: true },
      { id: 'nas', name: 'Home server', url: 'ssh://ann@nas/srv/borg' },
    ],
    jobs: [
      { id: 'docs-usb', name: 'Documents', stateIds: ['docs'], repositoryId: 'usb' },
      { id: 'photos-nas', name: 'Photos', stateIds: ['photos'], repositoryId: 'nas' },
      ...jobs,
    ],
    settings,
  });
}

/** A policy over a real history in a temp dir, a recording notifier and a clock the test moves. */
export function harness(options: { config?: Config; now?: () => Date; dir?: string } = {}) {
  const dir = options.dir ?? tempDir();
  const history = new RunHistory(join(dir, 'history.jsonl'));
  const shown: Notice[] = [];
  const clock = { t: T0 };
  const state = { config: options.config ?? testConfig() };
  const stateFile = join(dir, 'notify-state.json');
  const make = () =>
    new NotificationPolicy({
      notifier: { show: (notice) => shown.push(notice) },
      loadConfig: async () => state.config,
      history,
      stateFile,
      now: options.now ?? (() => new Date(clock.t)),
    });
  const policy = make();

  /** Records a run that ends now in the history and hands it to `target` like the engine does. */
  const finish = async (jobId: string, outcome: RunRecord['outcome'], extra: Partial<RunRecord> = {}, target = policy): Promise<RunRecord> => {
    const now = options.now ? options.now().getTime() : clock.t;
    const record: RunRecord = {
      id: randomUUID(),
      jobId,
      repositoryId: state.config.jobs.find((j) => j.id === jobId)?.repositoryId ?? '',
      trigger: 'schedule',
      start: new Date(now - 60_000).toISOString(),
      end: new Date(now).toISOString(),
      outcome,
      pruned: false,
      checked: false,
      messages: [],
      ...extra,
    };
    await history.append(record);
    await target.onRunFinished(record);
    return record;
  };
  return { dir, history, shown, clock, state, stateFile, policy, make, finish };
}

export const passphraseWrong = {
  reason: 'The passphrase for this repository is wrong.',
  hint: 'Update it in Cairn (cairn repos passphrase nas) or check the passphrase command.',
  errorCode: 'passphrase-wrong',
};

export const unreachable = {
  reason: 'The backup server could not be reached.',
  hint: 'Check the network, the server address and port, and that the server is on; the backup runs again when it is due.',
  errorCode: 'host-unreachable',
};
