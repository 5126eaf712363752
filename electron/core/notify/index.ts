export type { Notice, NoticeAction, NoticeKind, NotifierPort } from './notice.js';
export { noticeKinds } from './notice.js';
export { MAX_TIMER_MS, NotificationPolicy, type NotificationPolicyOptions } from './policy.js';
