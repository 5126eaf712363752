// `npm run bench [backup] [idle] [ui] [restore]`: runs the named benchmarks (all by default) and prints their figures.
// Each runs in a Node process of its own: a peak-memory figure then counts only what that bench
// loaded (the UI bench alone brings in Playwright, about 60 MB) and never an earlier bench's peak.
import { spawnSync } from 'node:child_process';

const benches: Record<string, () => Promise<() => Promise<void>>> = {
  backup: async () => (await import('./backup.js')).runBackupBench,
  idle: async () => (await import('./idle.js')).runIdleBench,
  restore: async () => (await import('./restore.js')).runRestoreBench,
  ui: async () => (await import('./ui.js')).runUiBench,
};
const chosen = process.argv.slice(2).filter((name) => name in benches);
const [only] = chosen;
if (chosen.length === 1 && only !== undefined) {
  await (await benches[only]!())();
} else {
  for (const name of chosen.length > 0 ? chosen : Object.keys(benches)) {
    const run = spawnSync(process.execPath, [import.meta.filename, name], { stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
}
