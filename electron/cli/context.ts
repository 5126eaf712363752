import { createCore, type CairnCore } from '../core/core.js';
import { BorgError } from '../core/borg/errors.js';
import { ConfigError } from '../core/config/errors.js';
import { ConfigLookupError } from '../core/config/lookup.js';
import { SshError } from '../core/ssh/errors.js';
import { ExitCode, terminalOutput, type Output } from './output.js';

/** What every command gets: the core (built from --config) and where to print. */
export interface CliContext {
  core: CairnCore;
  output: Output;
}

/** The options every command inherits from the program. */
export interface GlobalOptions {
  config?: string;
  json?: boolean;
}

/** Builds the context lazily, once the global options are parsed. */
export function contextFrom(globals: GlobalOptions): CliContext {
  return {
    core: createCore({ configFile: globals.config }),
    output: terminalOutput(globals.json === true),
  };
}

/** Prints an error the way a person can act on it, and gives the exit code for it. */
export function reportError(error: unknown, output: Output): number {
  if (error instanceof ConfigError || error instanceof ConfigLookupError) {
    output.err(`cairn: ${error.message}`);
    return ExitCode.usage;
  }
  if (error instanceof BorgError || error instanceof SshError) {
    output.err(`cairn: ${error instanceof BorgError ? error.summary : error.message}`);
    if (error.hint) output.err(`  ${error.hint}`);
    return ExitCode.error;
  }
  output.err(`cairn: ${(error as Error).message ?? String(error)}`);
  return ExitCode.error;
}
