import { useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../../electron/core/api/contract';
import { useEvent } from '../../hooks/use-invoke';

/** The latest progress of one run, as the core sent it. */
export type RunProgress = EventPayload<'run.progress'>;

/** The most often the dashboard redraws progress: borg can send many events a second per job. */
const FLUSH_MS = 100;

/**
 * The latest progress of every running job. Events are collected in a ref and rendered at most
 * every 100 ms, so a fast stream of `run.progress` never keeps the main thread busy.
 */
export function useRunProgress(): ReadonlyMap<string, RunProgress> {
  const latest = useRef(new Map<string, RunProgress>());
  const timer = useRef<number | null>(null);
  const [snapshot, setSnapshot] = useState<ReadonlyMap<string, RunProgress>>(() => new Map());

  const scheduleFlush = () => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      setSnapshot(new Map(latest.current));
    }, FLUSH_MS);
  };

  useEvent('run.progress', (progress) => {
    latest.current.set(progress.jobId, progress);
    scheduleFlush();
  });
  useEvent('run.finished', (record) => {
    if (latest.current.delete(record.jobId)) scheduleFlush();
  });
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );
  return snapshot;
}
