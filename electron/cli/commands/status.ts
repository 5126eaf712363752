import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { table } from '../output.js';

function ago(iso: string | undefined, now: number): string {
  if (!iso) return 'never';
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 120) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

/** `cairn status`: each job's last run and last success, and whether it is overdue. */
export function registerStatus(program: Command, context: () => CliContext): void {
  program
    .command('status')
    .description("each job's last run and last successful backup")
    .action(async () => {
      const { core, output } = context();
      const { config } = await core.store.load();
      const now = Date.now();
      const staleMs = config.settings.staleAfterDays * 24 * 60 * 60 * 1000;
      const rows = await Promise.all(
        config.jobs.map(async (job) => {
          const last = (await core.history.recent({ jobId: job.id, limit: 1 }))[0];
          const lastSuccess = await core.history.last(job.id, ['ok', 'warning']);
          const stale = !lastSuccess || now - Date.parse(lastSuccess.end) > staleMs;
          return { job: job.name, lastRun: last ?? null, lastSuccess: lastSuccess?.end ?? null, stale };
        }),
      );
      if (output.json) return output.out(JSON.stringify({ configFile: core.paths.configFile, jobs: rows }));
      if (rows.length === 0) return output.out(`No jobs yet (config: ${core.paths.configFile}).`);
      output.out(
        table(
          ['JOB', 'LAST RUN', 'RESULT', 'LAST SUCCESS', ''],
          rows.map((r) => [
            r.job,
            ago(r.lastRun?.end, now),
            r.lastRun ? r.lastRun.outcome + (r.lastRun.reason && r.lastRun.outcome !== 'ok' ? `: ${r.lastRun.reason}` : '') : '-',
            ago(r.lastSuccess ?? undefined, now),
            r.stale ? `no successful backup for over ${config.settings.staleAfterDays} days` : '',
          ]),
        ),
      );
      if (rows.some((r) => r.stale)) process.exitCode = 1;
    });
}
