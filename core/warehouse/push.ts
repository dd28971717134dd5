import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PushMode, PushPhase, PushProgress, PushResult } from '../api/warehouse.ts';
import type { WorkbenchContext } from '../context.ts';
import { WorkbenchError } from '../errors.ts';
import { connectWarehouse, resolveWarehouse, type Warehouse } from './connection.ts';
import { exportCsv, type CsvExport, type CsvSpool } from './csvExport.ts';
import { checkIdentifierLength, describeTable, parseTableName, type TableName } from './names.ts';
import { checkKey, exportSelect, resolveSource, type PushSource, type PushSourceSpec } from './source.ts';
import { inspectTarget, planPush, type PushPlan } from './target.ts';
import { warehouseError } from './warehouseError.ts';

export interface PushRequest {
  warehouse: string;
  source: PushSourceSpec;
  /** `table` or `schema.table`; by default the source table's own name, in the warehouse's schema. */
  target?: string;
  mode: PushMode;
  /** Columns that identify a row, for upsert. */
  key?: string[];
}

export interface PushOptions {
  signal?: AbortSignal;
  onProgress?: (progress: PushProgress) => void;
  spool?: CsvSpool;
}

const PROGRESS_INTERVAL_MS = 250;

/**
 * Send a table or query result of the workspace to a Postgres warehouse in one transaction: DuckDB writes
 * CSV that streams into `COPY … FROM STDIN`. Until the final COMMIT nothing is visible to other sessions, so
 * a failed, cancelled or killed push leaves the warehouse exactly as it was.
 */
export async function pushToWarehouse(context: WorkbenchContext, request: PushRequest, options: PushOptions = {}): Promise<PushResult> {
  const started = performance.now();
  const { signal } = options;
  const key = checkModeAndKey(request);
  const warehouse = await resolveWarehouse(context, request.warehouse);
  const tracker = new ProgressTracker(started, options.onProgress);
  tracker.phase('checking');
  const duckdb = await context.engine.connect();
  let exported: CsvExport | undefined;
  let client: pg.Client | undefined;
  let backendPid: number | undefined;
  let committing = false;
  const onAbort = () => {
    duckdb.interrupt();
    exported?.cancel();
    if (backendPid !== undefined && !committing) void cancelBackend(warehouse, backendPid);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let target: TableName | undefined;
  let source: PushSource | undefined;
  try {
    source = await resolveSource(duckdb, request.source);
    target = targetName(request, source, warehouse);
    if (request.mode === 'upsert') await checkKey(duckdb, source, key);
    const totalRows = source.rowCount ?? null;
    throwIfAborted(signal);
    client = await connectWarehouse(warehouse);
    backendPid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    // Text from DuckDB is ISO and UTC; a naive timestamp pushed into a timestamptz column is read as UTC.
    await client.query("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'");
    const plan = planPush(await inspectTarget(client, target), { source, target, mode: request.mode, key, warehouse });
    throwIfAborted(signal);
    await client.query('BEGIN');
    for (const statement of plan.prepare) await client.query(statement);
    throwIfAborted(signal);
    tracker.phase('sending', totalRows);
    exported = await exportCsv(duckdb, exportSelect(source), context.workspace.tempDir, options.spool);
    const rows = await sendRows(client, plan, exported, tracker, signal);
    await exported.close();
    throwIfAborted(signal);
    tracker.phase('finishing');
    for (const statement of plan.finish) await client.query(statement);
    const merged = plan.merge ? (await client.query<{ inserted: string; updated: string }>(plan.merge)).rows[0] : undefined;
    throwIfAborted(signal);
    committing = true;
    await client.query('COMMIT');
    const elapsedMs = Math.round(performance.now() - started);
    return {
      warehouse: warehouse.name,
      target,
      mode: request.mode,
      rows,
      inserted: merged ? Number(merged.inserted) : rows,
      updated: merged ? Number(merged.updated) : 0,
      createdTable: plan.createsTable,
      elapsedMs,
      rowsPerSecond: Math.round(rows / Math.max(tracker.sendingSeconds(), 0.001)),
    };
  } catch (error) {
    throw signal?.aborted && !committing
      ? new WorkbenchError(
          {
            code: 'cancelled',
            message: `The push${target ? ` to ${describeTable(target)}` : ''} was cancelled; the warehouse was left as it was.`,
            where: `warehouse ${warehouse.name}`,
          },
          { cause: error },
        )
      : warehouseError(error, { warehouse, target, source });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    tracker.stop();
    await exported?.close();
    // Ending the session rolls back whatever was not committed, on the server's side.
    await client?.end().catch(() => undefined);
    duckdb.disconnectSync();
  }
}

function checkModeAndKey(request: PushRequest): string[] {
  const key = request.key ?? [];
  if (request.mode === 'upsert' && key.length === 0) {
    throw new WorkbenchError({
      code: 'invalid_argument',
      message: 'An upsert needs the key columns that identify a row.',
      hint: 'Pass --key with one or more column names, e.g. --key account_id or --key account_id,month.',
    });
  }
  if (request.mode !== 'upsert' && key.length > 0) {
    throw new WorkbenchError({
      code: 'invalid_argument',
      message: `A key only applies to --mode upsert; this push is ${request.mode}.`,
      hint: 'Drop --key, or push with --mode upsert.',
    });
  }
  return key;
}

function targetName(request: PushRequest, source: PushSource, warehouse: Warehouse): TableName {
  const given = request.target === undefined ? undefined : parseTableName(request.target, 'The warehouse table');
  const table = given?.table ?? source.tableName;
  if (table === undefined) {
    throw new WorkbenchError({
      code: 'invalid_argument',
      message: 'A pushed query needs the name of the warehouse table to write.',
      hint: 'Pass --table schema.name (or just name, for the warehouse\'s schema).',
    });
  }
  const target = { schema: given?.schema ?? warehouse.config.schema, table };
  checkIdentifierLength(target.schema, 'schema name');
  checkIdentifierLength(target.table, 'table name');
  return target;
}

/** Stream the export into COPY; resolves with the number of rows Postgres stored. */
async function sendRows(
  client: pg.Client,
  plan: PushPlan,
  exported: CsvExport,
  tracker: ProgressTracker,
  signal: AbortSignal | undefined,
): Promise<number> {
  const copy = client.query(copyFrom(plan.copy));
  exported.data.on('data', (chunk: Buffer) => tracker.count(chunk));
  let failed = false;
  let fail: (error: unknown, copyFailed: boolean) => void = () => undefined;
  const onAbort = () => fail(new WorkbenchError({ code: 'cancelled', message: 'The push was cancelled.' }), false);
  try {
    await new Promise<void>((resolve, reject) => {
      fail = (error, copyFailed) => {
        if (failed) return;
        failed = true;
        exported.cancel();
        // A COPY the server already refused is over; one still open is ended with CopyFail, rolling it back.
        if (!copyFailed) copy.destroy(error instanceof Error ? error : new Error(String(error)));
        reject(error);
      };
      exported.data.on('error', (error) => fail(error, false));
      exported.written.catch((error: unknown) => fail(error, false));
      copy.on('error', (error) => fail(error, true));
      copy.once('finish', resolve);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort();
      exported.data.pipe(copy);
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return copy.rowCount;
}

/** Ask the server to stop our session's running statement; the transaction then rolls back. */
async function cancelBackend(warehouse: Warehouse, pid: number): Promise<void> {
  try {
    const canceller = await connectWarehouse(warehouse);
    try {
      await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
    } finally {
      await canceller.end();
    }
  } catch {
    // The push's own connection still fails or ends; the cancel only makes that prompt.
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WorkbenchError({ code: 'cancelled', message: 'The push was cancelled.' });
}

/** Counts rows as CSV lines go by (a line break inside a quoted value counts too, until COPY's own count). */
class ProgressTracker {
  private rowsSent = 0;
  private sendingStarted = 0;
  private sendingEnded = 0;
  private currentPhase: PushPhase = 'checking';
  private totalRows: number | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly started: number,
    private readonly onProgress: ((progress: PushProgress) => void) | undefined,
  ) {}

  phase(phase: PushPhase, totalRows: number | null = this.totalRows): void {
    const now = performance.now();
    if (phase === 'sending') {
      this.sendingStarted = now;
      this.totalRows = totalRows;
      if (this.onProgress && !this.timer) this.timer = setInterval(() => this.report(), PROGRESS_INTERVAL_MS);
    } else if (this.currentPhase === 'sending') {
      this.sendingEnded = now;
      this.stop();
    }
    this.currentPhase = phase;
    this.report();
  }

  count(chunk: Buffer): void {
    let at = chunk.indexOf(10);
    while (at !== -1) {
      this.rowsSent++;
      at = chunk.indexOf(10, at + 1);
    }
  }

  sendingSeconds(): number {
    const end = this.sendingEnded || performance.now();
    return this.sendingStarted === 0 ? 0 : (end - this.sendingStarted) / 1000;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private report(): void {
    const seconds = this.sendingSeconds();
    this.onProgress?.({
      phase: this.currentPhase,
      rowsSent: this.rowsSent,
      totalRows: this.totalRows,
      rowsPerSecond: seconds > 0 ? Math.round(this.rowsSent / seconds) : 0,
      elapsedMs: Math.round(performance.now() - this.started),
    });
  }
}
