/** Why a start was not queued: the job is already there. */
export type QueueRefusal = { accepted: false; state: 'running' | 'queued' };
export type QueueAcceptance<T> = { accepted: true; position: number; done: Promise<T> };

interface Lane {
  running: string | null;
  waiting: string[];
  tail: Promise<unknown>;
}

/**
 * One borg process per repository at a time: work for a repository waits for the one before it.
 * A job already running or waiting is refused rather than queued twice.
 */
export class RepositoryQueue {
  private readonly lanes = new Map<string, Lane>();

  enqueue<T>(repositoryId: string, jobId: string, task: () => Promise<T>): QueueAcceptance<T> | QueueRefusal {
    const lane = this.lane(repositoryId);
    if (lane.running === jobId) return { accepted: false, state: 'running' };
    if (lane.waiting.includes(jobId)) return { accepted: false, state: 'queued' };
    const position = lane.waiting.length + (lane.running === null ? 0 : 1);
    lane.waiting.push(jobId);
    const done = lane.tail.then(async () => {
      lane.waiting.splice(lane.waiting.indexOf(jobId), 1);
      lane.running = jobId;
      try {
        return await task();
      } finally {
        lane.running = null;
      }
    });
    lane.tail = done.catch(() => undefined);
    return { accepted: true, position, done };
  }

  /** Whether anything runs or waits for this repository. */
  busy(repositoryId: string): boolean {
    const lane = this.lanes.get(repositoryId);
    return lane !== undefined && (lane.running !== null || lane.waiting.length > 0);
  }

  /** Where a job is: running, waiting, or not here. */
  stateOf(jobId: string): 'running' | 'queued' | 'idle' {
    for (const lane of this.lanes.values()) {
      if (lane.running === jobId) return 'running';
      if (lane.waiting.includes(jobId)) return 'queued';
    }
    return 'idle';
  }

  private lane(repositoryId: string): Lane {
    let lane = this.lanes.get(repositoryId);
    if (!lane) {
      lane = { running: null, waiting: [], tail: Promise.resolve() };
      this.lanes.set(repositoryId, lane);
    }
    return lane;
  }
}
