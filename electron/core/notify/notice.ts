/** What a notification may offer; the shell maps each id to a view or a command. */
export type NoticeAction = { id: 'open-log' | 'retry' | 'open-app'; label: string };

export const noticeKinds = ['failure', 'warning', 'stale', 'disk-needed', 'success'] as const;

/** Which rule produced a notice (and so what resolves it). */
export type NoticeKind = (typeof noticeKinds)[number];

/** One thing Cairn tells the user, already worded; the shell only displays it. */
export interface Notice {
  /** Identity of the problem: the same key is never shown twice until it is resolved. */
  key: string;
  kind: NoticeKind;
  title: string;
  body: string;
  jobId?: string;
  runId?: string;
  actions: NoticeAction[];
}

/** The desktop side of notifications: Electron's Notification in the app, a recorder in tests. */
export interface NotifierPort {
  show(notice: Notice): void;
}
