// `npm run bench [backup] [idle] [ui] [restore]`: runs the named benchmarks (all by default) and prints their figures.
import { runBackupBench } from './backup.js';
import { runIdleBench } from './idle.js';
import { runRestoreBench } from './restore.js';
import { runUiBench } from './ui.js';

const benches: Record<string, () => Promise<void>> = { backup: runBackupBench, idle: runIdleBench, restore: runRestoreBench, ui: runUiBench };
const chosen = process.argv.slice(2).filter((name) => name in benches);
for (const name of chosen.length > 0 ? chosen : Object.keys(benches)) await benches[name]!();
