import { Notification } from 'electron';
import type { NavigationTarget } from '../core/api/contract.js';
import type { Notice, NoticeAction, NotifierPort } from '../core/notify/index.js';
import type { AppLogger } from './logging.js';

/** What clicking a notification or one of its buttons does. */
export interface NoticeHandlers {
  /** Opens the window on a view. */
  open(target: NavigationTarget): void;
  /** Runs the job again ("Retry"). */
  retry(jobId: string): void;
}

/** The view a notice is about: a failed run's log, a job, or the dashboard. */
export function noticeTarget(notice: Notice): NavigationTarget {
  if (notice.jobId && notice.runId && (notice.kind === 'failure' || notice.kind === 'warning')) {
    return { view: 'run', jobId: notice.jobId, runId: notice.runId };
  }
  return notice.jobId ? { view: 'job', jobId: notice.jobId } : { view: 'dashboard' };
}

/** What one of a notice's buttons does. */
export function runNoticeAction(notice: Notice, action: NoticeAction, handlers: NoticeHandlers): void {
  if (action.id === 'retry' && notice.jobId) handlers.retry(notice.jobId);
  else if (action.id === 'open-app') handlers.open({ view: 'dashboard' });
  else handlers.open(noticeTarget(notice));
}

/**
 * The NotificationPolicy's port, shown with Electron's Notification. Only macOS draws buttons
 * (Windows would need toastXml, Linux servers differ), so elsewhere a click on the body opens the
 * relevant view, which offers the same actions.
 */
export class DesktopNotifier implements NotifierPort {
  // A notification that is garbage-collected loses its click handlers: keep each until it closes.
  private readonly live = new Set<Notification>();

  constructor(
    private readonly handlers: NoticeHandlers,
    private readonly log: AppLogger,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  show(notice: Notice): void {
    this.log.info(`notification (${notice.kind}): ${notice.title}: ${notice.body}`);
    if (!Notification.isSupported()) {
      this.log.warn('Desktop notifications are not supported here; the message is only in this log.');
      return;
    }
    const buttons = this.platform === 'darwin' ? notice.actions : [];
    const notification = new Notification({
      title: notice.title,
      body: notice.body,
      actions: buttons.map((action) => ({ type: 'button' as const, text: action.label })),
      silent: notice.kind === 'success',
      urgency: notice.kind === 'failure' ? 'critical' : 'normal',
    });
    notification.on('click', () => this.handlers.open(noticeTarget(notice)));
    notification.on('action', (_event, index) => {
      const action = buttons[index];
      if (action) runNoticeAction(notice, action, this.handlers);
    });
    notification.on('close', () => this.live.delete(notification));
    this.live.add(notification);
    notification.show();
  }

  /** Drops every shown notification (quitting). */
  dispose(): void {
    this.live.clear();
  }
}
