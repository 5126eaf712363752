import { CronExpressionParser } from 'cron-parser';

// Slots are computed in local time, like the user reads them ("daily at 12:00").

/**
 * The latest slot at or before `now` (a timer firing exactly on its slot counts that slot), or null
 * when the expression never matches (e.g. 30 February: it parses, but has no date).
 */
export function lastSlot(expression: string, now: Date): Date | null {
  try {
    // prev() is strictly before currentDate: one millisecond later makes a slot equal to now count.
    return CronExpressionParser.parse(expression, { currentDate: new Date(now.getTime() + 1) }).prev().toDate();
  } catch {
    return null;
  }
}

/** The first slot strictly after `now`, or null when the expression never matches. */
export function nextSlot(expression: string, now: Date): Date | null {
  try {
    return CronExpressionParser.parse(expression, { currentDate: now }).next().toDate();
  } catch {
    return null;
  }
}
