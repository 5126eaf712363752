import type { Command } from 'commander';
import { addState, removeState } from '../../core/config/edit.js';
import type { CliContext } from '../context.js';
import { table } from '../output.js';

/** `cairn states add|list|remove`: named sets of folders, like Clan's `clan.core.state`. */
export function registerStates(program: Command, context: () => CliContext): void {
  const states = program.command('states').description('the folders that matter, by name');

  states
    .command('add <name> <folders...>')
    .description('add a state: a named set of folders backed up together')
    .option('--pre-script <script>', 'shell snippet run before each backup of this state')
    .option('--post-script <script>', 'shell snippet run after each backup of this state ($exitStatus)')
    .action(async (name: string, folders: string[], options: { preScript?: string; postScript?: string }) => {
      const { core, output } = context();
      const { state } = await core.store.apply((config) =>
        addState(config, { name, folders, preBackupScript: options.preScript, postBackupScript: options.postScript }),
      );
      output.out(output.json ? JSON.stringify(state) : `Added state ${state.name}: ${state.folders.join(', ')}`);
    });

  states
    .command('list')
    .description('list states')
    .action(async () => {
      const { core, output } = context();
      const { config } = await core.store.load();
      if (output.json) return output.out(JSON.stringify(config.states));
      if (config.states.length === 0) return output.out('No states yet. Add one: cairn states add NAME FOLDER...');
      output.out(table(['NAME', 'ID', 'FOLDERS'], config.states.map((s) => [s.name, s.id, s.folders.join(', ')])));
    });

  states
    .command('remove <name>')
    .description('remove a state no job uses')
    .action(async (name: string) => {
      const { core, output } = context();
      const { state } = await core.store.apply((config) => removeState(config, name));
      output.out(output.json ? JSON.stringify({ removed: state.name }) : `Removed state ${state.name}.`);
    });
}
