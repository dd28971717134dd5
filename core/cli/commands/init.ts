import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { Workspace } from '../../workspace/workspace.ts';
import type { CliIO } from '../io.ts';

export function registerInit(program: Command, io: CliIO): void {
  program
    .command('init')
    .description('Create a workspace: bizops.yml, models/, dashboards/, packs/, queries/ and a .gitignore for .bizops/.')
    .argument('<dir>', 'the folder to create; it may exist but must not be a workspace already')
    .option('--name <name>', 'the workspace name (default: the folder name)')
    .action(async (dir: string, options: { name?: string }) => {
      const workspace = await Workspace.init(resolve(io.cwd, dir), { name: options.name });
      const nearby = relative(io.cwd, workspace.root);
      const shown = nearby.startsWith('..') ? workspace.root : nearby || '.';
      await io.stdout.write(
        `Created workspace "${workspace.config.name}" in ${workspace.root}\n` +
          `Next: cd ${shown} && bizops query "select 42 as answer"\n`,
      );
    });
}
