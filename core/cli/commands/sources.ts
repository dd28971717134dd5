import type { Command } from 'commander';
import { WorkbenchError } from '../../errors.ts';
import { openSession } from '../../service.ts';
import { EnvSecretStore } from '../../workspace/secrets.ts';
import type { CliIO } from '../io.ts';
import { withWorkspaceOption, workspaceDir } from '../workspaceOption.ts';

export function registerSources(program: Command, io: CliIO): void {
  const sources = program.command('sources').description('List the workspace\'s sources, or test one.');
  withWorkspaceOption(
    sources.command('list', { isDefault: true }).description('Every source with its tables, row counts and last sync.'),
  ).action(async (options: { workspace?: string }) => {
    const session = await openSession(workspaceDir(options, io), { secrets: new EnvSecretStore(io.env) });
    try {
      const statuses = await session.handlers.listSources({});
      if (statuses.length === 0) {
        await io.stdout.write('This workspace has no sources. Declare them under `sources:` in bizops.yml.\n');
        return;
      }
      const rows = statuses.map((status) => [
        status.name,
        status.type,
        String(status.tables.length),
        status.tables.reduce((sum, table) => sum + table.rows, 0).toLocaleString('en-US'),
        status.lastRun ? `${status.lastRun.startedAt.replace('T', ' ').replace('Z', ' UTC')}` : 'never',
        status.lastRun?.status ?? '',
      ]);
      await io.stdout.write(alignedTable(['source', 'type', 'tables', 'rows', 'last sync', 'status'], rows, [2, 3]));
    } finally {
      await session.close();
    }
  });
  withWorkspaceOption(
    sources.command('test').description('Check that a source can be reached with its options and secrets.').argument('<name>', 'the source'),
  ).action(async (name: string, options: { workspace?: string }) => {
    const session = await openSession(workspaceDir(options, io), { secrets: new EnvSecretStore(io.env) });
    try {
      const outcome = await session.handlers.testSource({ name });
      if (!outcome.ok) {
        throw new WorkbenchError({ code: 'source_unreachable', message: `Source "${name}" failed its test: ${outcome.message}`, where: name });
      }
      await io.stdout.write(`✓ ${outcome.message}\n`);
    } finally {
      await session.close();
    }
  });
}

function alignedTable(header: string[], rows: string[][], rightAligned: number[]): string {
  const widths = header.map((name, i) => Math.max(name.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (rightAligned.includes(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd() + '\n';
  return line(header) + line(widths.map((width) => '─'.repeat(width))) + rows.map(line).join('');
}
