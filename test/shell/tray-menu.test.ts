import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { configSchema, CONFIG_VERSION } from '../../electron/core/config/schema.js';
import type { RunRecord } from '../../electron/core/jobs/run-record.js';
import {
  formatAgo,
  formatWhen,
  jobHeadline,
  pauseEnd,
  trayMenuTemplate,
  trayState,
  type TrayActions,
  type TrayJob,
  type TraySnapshot,
} from '../../electron/shell/tray-menu.js';
import { trayJobs } from '../../electron/shell/tray-status.js';

const now = new Date(2026, 2, 10, 12, 0); // local time: Tuesday 10 March 2026, 12:00

function job(overrides: Partial<TrayJob> = {}): TrayJob {
  return {
    id: 'laptop',
    name: 'Laptop',
    state: 'idle',
    progress: null,
    lastSuccessAt: new Date(now.getTime() - 2 * 3600_000),
    lastOutcome: 'ok',
    stale: false,
    nextRunAt: new Date(2026, 2, 10, 14, 0),
    waiting: null,
    ...overrides,
  };
}

function snapshot(jobs: TrayJob[], paused: TraySnapshot['paused'] = null): TraySnapshot {
  return { jobs, paused, now, locale: 'en-GB' };
}

/** Records every action the menu triggers. */
function recorder(): { actions: TrayActions; calls: string[] } {
  const calls: string[] = [];
  const actions: TrayActions = {
    backUpAll: () => calls.push('backUpAll'),
    backUp: (id) => calls.push(`backUp ${id}`),
    cancel: (id) => calls.push(`cancel ${id}`),
    pause: (length) => calls.push(`pause ${length}`),
    resume: () => calls.push('resume'),
    browse: () => calls.push('browse'),
    open: () => calls.push('open'),
    quit: () => calls.push('quit'),
  };
  return { actions, calls };
}

function item(template: MenuItemConstructorOptions[], ...path: string[]): MenuItemConstructorOptions {
  let items = template;
  let found: MenuItemConstructorOptions | undefined;
  for (const label of path) {
    found = items.find((i) => i.label === label || i.label?.startsWith(`${label}:`));
    if (!found) throw new Error(`no ${label} in ${items.map((i) => i.label).join(', ')}`);
    items = (found.submenu as MenuItemConstructorOptions[] | undefined) ?? [];
  }
  return found!;
}

function labels(template: MenuItemConstructorOptions[]): string[] {
  return template.map((i) => (i.type === 'separator' ? '---' : i.label ?? ''));
}

function click(entry: MenuItemConstructorOptions): void {
  (entry.click as () => void)();
}

describe('the tray menu', () => {
  it('lists Back up now, one entry per job with its status, pause, browse, open and quit', () => {
    const { actions } = recorder();
    const template = trayMenuTemplate(snapshot([job(), job({ id: 'offsite', name: 'Offsite', lastSuccessAt: null, lastOutcome: null, nextRunAt: null })]), actions);
    expect(labels(template)).toEqual([
      'Back up now',
      '---',
      'Laptop: last backup 2 h ago',
      'Offsite: no backup yet',
      '---',
      'Pause schedules',
      'Browse backups…',
      'Open Cairn',
      '---',
      'Quit',
    ]);
    expect(labels(item(template, 'Laptop').submenu as MenuItemConstructorOptions[])).toEqual(['Last backup 2 h ago', 'Next at 14:00', '---', 'Back up now']);
    expect(labels(item(template, 'Offsite').submenu as MenuItemConstructorOptions[])).toEqual(['No backup yet', 'Not scheduled', '---', 'Back up now']);
  });

  it('shows a running job with its percentage, or its file count when borg gives no percentage, and offers Cancel', () => {
    const { actions, calls } = recorder();
    const counting = trayMenuTemplate(snapshot([job({ state: 'running', progress: { phase: 'create', files: 1234 } })]), actions);
    expect(item(counting, 'Laptop').label).toBe('Laptop: running, 1,234 files');
    click(item(counting, 'Laptop', 'Cancel'));
    expect(calls).toEqual(['cancel laptop']);
    const checking = trayMenuTemplate(snapshot([job({ state: 'running', progress: { phase: 'check', percent: 42.7 } })]), actions);
    expect(item(checking, 'Laptop').label).toBe('Laptop: running 42%');
    expect(labels(item(checking, 'Laptop').submenu as MenuItemConstructorOptions[])).toContain('Last backup 2 h ago');
    // Nothing idle: "Back up now" for all is greyed out.
    expect(item(checking, 'Back up now').enabled).toBe(false);
  });

  it('wires every item to its action', () => {
    const { actions, calls } = recorder();
    const template = trayMenuTemplate(snapshot([job()]), actions);
    click(item(template, 'Back up now'));
    click(item(template, 'Laptop', 'Back up now'));
    click(item(template, 'Pause schedules', 'For 1 hour'));
    click(item(template, 'Pause schedules', 'Until tomorrow'));
    click(item(template, 'Browse backups…'));
    click(item(template, 'Open Cairn'));
    click(item(template, 'Quit'));
    expect(calls).toEqual(['backUpAll', 'backUp laptop', 'pause hour', 'pause tomorrow', 'browse', 'open', 'quit']);
    expect(item(template, 'Pause schedules', 'Resume schedules').enabled).toBe(false);
  });

  it('says when schedules are paused and offers to resume', () => {
    const { actions, calls } = recorder();
    const template = trayMenuTemplate(snapshot([job()], { until: new Date(2026, 2, 11, 8, 0) }), actions);
    expect(labels(item(template, 'Pause schedules').submenu as MenuItemConstructorOptions[])[0]).toBe('Paused until tomorrow 08:00');
    expect(labels(item(template, 'Laptop').submenu as MenuItemConstructorOptions[])).toContain('Schedule paused');
    click(item(template, 'Pause schedules', 'Resume schedules'));
    expect(calls).toEqual(['resume']);
    const forever = trayMenuTemplate(snapshot([job()], { until: null }), actions);
    expect(labels(item(forever, 'Pause schedules').submenu as MenuItemConstructorOptions[])[0]).toBe('Paused until resumed');
  });

  it('says why a due run waits (battery, disk)', () => {
    const template = trayMenuTemplate(snapshot([job({ waiting: 'disk' })]), recorder().actions);
    expect(labels(item(template, 'Laptop').submenu as MenuItemConstructorOptions[])).toContain('Due, waiting for its disk');
  });

  it('says so when there are no jobs yet', () => {
    const template = trayMenuTemplate(snapshot([]), recorder().actions);
    expect(item(template, 'No backup jobs yet').enabled).toBe(false);
    expect(item(template, 'Back up now').enabled).toBe(false);
  });
});

describe('the tray icon state', () => {
  it('is running while any job runs, else error, else warning (warnings or stale jobs), else idle', () => {
    expect(trayState(snapshot([job(), job({ state: 'running', lastOutcome: 'error' })]))).toBe('running');
    expect(trayState(snapshot([job(), job({ lastOutcome: 'error' })]))).toBe('error');
    expect(trayState(snapshot([job(), job({ lastOutcome: 'warning' })]))).toBe('warning');
    expect(trayState(snapshot([job({ stale: true })]))).toBe('warning');
    expect(trayState(snapshot([job(), job({ lastOutcome: 'cancelled' })]))).toBe('idle');
    expect(trayState(snapshot([]))).toBe('idle');
  });
});

describe('times in the tray', () => {
  it('are relative for the past and clock times for the future', () => {
    expect(formatAgo(new Date(now.getTime() - 20_000), now)).toBe('just now');
    expect(formatAgo(new Date(now.getTime() - 5 * 60_000), now)).toBe('5 min ago');
    expect(formatAgo(new Date(now.getTime() - 25 * 3600_000), now)).toBe('yesterday');
    expect(formatAgo(new Date(now.getTime() - 73 * 3600_000), now)).toBe('3 days ago');
    expect(formatWhen(new Date(2026, 2, 10, 14, 0), now, 'en-GB')).toBe('14:00');
    expect(formatWhen(new Date(2026, 2, 11, 9, 5), now, 'en-GB')).toBe('tomorrow 09:05');
    expect(formatWhen(new Date(2026, 2, 13, 9, 5), now, 'en-GB')).toBe('Fri 09:05');
    expect(formatWhen(new Date(2026, 3, 20, 9, 5), now, 'en-GB')).toBe('20 Apr 09:05');
  });

  it('pauses for an hour from the click, or until 08:00 the next morning', () => {
    expect(pauseEnd('hour', now)).toEqual(new Date(2026, 2, 10, 13, 0));
    expect(pauseEnd('tomorrow', new Date(2026, 2, 31, 23, 30))).toEqual(new Date(2026, 3, 1, 8, 0));
  });

  it('headlines a queued job as waiting', () => {
    expect(jobHeadline(job({ state: 'queued' }), now)).toBe('waiting for its repository');
  });
});

describe('tray status from the history', () => {
  const config = configSchema.parse({
    version: CONFIG_VERSION,
    states: [{ id: 'docs', name: 'Documents', folders: ['/home/me/docs'] }],
    repositories: [{ id: 'disk', name: 'Disk', url: '/mnt/disk/repo' }],
    jobs: [
      { id: 'laptop', name: 'Laptop', stateIds: ['docs'], repositoryId: 'disk', schedule: { kind: 'preset', preset: 'hourly' } },
      { id: 'manual', name: 'Manual', stateIds: ['docs'], repositoryId: 'disk', schedule: { kind: 'manual' } },
    ],
    settings: { staleAfterDays: 3 },
  });
  const run = (jobId: string, outcome: RunRecord['outcome'], hoursAgo: number): RunRecord => {
    const at = new Date(now.getTime() - hoursAgo * 3600_000).toISOString();
    return { id: `${jobId}-${hoursAgo}`, jobId, repositoryId: 'disk', trigger: 'schedule', start: at, end: at, outcome, pruned: false, checked: false, messages: [] };
  };
  const live = { stateOf: () => 'idle' as const, progressOf: () => undefined, nextRun: () => new Date(2026, 2, 10, 13, 0), waitingFor: () => null };

  it('takes the last success and the last counted outcome (skips ignored), and marks jobs stale after staleAfterDays', () => {
    const history = [run('laptop', 'ok', 100), run('laptop', 'error', 5), run('laptop', 'skipped', 1), run('manual', 'warning', 2)];
    const [laptop, manual] = trayJobs(config, history, live, now);
    expect(laptop).toMatchObject({ lastOutcome: 'error', stale: true, lastSuccessAt: new Date(now.getTime() - 100 * 3600_000) });
    expect(laptop?.nextRunAt).toEqual(new Date(2026, 2, 10, 13, 0));
    expect(manual).toMatchObject({ lastOutcome: 'warning', stale: false, nextRunAt: null });
  });
});
