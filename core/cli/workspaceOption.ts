import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIO } from './io.ts';

/** Every command that works on a workspace takes `--workspace DIR`, defaulting to the current folder. */
export function withWorkspaceOption(command: Command): Command {
  return command.option('-w, --workspace <dir>', 'the workspace folder (default: the current folder)');
}

export function workspaceDir(options: { workspace?: string }, io: CliIO): string {
  return resolve(io.cwd, options.workspace ?? '.');
}
