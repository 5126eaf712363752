import { useRef, useState } from 'react';
import type { EventPayload, MethodOutput } from '../../../electron/core/api/contract';
import { cairn } from '../../bridge';
import { useAction, useEvent } from '../../hooks/use-invoke';

/** The first backup as the wizard follows it: how it was started, its progress, its result. */
export interface FirstBackup {
  started: MethodOutput<'backup.start'> | null;
  progress: EventPayload<'run.progress'> | null;
  finished: EventPayload<'run.finished'> | null;
  error: string | null;
  start: (jobId: string) => Promise<void>;
}

/**
 * Starts a job and follows it. It listens for the wizard's whole life, not just the last step's,
 * so a run that ends before that step is on screen is not missed.
 */
export function useFirstBackup(): FirstBackup {
  const jobId = useRef<string | null>(null);
  const [started, setStarted] = useState<FirstBackup['started']>(null);
  const [progress, setProgress] = useState<FirstBackup['progress']>(null);
  const [finished, setFinished] = useState<FirstBackup['finished']>(null);
  const action = useAction();
  useEvent('run.progress', (event) => {
    if (event.jobId === jobId.current) setProgress(event);
  });
  useEvent('run.finished', (record) => {
    if (record.jobId === jobId.current) setFinished(record);
  });
  const start = async (id: string) => {
    jobId.current = id;
    setStarted(null);
    setProgress(null);
    setFinished(null);
    const answer = await action.run(() => cairn().invoke('backup.start', { jobId: id }));
    if (answer) setStarted(answer);
  };
  return { started, progress, finished, error: action.error, start };
}
