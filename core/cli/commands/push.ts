import { InvalidArgumentError, Option, type Command } from 'commander';
import { PUSH_MODES, type PushMode, type PushProgress, type PushResult } from '../../api/warehouse.ts';
import { WorkbenchError } from '../../errors.ts';
import { openSession } from '../../service.ts';
import { EnvSecretStore } from '../../workspace/secrets.ts';
import type { CliIO } from '../io.ts';
import { withWorkspaceOption, workspaceDir } from '../workspaceOption.ts';

interface PushOptions {
  workspace?: string;
  sql?: string;
  to: string;
  table?: string;
  mode: PushMode;
  key?: string[];
}

/** On a pipe or in CI, a progress line every so often instead of a line redrawn in place. */
const PLAIN_PROGRESS_INTERVAL_MS = 5000;

export function registerPush(program: Command, io: CliIO): void {
  withWorkspaceOption(
    program
      .command('push')
      .description('Push a table, view or query result to a Postgres warehouse of bizops.yml, in one transaction.')
      .argument('[table]', 'the workspace table or view to push, e.g. core.accounts')
      .option('--sql <sql>', 'push the rows of this SELECT instead of a table ("-" reads it from standard input)')
      .requiredOption('--to <warehouse>', 'the warehouse, a name under warehouses: in bizops.yml')
      .option('--table <name>', 'the warehouse table, name or schema.name (default: the pushed table\'s name, in the warehouse\'s schema)')
      .addOption(new Option('--mode <mode>', 'replace the table, append rows, or upsert on --key').choices(PUSH_MODES).default('replace'))
      .option('--key <columns>', 'the columns that identify a row, comma-separated (for --mode upsert)', parseColumns),
  ).action(async (table: string | undefined, options: PushOptions) => {
    if ((table === undefined) === (options.sql === undefined)) {
      throw new WorkbenchError({
        code: 'invalid_argument',
        message: table === undefined ? 'Say what to push: a table name or --sql.' : 'Push either a table or --sql, not both.',
        hint: 'e.g. `bizops push core.accounts --to team` or `bizops push --sql "select …" --to team --table analytics.name`.',
      });
    }
    const source = table !== undefined ? { table } : { sql: options.sql === '-' ? await io.readStdin() : (options.sql ?? '') };
    const session = await openSession(workspaceDir(options, io), { secrets: new EnvSecretStore(io.env) });
    const pushId = `cli-${process.pid}`;
    const progress = new ProgressLine(io);
    const unsubscribe = session.events.subscribe((event) => {
      if (event.type === 'push.progress' && event.pushId === pushId) progress.show(event);
    });
    void io.untilInterrupted().then(() => session.handlers.cancelPush({ pushId }));
    try {
      const result = await session.handlers.pushToWarehouse({
        pushId,
        warehouse: options.to,
        source,
        ...(options.table !== undefined ? { target: options.table } : {}),
        mode: options.mode,
        ...(options.key !== undefined ? { key: options.key } : {}),
      });
      progress.clear();
      await io.stdout.write(`${describeResult(result)}\n`);
    } finally {
      progress.clear();
      unsubscribe();
      await session.close();
    }
  });
}

function parseColumns(value: string): string[] {
  const columns = value.split(',').map((column) => column.trim());
  if (columns.some((column) => column === '')) throw new InvalidArgumentError('list column names separated by commas, e.g. account_id,month.');
  return columns;
}

function describeResult(result: PushResult): string {
  const target = `${result.warehouse}: ${result.target.schema}.${result.target.table}`;
  const rows = `${count(result.rows)} row${result.rows === 1 ? '' : 's'}`;
  const what =
    result.mode === 'upsert'
      ? `${rows} (${count(result.inserted)} inserted, ${count(result.updated)} updated)`
      : rows;
  const verb = result.mode === 'replace' ? (result.createdTable ? 'created' : 'replaced') : result.mode === 'append' ? 'appended to' : 'upserted into';
  return `✓ ${verb} ${target} with ${what} in ${(result.elapsedMs / 1000).toFixed(1)} s (${count(result.rowsPerSecond)} rows/s)`;
}

class ProgressLine {
  private drawn = false;
  private lastPlain = 0;

  constructor(private readonly io: CliIO) {}

  show(progress: PushProgress): void {
    if (progress.phase !== 'sending') return;
    const total = progress.totalRows === null ? '' : ` of ${count(progress.totalRows)}`;
    const line = `sending ${count(progress.rowsSent)}${total} rows  ${count(progress.rowsPerSecond)} rows/s`;
    if (this.io.interactive) {
      void this.io.stderr.write(`\r\x1b[2K${line}`);
      this.drawn = true;
    } else if (progress.elapsedMs - this.lastPlain >= PLAIN_PROGRESS_INTERVAL_MS) {
      this.lastPlain = progress.elapsedMs;
      void this.io.stderr.write(`${line}\n`);
    }
  }

  clear(): void {
    if (this.drawn) void this.io.stderr.write('\r\x1b[2K');
    this.drawn = false;
  }
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
