import { describe, expect, it } from 'vitest';
import type { NavigationTarget } from '../../electron/core/api/contract.js';
import type { Notice } from '../../electron/core/notify/index.js';
import { testing } from '../fakes/electron.js';
import { DesktopNotifier, noticeTarget } from '../../electron/shell/notifications.js';
import { desktopEntry } from '../../electron/shell/login-item.js';

const failure: Notice = {
  key: 'failure:laptop:DoesNotExist',
  kind: 'failure',
  title: 'Laptop could not be backed up',
  body: 'The repository does not exist.',
  jobId: 'laptop',
  runId: 'run-1',
  actions: [
    { id: 'open-log', label: 'Open log' },
    { id: 'retry', label: 'Retry' },
  ],
};

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined, addSecret: () => undefined, file: '' };

describe('desktop notifications', () => {
  it('open the view a notice is about: a failed run, a job, or the dashboard', () => {
    expect(noticeTarget(failure)).toEqual({ view: 'run', jobId: 'laptop', runId: 'run-1' });
    expect(noticeTarget({ ...failure, kind: 'stale', runId: undefined })).toEqual({ view: 'job', jobId: 'laptop' });
    expect(noticeTarget({ ...failure, kind: 'success', jobId: undefined, runId: undefined })).toEqual({ view: 'dashboard' });
  });

  it('show buttons on macOS only, and run them: Retry starts the job again, Open log opens the run', () => {
    const opened: NavigationTarget[] = [];
    const retried: string[] = [];
    const handlers = { open: (t: NavigationTarget) => opened.push(t), retry: (id: string) => retried.push(id) };
    new DesktopNotifier(handlers, quietLog, 'darwin').show(failure);
    new DesktopNotifier(handlers, quietLog, 'linux').show(failure);
    const [mac, linux] = testing.world.notifications;
    expect(mac!.actions.map((a) => a.text)).toEqual(['Open log', 'Retry']);
    expect(linux!.actions).toEqual([]);
    expect(linux!.options.urgency).toBe('critical');
    mac!.clickAction('Retry');
    mac!.clickAction('Open log');
    linux!.click();
    expect(retried).toEqual(['laptop']);
    expect(opened).toEqual([noticeTarget(failure), noticeTarget(failure)]);
  });
});

describe('start at login on Linux', () => {
  it('writes an autostart entry that quotes the executable path', () => {
    const entry = desktopEntry('/home/me/Apps/Cairn "beta".AppImage');
    expect(entry).toContain('Exec="/home/me/Apps/Cairn \\"beta\\".AppImage"');
    expect(entry.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true);
  });
});
