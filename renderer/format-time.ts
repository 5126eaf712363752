// Times as people read them. Pure functions (no clock of their own): screens pass `now`, tests too.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "5 minutes ago", "in 3 hours", "yesterday": when something happened or will, next to `now`. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const seconds = Math.round((time - now.getTime()) / 1000);
  const size = Math.abs(seconds);
  if (size < 45) return seconds <= 0 ? 'just now' : 'in a moment';
  if (size < 45 * MINUTE) return relative.format(Math.round(seconds / MINUTE), 'minute');
  if (size < 22 * HOUR) return relative.format(Math.round(seconds / HOUR), 'hour');
  if (size < 26 * DAY) return relative.format(Math.round(seconds / DAY), 'day');
  if (size < 320 * DAY) return relative.format(Math.round(seconds / (30 * DAY)), 'month');
  return relative.format(Math.round(seconds / (365 * DAY)), 'year');
}

/** 192 → "3 min 12 s": how long a run took, precise enough to compare two runs. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 10) return `${Math.round(seconds * 10) / 10} s`;
  const total = Math.round(seconds);
  if (total < MINUTE) return `${total} s`;
  if (total < HOUR) {
    const s = total % MINUTE;
    return s === 0 ? `${total / MINUTE} min` : `${Math.floor(total / MINUTE)} min ${s} s`;
  }
  const h = Math.floor(total / HOUR);
  const m = Math.round((total % HOUR) / MINUTE);
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** The exact date and time in the user's locale, for titles and tables. */
export function formatDateTime(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateTime.format(time);
}

/** Seconds between two ISO times (a run's start and end), or null when either is unreadable. */
export function secondsBetween(startIso: string, endIso: string): number | null {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  return Number.isNaN(start) || Number.isNaN(end) ? null : Math.max(0, (end - start) / 1000);
}
