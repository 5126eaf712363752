import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../../electron/core/config/schema.js';
import { Scheduler } from '../../../electron/core/schedule/index.js';
import { configWith, FakePorts } from './fakes.js';

// Every test runs on a fake clock (Date and the timers node-schedule uses). Times are local, like
// schedules: Monday 6 January 2025 is the first day.
const DELAY = 60_000;
const MINUTE = 60_000;
const at = (day: number, h: number, m = 0): Date => new Date(2025, 0, day, h, m);

let scheduler: Scheduler | null = null;
afterEach(() => {
  scheduler?.stop();
  scheduler = null;
  vi.useRealTimers();
});

interface Harness {
  scheduler: Scheduler;
  ports: FakePorts;
  setConfig(config: Config): void;
}

async function startAt(now: Date, config: Config, prepare?: (ports: FakePorts) => void): Promise<Harness> {
  vi.useFakeTimers({ now });
  const ports = new FakePorts();
  prepare?.(ports);
  let current = config;
  scheduler = new Scheduler({ loadConfig: async () => current, ports, catchUpDelayMs: DELAY });
  await scheduler.start();
  await vi.advanceTimersByTimeAsync(0);
  return { scheduler, ports, setConfig: (c) => (current = c) };
}

/** Runs the clock (and every timer due on the way) up to a local time. */
async function runUntil(date: Date): Promise<void> {
  await vi.advanceTimersByTimeAsync(date.getTime() - Date.now());
}

/** Moves the wall clock as a suspend does: timers don't run and keep their remaining time. */
function sleepUntil(date: Date): void {
  vi.setSystemTime(date);
}

describe('Scheduler timers', () => {
  it('fires presets and cron jobs at their slots over a week', async () => {
    const config = configWith([
      { id: 'hourly', schedule: { kind: 'preset', preset: 'hourly' }, catchUp: false },
      { id: 'daily', schedule: { kind: 'preset', preset: 'daily' }, catchUp: false },
      { id: 'weekly', schedule: { kind: 'preset', preset: 'weekly' }, catchUp: false },
      { id: 'six', schedule: { kind: 'cron', expression: '30 */6 * * *' }, catchUp: false },
    ]);
    const { ports, scheduler } = await startAt(at(6, 0, 0), config);
    const changes = vi.fn();
    scheduler.onChange(changes);
    expect(scheduler.nextRun('daily')).toEqual(at(6, 12));

    await runUntil(at(13, 0, 0));

    expect(ports.startsOf('hourly')).toHaveLength(7 * 24);
    expect(ports.starts.filter((s) => s.jobId === 'hourly').every((s) => s.at.getMinutes() === 0)).toBe(true);
    expect(ports.startsOf('daily')).toEqual([6, 7, 8, 9, 10, 11, 12].map((d) => `2025-01-${String(d).padStart(2, '0')} 12:00 schedule`));
    expect(ports.startsOf('weekly')).toEqual(['2025-01-06 12:00 schedule']);
    expect(ports.startsOf('six')).toHaveLength(28);
    expect(ports.startsOf('six').slice(0, 4)).toEqual(['00:30', '06:30', '12:30', '18:30'].map((t) => `2025-01-06 ${t} schedule`));
    expect(scheduler.nextRun('weekly')).toEqual(at(13, 12));
    expect(scheduler.nextRun('hourly')).toEqual(at(13, 1));
    expect(changes).toHaveBeenCalled();
  });

  it('never runs or schedules a manual job, at start, on resume or over a week', async () => {
    const config = configWith([{ id: 'manual', schedule: { kind: 'manual' }, catchUp: true }]);
    const { ports, scheduler } = await startAt(at(6, 10), config);
    expect(scheduler.nextRun('manual')).toBeNull();
    scheduler.handleResume();
    await runUntil(at(13, 10));
    expect(ports.starts).toEqual([]);
  });

  it('follows a changed schedule after reload() and forgets a removed job', async () => {
    const hourly = configWith([{ id: 'job', schedule: { kind: 'preset', preset: 'hourly' }, catchUp: false }]);
    const { ports, scheduler, setConfig } = await startAt(at(6, 10, 30), hourly);
    expect(scheduler.nextRun('job')).toEqual(at(6, 11));

    setConfig(configWith([{ id: 'job', schedule: { kind: 'preset', preset: 'daily' }, catchUp: false }]));
    await scheduler.reload();
    expect(scheduler.nextRun('job')).toEqual(at(6, 12));
    await runUntil(at(6, 13));
    expect(ports.startsOf('job')).toEqual(['2025-01-06 12:00 schedule']);

    setConfig(configWith([{ id: 'other', schedule: { kind: 'manual' } }]));
    await scheduler.reload();
    expect(scheduler.nextRun('job')).toBeNull();
    await runUntil(at(8, 13));
    expect(ports.starts).toHaveLength(1);
  });

  it('leaves no timer behind after stop(), even with a pause and a catch-up pending', async () => {
    const config = configWith([
      { id: 'a', schedule: { kind: 'preset', preset: 'hourly' } },
      { id: 'b', schedule: { kind: 'cron', expression: '*/5 * * * *' } },
    ]);
    const { ports, scheduler } = await startAt(at(6, 10, 30), config);
    scheduler.pause(at(6, 18));
    expect(vi.getTimerCount()).toBeGreaterThan(0);

    scheduler.stop();
    expect(vi.getTimerCount()).toBe(0);
    await runUntil(at(7, 10));
    expect(ports.starts).toEqual([]);
  });
});

describe('Scheduler catch-up', () => {
  const hourlyCatchUp = configWith([{ id: 'job', schedule: { kind: 'preset', preset: 'hourly' }, catchUp: true }]);

  it('at start, runs a job once after the delay when its last slot has no run, and not for jobs without catchUp', async () => {
    const config = configWith([
      { id: 'weekly', schedule: { kind: 'preset', preset: 'weekly' }, catchUp: true },
      { id: 'plain', schedule: { kind: 'preset', preset: 'weekly' }, catchUp: false },
    ]);
    // Three weekly slots missed: one run, not three.
    const { ports } = await startAt(at(23, 9), config, (p) => p.runStarts.set('weekly', at(3, 12)));
    await vi.advanceTimersByTimeAsync(DELAY - 1);
    expect(ports.starts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ports.startsOf('weekly')).toEqual(['2025-01-23 09:01 catch-up']);
    await runUntil(at(24, 9));
    expect(ports.startsOf('weekly')).toHaveLength(1);
    expect(ports.startsOf('plain')).toEqual([]);
  });

  it('at start, does not catch up a slot that already has a run', async () => {
    const { ports } = await startAt(at(6, 10, 30), hourlyCatchUp, (p) => p.runStarts.set('job', at(6, 10, 0)));
    await runUntil(at(6, 10, 59));
    expect(ports.starts).toEqual([]);
  });

  it('after a suspend over missed slots, runs once after the delay on resume; the old timer adds nothing', async () => {
    const { ports, scheduler } = await startAt(at(6, 10, 30), hourlyCatchUp, (p) => p.runStarts.set('job', at(6, 10, 0)));
    sleepUntil(at(9, 15, 10));
    scheduler.handleResume();
    expect(scheduler.waitingFor('job')).toBe('catch-up-delay');
    expect(scheduler.nextRun('job')).toEqual(at(9, 16));
    await vi.advanceTimersByTimeAsync(DELAY - 1);
    expect(ports.starts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ports.startsOf('job')).toEqual(['2025-01-09 15:11 catch-up']);
    expect(scheduler.nextRun('job')).toEqual(at(9, 16));
    // The timer armed before the sleep (30 minutes of running time left) was replaced on resume.
    await runUntil(at(9, 16, 30));
    expect(ports.startsOf('job')).toEqual(['2025-01-09 15:11 catch-up', '2025-01-09 16:00 schedule']);
  });

  it("when node-schedule's timer fires late before the resume event, the slot still runs once", async () => {
    const { ports, scheduler } = await startAt(at(6, 10, 30), hourlyCatchUp, (p) => p.runStarts.set('job', at(6, 10, 0)));
    sleepUntil(at(9, 15, 10));
    // The pre-sleep timer fires 30 minutes of running time after it was armed: at 15:40 by the wall clock.
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    expect(ports.starts).toEqual([]);
    scheduler.handleResume();
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(ports.startsOf('job')).toEqual(['2025-01-09 15:41 catch-up']);
    await runUntil(at(9, 16, 30));
    expect(ports.startsOf('job')).toEqual(['2025-01-09 15:41 catch-up', '2025-01-09 16:00 schedule']);
  });

  it('a job without catchUp waits for its next slot after missing slots', async () => {
    const config = configWith([{ id: 'job', schedule: { kind: 'preset', preset: 'hourly' }, catchUp: false }]);
    const { ports, scheduler } = await startAt(at(6, 10, 30), config);
    sleepUntil(at(6, 20, 10));
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    scheduler.handleResume();
    await runUntil(at(6, 20, 59));
    expect(ports.starts).toEqual([]);
    await runUntil(at(6, 21, 30));
    expect(ports.startsOf('job')).toEqual(['2025-01-06 21:00 schedule']);
  });

  it('does not repeat a slot when the clock jumps back over it', async () => {
    const config = configWith([{ id: 'job', schedule: { kind: 'preset', preset: 'hourly' }, catchUp: false }]);
    const { ports } = await startAt(at(6, 13, 30), config);
    await runUntil(at(6, 14, 30));
    expect(ports.startsOf('job')).toEqual(['2025-01-06 14:00 schedule']);

    vi.setSystemTime(at(6, 13, 30));
    await runUntil(at(6, 14, 59));
    expect(ports.startsOf('job')).toEqual(['2025-01-06 14:00 schedule']);
    await runUntil(at(6, 15, 30));
    expect(ports.startsOf('job')).toEqual(['2025-01-06 14:00 schedule', '2025-01-06 15:00 schedule']);
  });

  it('does not repeat a slot when the clock jumps back and the timers are re-armed on resume', async () => {
    const { ports, scheduler } = await startAt(at(6, 13, 30), hourlyCatchUp, (p) => p.runStarts.set('job', at(6, 13, 0)));
    await runUntil(at(6, 14, 30));
    vi.setSystemTime(at(6, 13, 30));
    scheduler.handleResume();
    expect(scheduler.nextRun('job')).toEqual(at(6, 14));
    await runUntil(at(6, 15, 30));
    expect(ports.startsOf('job')).toEqual(['2025-01-06 14:00 schedule', '2025-01-06 15:00 schedule']);
  });

  it('a jump forward over many slots with the machine awake gives one run, not a storm', async () => {
    const { ports } = await startAt(at(6, 10, 30), hourlyCatchUp, (p) => p.runStarts.set('job', at(6, 10, 0)));
    vi.setSystemTime(at(8, 10, 30)); // 48 slots skipped at once
    await vi.advanceTimersByTimeAsync(30 * MINUTE + DELAY);
    expect(ports.startsOf('job')).toEqual(['2025-01-08 11:01 catch-up']);
  });
});

describe('Scheduler conditions', () => {
  it('holds a due job back on battery and starts it once when back on AC', async () => {
    const config = configWith([
      { id: 'careful', schedule: { kind: 'preset', preset: 'hourly' }, catchUp: false, skipOnBattery: true },
      { id: 'anyway', schedule: { kind: 'preset', preset: 'hourly' }, catchUp: false },
    ]);
    const { ports, scheduler } = await startAt(at(6, 13, 30), config, (p) => (p.onBattery = true));
    await runUntil(at(6, 14, 10));
    expect(ports.startsOf('careful')).toEqual([]);
    expect(ports.startsOf('anyway')).toEqual(['2025-01-06 14:00 schedule']);
    expect(scheduler.waitingFor('careful')).toBe('battery');

    scheduler.handlePowerChange();
    await runUntil(at(6, 14, 20));
    expect(ports.startsOf('careful')).toEqual([]);

    ports.onBattery = false;
    scheduler.handlePowerChange();
    scheduler.handlePowerChange();
    await vi.advanceTimersByTimeAsync(0);
    expect(ports.startsOf('careful')).toEqual(['2025-01-06 14:20 schedule']);
    expect(scheduler.waitingFor('careful')).toBeNull();
    await runUntil(at(6, 15, 10));
    expect(ports.startsOf('careful')).toEqual(['2025-01-06 14:20 schedule', '2025-01-06 15:00 schedule']);
  });

  it('does not start a job held back on battery if it ran since its slot', async () => {
    const config = configWith([{ id: 'job', schedule: { kind: 'preset', preset: 'hourly' }, catchUp: false, skipOnBattery: true }]);
    const { ports, scheduler } = await startAt(at(6, 13, 30), config, (p) => (p.onBattery = true));
    await runUntil(at(6, 14, 10));
    ports.runStarts.set('job', at(6, 14, 5)); // "Back up now"
    ports.onBattery = false;
    scheduler.handlePowerChange();
    await vi.advanceTimersByTimeAsync(0);
    expect(ports.starts).toEqual([]);
    expect(scheduler.waitingFor('job')).toBeNull();
  });

  it('skips slots during a pause; when it ends, catch-up jobs run once and the others wait', async () => {
    const config = configWith([
      { id: 'catch', schedule: { kind: 'preset', preset: 'hourly' }, catchUp: true },
      { id: 'plain', schedule: { kind: 'preset', preset: 'hourly' }, catchUp: false },
    ]);
    const history = (p: FakePorts): void => {
      p.runStarts.set('catch', at(6, 13));
      p.runStarts.set('plain', at(6, 13));
    };
    const { ports, scheduler } = await startAt(at(6, 13, 30), config, history);
    const changes = vi.fn();
    scheduler.onChange(changes);

    scheduler.pause(at(6, 16, 30));
    expect(changes).toHaveBeenCalled();
    expect(scheduler.isPaused()).toBe(true);
    expect(scheduler.pausedUntil()).toEqual(at(6, 16, 30));
    expect(scheduler.nextRun('catch')).toEqual(at(6, 16, 30));
    expect(scheduler.nextRun('plain')).toEqual(at(6, 17));

    await runUntil(at(6, 16, 29));
    expect(ports.starts).toEqual([]);
    await runUntil(at(6, 16, 31));
    expect(ports.startsOf('catch')).toEqual(['2025-01-06 16:30 catch-up']);
    expect(ports.startsOf('plain')).toEqual([]);
    expect(scheduler.isPaused()).toBe(false);
    expect(scheduler.pausedUntil()).toBeNull();

    await runUntil(at(6, 17, 1));
    expect(ports.startsOf('catch')).toEqual(['2025-01-06 16:30 catch-up', '2025-01-06 17:00 schedule']);
    expect(ports.startsOf('plain')).toEqual(['2025-01-06 17:00 schedule']);
  });

  it('pause(null) holds runs until resume(), which catches up once', async () => {
    const config = configWith([{ id: 'catch', schedule: { kind: 'preset', preset: 'hourly' }, catchUp: true }]);
    const { ports, scheduler } = await startAt(at(6, 13, 30), config, (p) => p.runStarts.set('catch', at(6, 13)));
    scheduler.pause(null);
    expect(scheduler.isPaused()).toBe(true);
    expect(scheduler.pausedUntil()).toBeNull();
    expect(scheduler.nextRun('catch')).toBeNull();

    await runUntil(at(6, 18, 10));
    expect(ports.starts).toEqual([]);
    scheduler.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(ports.startsOf('catch')).toEqual(['2025-01-06 18:10 catch-up']);
    expect(scheduler.nextRun('catch')).toEqual(at(6, 19));
  });
});
