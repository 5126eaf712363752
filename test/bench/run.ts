// `npm run bench [backup] [idle]`: runs the named benchmarks (all by default) and prints their figures.
import { runBackupBench } from './backup.js';
import { runIdleBench } from './idle.js';

const benches: Record<string, () => Promise<void>> = { backup: runBackupBench, idle: runIdleBench };
const chosen = process.argv.slice(2).filter((name) => name in benches);
for (const name of chosen.length > 0 ? chosen : Object.keys(benches)) await benches[name]!();
