import type { Command } from 'commander';
import { runBorg } from '../../core/borg/runner.js';
import { findJob, findRepository } from '../../core/config/edit.js';
import type { CliContext } from '../context.js';

/**
 * `cairn borg JOB -- ARGS…`: borg with that job's repository, passphrase and SSH settings, like
 * NixOS's `borg-job-NAME`. `::` and `::ARCHIVE` refer to the job's repository.
 */
export function registerBorg(program: Command, context: () => CliContext): void {
  program
    .command('borg <job> [args...]')
    .description("run borg on a job's repository, e.g. cairn borg laptop -- list ::")
    .allowUnknownOption()
    .action(async (jobRef: string, args: string[]) => {
      const { core, output } = context();
      const { config } = await core.store.load();
      const job = findJob(config, jobRef);
      const repository = findRepository(config, job.repositoryId);
      if (args.length === 0) throw new Error('Give borg a command, e.g. cairn borg JOB -- list ::');
      const controller = new AbortController();
      const onInterrupt = () => controller.abort();
      process.on('SIGINT', onInterrupt);
      try {
        const result = await runBorg(await core.borg(), {
          args,
          repository: await core.access(repository),
          signal: controller.signal,
          onStdoutLine: (line) => process.stdout.write(`${line}\n`),
          onEvent: (event) => {
            if (event.type === 'raw') output.err(event.line);
            else if (event.type === 'log_message') output.err(event.message);
          },
        });
        process.exitCode = result.exitCode ?? 2;
      } finally {
        process.off('SIGINT', onInterrupt);
      }
    });
}
