import { Command, CommanderError } from 'commander';
import { registerBackups } from './commands/backups.js';
import { registerBorg } from './commands/borg.js';
import { registerJobs } from './commands/jobs.js';
import { registerPair } from './commands/pair.js';
import { registerRepos } from './commands/repos.js';
import { registerServer } from './commands/server.js';
import { registerStates } from './commands/states.js';
import { registerStatus } from './commands/status.js';
import { contextFrom, reportError, type CliContext, type GlobalOptions } from './context.js';
import { ExitCode, terminalOutput } from './output.js';
import { cairnVersion } from './version.js';

/** The `cairn` command line: every command group registered on one program. */
export function buildProgram(): Command {
  const program = new Command('cairn')
    .description('Cairn keeps this computer backed up with BorgBackup.')
    .option('--config <file>', 'use this config file (default: the platform config dir, or $CAIRN_CONFIG_DIR)')
    .version(cairnVersion(), '-V, --version')
    .option('--json', 'machine-readable output')
    .exitOverride()
    .showHelpAfterError();
  let context: CliContext | undefined;
  const lazyContext = () => (context ??= contextFrom(program.opts<GlobalOptions>()));
  registerStates(program, lazyContext);
  registerRepos(program, lazyContext);
  registerPair(program, lazyContext);
  registerJobs(program, lazyContext);
  registerBackups(program, lazyContext);
  registerBorg(program, lazyContext);
  registerStatus(program, lazyContext);
  registerServer(program, lazyContext);
  return program;
}

/** Runs the CLI and returns its exit code (see ExitCode). */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; other parse errors were already printed by commander.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    return reportError(error, terminalOutput(program.opts<GlobalOptions>().json === true));
  }
}
