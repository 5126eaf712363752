import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { mountArgs, umountArgs } from '../borg/argv/mount.js';
import { BorgError } from '../borg/errors.js';
import { runBorg } from '../borg/runner.js';
import type { BorgBinary, BorgRunResult, RepositoryAccess } from '../borg/types.js';
import { writeFileAtomic } from '../config/atomic-write.js';

const run = promisify(execFile);

const recordSchema = z.object({ mountpoint: z.string(), repositoryId: z.string(), archiveName: z.string(), startedAt: z.string() });
/** A mount as recorded on disk, so one left by a crash is found at the next start. */
export type MountRecord = z.output<typeof recordSchema>;

interface LiveMount {
  record: MountRecord;
  borg: BorgBinary;
  access: RepositoryAccess;
  exited: Promise<BorgRunResult>;
  lastUsed: number;
  /** Set while the idle timer tries to unmount it: resolves true when it stayed (in use). */
  closing?: Promise<boolean> | undefined;
}

/** The mount points the kernel has now (from /proc/self/mountinfo, octal escapes decoded). */
export async function activeMountpoints(): Promise<Set<string>> {
  const text = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
  const decode = (field: string): string => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  return new Set(text.split('\n').map((line) => decode(line.split(' ')[4] ?? '')).filter((p) => p !== ''));
}

/** Options of a MountManager. */
export interface MountManagerOptions {
  /** Where mount points are made. */
  root: string;
  /** The record of live mounts (survives a crash). */
  stateFile: string;
  /** Unused mounts are unmounted after this long (2 minutes by default). */
  idleMs?: number | undefined;
}

/**
 * Every archive mount Cairn makes: recorded on disk, reused while in use, unmounted with
 * `borg umount` (signals leave a dead mount with pyfuse3) when idle and no file of it is open,
 * before a backup of the repository (a mount's shared lock makes `borg create` fail), and at quit;
 * mounts a crash left behind are unmounted by cleanupStale at the next start.
 */
export class MountManager {
  private readonly live = new Map<string, LiveMount>();
  private readonly pending = new Map<string, Promise<string>>();
  /** Mount points being made or live, as written to the state file. */
  private readonly records = new Map<string, MountRecord>();
  private timer: NodeJS.Timeout | undefined;
  /** The idle sweep under way, if any. */
  private sweep: Promise<void> | undefined;
  private readonly idleMs: number;

  constructor(private readonly options: MountManagerOptions) {
    this.idleMs = options.idleMs ?? 120_000;
  }

  private key(repositoryId: string, archiveName: string): string {
    return `${repositoryId}\u0000${archiveName}`;
  }

  /** Mounts an archive (or reuses its mount) and returns the mount point once it is browsable. */
  mount(borg: BorgBinary, access: RepositoryAccess, repositoryId: string, archiveName: string, lockWait?: number): Promise<string> {
    const key = this.key(repositoryId, archiveName);
    const existing = this.live.get(key);
    // Being tried for an idle unmount: reuse it if it stays, mount again if it went.
    if (existing?.closing) return existing.closing.then(() => this.mount(borg, access, repositoryId, archiveName, lockWait));
    if (existing) {
      existing.lastUsed = Date.now();
      return Promise.resolve(existing.record.mountpoint);
    }
    const waiting = this.pending.get(key);
    if (waiting) return waiting;
    const started = this.start(borg, access, repositoryId, archiveName, lockWait).finally(() => this.pending.delete(key));
    this.pending.set(key, started);
    return started;
  }

  private async start(borg: BorgBinary, access: RepositoryAccess, repositoryId: string, archiveName: string, lockWait?: number): Promise<string> {
    const mountpoint = join(this.options.root, randomUUID());
    await mkdir(mountpoint, { recursive: true, mode: 0o700 });
    const record: MountRecord = { mountpoint, repositoryId, archiveName, startedAt: new Date().toISOString() };
    this.records.set(mountpoint, record);
    await this.persist();
    const exited = runBorg(borg, { args: mountArgs({ archive: archiveName, mountpoint, lockWait }), repository: access });
    let ended: BorgRunResult | Error | undefined;
    void exited.then(
      (result) => (ended = result),
      (error: Error) => (ended = error),
    );
    // borg mounts only once it has read the archive's metadata (about 18 s for a million files).
    for (;;) {
      if (ended !== undefined) {
        await rmdir(mountpoint).catch(() => undefined);
        this.records.delete(mountpoint);
        await this.persist();
        if (ended instanceof Error) throw ended;
        throw ended.error ?? new BorgError({ code: 'unknown', summary: `Cairn could not mount the archive ${archiveName}.`, exitCode: ended.exitCode });
      }
      if ((await activeMountpoints()).has(mountpoint)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    this.live.set(this.key(repositoryId, archiveName), { record, borg, access, exited, lastUsed: Date.now() });
    this.armIdleTimer();
    return mountpoint;
  }

  /** Marks a mount as used now (it is unmounted only when idle). */
  touch(repositoryId: string, archiveName: string): string | null {
    const mount = this.live.get(this.key(repositoryId, archiveName));
    if (!mount || mount.closing) return null; // the caller mounts, which waits for the attempt
    mount.lastUsed = Date.now();
    return mount.record.mountpoint;
  }

  /** The mounts Cairn holds now. */
  list(): MountRecord[] {
    return [...this.live.values()].map((m) => m.record);
  }

  /**
   * Unmounts one archive; true when it was unmounted. `gently` (the idle timer): a mount still in
   * use, a file open in it by the app that opened it or a shell inside it, stays (borg umount fails
   * with "busy" then); otherwise a busy mount is detached lazily, as a backup or quit needs it gone.
   */
  async unmount(repositoryId: string, archiveName: string, gently = false): Promise<boolean> {
    const key = this.key(repositoryId, archiveName);
    await this.pending.get(key)?.catch(() => undefined);
    const mount = this.live.get(key);
    if (!mount) return false;
    const umount = (): Promise<unknown> => runBorg(mount.borg, { args: umountArgs(mount.record.mountpoint), repository: mount.access }).catch(() => undefined);
    if (gently) {
      // Tried while still listed, so that a mount in use stays exactly as it was.
      mount.closing = (async () => {
        await umount();
        const stayed = (await activeMountpoints()).has(mount.record.mountpoint);
        if (stayed) mount.lastUsed = Date.now();
        else if (this.live.get(key) === mount) this.live.delete(key);
        return stayed;
      })().finally(() => (mount.closing = undefined));
      if (await mount.closing) return false;
      if (!this.records.has(mount.record.mountpoint)) return false; // an unmountAll meanwhile finished it
    } else {
      this.live.delete(key);
      await umount();
      if ((await activeMountpoints()).has(mount.record.mountpoint)) await fuseUnmount(mount.record.mountpoint);
    }
    await mount.exited.catch(() => undefined); // `borg mount -f` exits 0 once unmounted
    await rmdir(mount.record.mountpoint).catch(() => undefined);
    this.records.delete(mount.record.mountpoint);
    await this.persist();
    return true;
  }

  /** Unmounts every archive of a repository (before a backup of it, or when it is removed). */
  async unmountRepository(repositoryId: string): Promise<void> {
    await this.unmountWhere((key) => key.startsWith(`${repositoryId}\u0000`));
  }

  /** Unmounts everything (window closed, quit), mounts still being made included; ends after an idle sweep under way. */
  async unmountAll(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all([this.sweep?.catch(() => undefined), this.unmountWhere(() => true)]);
  }

  /** Unmounts the live and the pending mounts whose key passes `chosen` (unmount waits for a pending one). */
  private async unmountWhere(chosen: (key: string) => boolean): Promise<void> {
    const keys = [...new Set([...this.live.keys(), ...this.pending.keys()])].filter(chosen);
    await Promise.all(
      keys.map((key) => {
        const [repositoryId = '', archiveName = ''] = key.split('\u0000');
        return this.unmount(repositoryId, archiveName);
      }),
    );
  }

  /** Unmounts the mounts a previous run of Cairn recorded and left behind (it crashed or was killed). */
  async cleanupStale(): Promise<string[]> {
    const recorded = await this.load();
    const mine = new Set(this.records.keys());
    const active = await activeMountpoints();
    const cleaned: string[] = [];
    for (const record of recorded) {
      if (mine.has(record.mountpoint)) continue;
      if (active.has(record.mountpoint)) await fuseUnmount(record.mountpoint);
      await rmdir(record.mountpoint).catch(() => undefined);
      cleaned.push(record.mountpoint);
    }
    await this.persist();
    return cleaned;
  }

  /** Unmounts what was not used for idleMs, unless something still has it open (tried again later). */
  async unmountIdle(now = Date.now()): Promise<void> {
    // One sweep at a time: a borg umount takes longer than the timer's period, and a sweep that saw
    // no mounts while another had one out for unmounting would stop the timer for good.
    if (this.sweep) return this.sweep;
    const idle = [...this.live.values()].filter((m) => now - m.lastUsed >= this.idleMs).map((m) => m.record);
    this.sweep = Promise.all(idle.map((r) => this.unmount(r.repositoryId, r.archiveName, true))).then(() => undefined);
    try {
      await this.sweep;
    } finally {
      this.sweep = undefined;
    }
    if (this.live.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private armIdleTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.unmountIdle(), Math.max(250, Math.min(this.idleMs / 4, 30_000)));
    this.timer.unref(); // a mount never keeps the CLI or a test alive
  }

  private async load(): Promise<MountRecord[]> {
    try {
      const parsed = z.array(recordSchema).safeParse(JSON.parse(await readFile(this.options.stateFile, 'utf8')));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }

  private async persist(): Promise<void> {
    await writeFileAtomic(this.options.stateFile, JSON.stringify([...this.records.values()]));
  }
}

/** The FUSE way to end a mount whose borg process is gone (a crash left it, or umount failed). */
async function fuseUnmount(mountpoint: string): Promise<void> {
  for (const args of [['-u', mountpoint], ['-u', '-z', mountpoint]]) {
    for (const program of ['fusermount3', 'fusermount']) {
      try {
        await run(program, args);
        return;
      } catch {
        // try the next way
      }
    }
  }
}
