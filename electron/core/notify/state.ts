import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../config/atomic-write.js';
import { noticeKinds, type NoticeKind } from './notice.js';

const activeSchema = z.object({ jobId: z.string(), kind: z.enum(noticeKinds), shownAt: z.string() });

/** What survives a restart: the problems already shown (not yet resolved) and when each job was first seen. */
export const noticeStateSchema = z.object({
  version: z.literal(1),
  active: z.record(z.string(), activeSchema),
  firstSeen: z.record(z.string(), z.string()),
});

export type NoticeStateData = z.infer<typeof noticeStateSchema>;
export type ActiveNotice = z.infer<typeof activeSchema>;

/** The policy's memory, kept in a small JSON file it owns (a cache: unreadable means start afresh). */
export class NoticeState {
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly data: NoticeStateData,
  ) {}

  /** Reads the file; a missing one is an empty state, a corrupt one is replaced on the next save. */
  static async load(file: string): Promise<NoticeState> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new NoticeState(file, empty());
      throw error;
    }
    let parsed: ReturnType<typeof noticeStateSchema.safeParse> | undefined;
    try {
      parsed = noticeStateSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success) return new NoticeState(file, parsed.data);
    const fresh = new NoticeState(file, empty());
    fresh.dirty = true;
    return fresh;
  }

  isActive(key: string): boolean {
    return Object.hasOwn(this.data.active, key);
  }

  activate(key: string, jobId: string, kind: NoticeKind, shownAt: Date): void {
    this.data.active[key] = { jobId, kind, shownAt: shownAt.toISOString() };
    this.dirty = true;
  }

  /** Every active notice, with its key. */
  entries(): Array<[string, ActiveNotice]> {
    return Object.entries(this.data.active);
  }

  /** Forgets the job's notices that `matches` picks: they may be shown again if the problem recurs. */
  resolve(jobId: string, matches: (notice: ActiveNotice, key: string) => boolean): void {
    for (const [key, notice] of this.entries()) {
      if (notice.jobId === jobId && matches(notice, key)) {
        delete this.data.active[key];
        this.dirty = true;
      }
    }
  }

  firstSeen(jobId: string): Date | undefined {
    const iso = this.data.firstSeen[jobId];
    return iso === undefined ? undefined : new Date(iso);
  }

  setFirstSeen(jobId: string, at: Date): void {
    this.data.firstSeen[jobId] = at.toISOString();
    this.dirty = true;
  }

  /** Drops everything about jobs that no longer exist. */
  keepOnly(jobIds: ReadonlySet<string>): void {
    for (const jobId of Object.keys(this.data.firstSeen)) {
      if (!jobIds.has(jobId)) {
        delete this.data.firstSeen[jobId];
        this.dirty = true;
      }
    }
    for (const [key, notice] of this.entries()) {
      if (!jobIds.has(notice.jobId)) {
        delete this.data.active[key];
        this.dirty = true;
      }
    }
  }

  /** Writes the file atomically, only when something changed. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    await writeFileAtomic(this.file, JSON.stringify(this.data, null, 2) + '\n');
    this.dirty = false;
  }
}

function empty(): NoticeStateData {
  return { version: 1, active: {}, firstSeen: {} };
}
