import type { Command } from 'commander';
import type { WorkbenchEvent } from '../../api/events.ts';
import type { SyncSummary } from '../../api/sync.ts';
import { formatErrorInfo, WorkbenchError } from '../../errors.ts';
import { openSession } from '../../service.ts';
import { syncSources } from '../../sync/sync.ts';
import { EnvSecretStore } from '../../workspace/secrets.ts';
import type { CliIO } from '../io.ts';
import { withWorkspaceOption, workspaceDir } from '../workspaceOption.ts';

export function registerSync(program: Command, io: CliIO): void {
  withWorkspaceOption(
    program
      .command('sync')
      .description('Pull data from sources into raw_<source> tables; each source commits whole or not at all.')
      .argument('[sources...]', 'the sources to sync (default: every source in bizops.yml)')
      .option('--full-refresh', 'ignore incremental state and reload every table'),
  ).action(async (sources: string[], options: { workspace?: string; fullRefresh?: boolean }) => {
    const session = await openSession(workspaceDir(options, io), { secrets: new EnvSecretStore(io.env) });
    const cancel = new AbortController();
    void io.untilInterrupted().then(() => cancel.abort());
    const progress = new ProgressLine(io);
    try {
      const summaries = await syncSources(session, sources, {
        fullRefresh: options.fullRefresh ?? false,
        signal: cancel.signal,
        emit: (event) => progress.show(event),
      });
      progress.clear();
      await report(summaries, io);
    } finally {
      await session.close();
    }
  });
}

async function report(summaries: SyncSummary[], io: CliIO): Promise<void> {
  const failed = summaries.filter((summary) => summary.status !== 'success');
  for (const summary of summaries) {
    if (summary.status === 'success') {
      const tables = summary.tables.map((table) => `${table.name} ${table.rows.toLocaleString('en-US')}`).join(', ');
      await io.stdout.write(
        `✓ ${summary.source}: ${summary.tables.length} table${summary.tables.length === 1 ? '' : 's'}, ` +
          `${summary.rows.toLocaleString('en-US')} rows in ${summary.seconds.toFixed(1)} s (${tables})\n`,
      );
    } else if (summary.error) {
      await io.stderr.write(`✗ ${summary.source}: ${formatErrorInfo(summary.error)}\n`);
    }
  }
  if (failed.length > 0) {
    throw new WorkbenchError({
      code: failed.every((summary) => summary.status === 'cancelled') ? 'cancelled' : 'sync_failed',
      message: `${failed.length} of ${summaries.length} source${summaries.length === 1 ? '' : 's'} did not sync: ${failed.map((s) => s.source).join(', ')}.`,
      hint: 'Their previous data is unchanged; fix what is said above and run `bizops sync` again.',
    });
  }
}

/** One line per table: redrawn in place on a terminal, printed once when done otherwise. */
class ProgressLine {
  private drawn = false;

  constructor(private readonly io: CliIO) {}

  show(event: WorkbenchEvent): void {
    if (event.type !== 'sync.progress') return;
    const done = event.percent === 100;
    if (!this.io.interactive && !done) return;
    const position = `[${event.tableIndex}/${event.tableCount}]`;
    const rows = `${event.rows.toLocaleString('en-US')} rows`;
    const rate = event.rowsPerSecond > 0 ? `  ${event.rowsPerSecond.toLocaleString('en-US')} rows/s` : '';
    const bar = event.percent === undefined ? '' : `${progressBar(event.percent)} ${Math.floor(event.percent)}%  `;
    const eta = event.etaSeconds !== undefined && !done ? `  eta ${event.etaSeconds}s` : '';
    const line = `${event.source} › ${event.table} ${position} ${bar}${rows}${rate}${eta}`;
    if (this.io.interactive) {
      void this.io.stderr.write(`\r\x1b[2K${line}${done ? '\n' : ''}`);
      this.drawn = !done;
    } else {
      void this.io.stderr.write(`${line}\n`);
    }
  }

  clear(): void {
    if (this.drawn) void this.io.stderr.write('\r\x1b[2K');
    this.drawn = false;
  }
}

function progressBar(percent: number, width = 20): string {
  const filled = Math.round((Math.min(100, Math.max(0, percent)) / 100) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}
