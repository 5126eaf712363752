import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, formatRelative, secondsBetween } from '../../renderer/format-time.js';

const now = new Date('2026-03-10T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe('formatRelative', () => {
  it('says "just now" for the last 45 seconds and counts minutes, hours and days after that', () => {
    expect(formatRelative(ago(10), now)).toBe('just now');
    expect(formatRelative(ago(5 * 60), now)).toBe('5 minutes ago');
    expect(formatRelative(ago(3 * 3600), now)).toBe('3 hours ago');
    expect(formatRelative(ago(24 * 3600), now)).toBe('yesterday');
    expect(formatRelative(ago(4 * 86400), now)).toBe('4 days ago');
    expect(formatRelative(ago(60 * 86400), now)).toBe('2 months ago');
  });

  it('speaks of the future for times to come, such as the next run', () => {
    expect(formatRelative(ago(-90 * 60), now)).toBe('in 2 hours');
    expect(formatRelative(ago(-20 * 60), now)).toBe('in 20 minutes');
  });

  it('gives back text it cannot read as a time unchanged', () => {
    expect(formatRelative('not a date', now)).toBe('not a date');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

describe('formatDuration', () => {
  it('keeps a tenth of a second for short runs and switches to minutes and hours for long ones', () => {
    expect(formatDuration(0.04)).toBe('0 s');
    expect(formatDuration(2.34)).toBe('2.3 s');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(192)).toBe('3 min 12 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(3600 + 5 * 60 + 20)).toBe('1 h 5 min');
    expect(formatDuration(7200)).toBe('2 h');
  });

  it('shows a dash for a duration that cannot be one', () => {
    expect(formatDuration(-1)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('secondsBetween', () => {
  it('measures a run from its start to its end, and gives null for an unreadable time', () => {
    expect(secondsBetween('2026-03-10T12:00:00Z', '2026-03-10T12:01:30.500Z')).toBe(90.5);
    expect(secondsBetween('nope', '2026-03-10T12:00:00Z')).toBeNull();
  });
});
