import { describe, expect, it } from 'vitest';
import { cronOf, describeSchedule, lastSlot, nextSlot, presetCron } from '../../../electron/core/schedule/index.js';

describe('presetCron', () => {
  it('runs hourly at minute 0, daily at noon and weekly on Monday noon, in local time', () => {
    expect(presetCron).toEqual({ hourly: '0 * * * *', daily: '0 12 * * *', weekly: '0 12 * * 1' });
  });

  it('gives every preset a cron expression whose next slot exists', () => {
    for (const cron of Object.values(presetCron)) expect(nextSlot(cron, new Date(2025, 0, 6))).not.toBeNull();
  });
});

describe('cronOf', () => {
  it('maps presets to the table, keeps cron expressions as given, and has none for manual jobs', () => {
    expect(cronOf({ kind: 'preset', preset: 'daily' })).toBe('0 12 * * *');
    expect(cronOf({ kind: 'cron', expression: '15 9 * * 1-5' })).toBe('15 9 * * 1-5');
    expect(cronOf({ kind: 'manual' })).toBeNull();
  });
});

describe('describeSchedule', () => {
  it('says each kind of schedule in words', () => {
    expect(describeSchedule({ kind: 'preset', preset: 'hourly' })).toBe('every hour');
    expect(describeSchedule({ kind: 'preset', preset: 'daily' })).toBe('daily at 12:00');
    expect(describeSchedule({ kind: 'preset', preset: 'weekly' })).toBe('weekly on Monday at 12:00');
    expect(describeSchedule({ kind: 'cron', expression: '0 */2 * * *' })).toBe('cron 0 */2 * * *');
    expect(describeSchedule({ kind: 'manual' })).toBe('manual only');
  });
});

describe('lastSlot and nextSlot', () => {
  const at = (h: number, m: number, s = 0, ms = 0): Date => new Date(2025, 0, 6, h, m, s, ms);

  it('counts a slot equal to now as the last one, and the next one as strictly later', () => {
    expect(lastSlot('0 * * * *', at(14, 0))).toEqual(at(14, 0));
    expect(lastSlot('0 * * * *', at(14, 59, 59, 999))).toEqual(at(14, 0));
    expect(nextSlot('0 * * * *', at(14, 0))).toEqual(at(15, 0));
    expect(nextSlot('0 * * * *', at(13, 59, 59, 999))).toEqual(at(14, 0));
  });

  it('finds the last weekly slot days back (Monday noon seen from Thursday)', () => {
    expect(lastSlot('0 12 * * 1', new Date(2025, 0, 9, 8, 0))).toEqual(new Date(2025, 0, 6, 12, 0));
  });

  it('returns null for an expression that parses but never matches a date', () => {
    expect(nextSlot('0 0 30 2 *', at(0, 0))).toBeNull();
    expect(lastSlot('0 0 30 2 *', at(0, 0))).toBeNull();
  });
});
