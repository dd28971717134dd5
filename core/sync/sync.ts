import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileItem } from '../../connectors/fileReaders.ts';
import { sqlIdentifier } from '../../connectors/sql.ts';
import { ConnectorError, type ConnectorContext, type ExtractEnd, type ExtractItem, type TableSpec } from '../../connectors/types.ts';
import type { WorkbenchEvent } from '../api/events.ts';
import type { SyncSummary } from '../api/sync.ts';
import type { WorkbenchContext } from '../context.ts';
import { toErrorInfo, WorkbenchError } from '../errors.ts';
import { isInterrupt, parseDuckDBError } from '../engine/sqlError.ts';
import { loadFile } from './load.ts';
import { ensureSyncTables, finishRun, markInterruptedRuns, readState, startRun, writeState } from './runs.ts';
import { resolveSource, sourceConfig, type ResolvedSource } from './sources.ts';

export interface SyncOptions {
  fullRefresh?: boolean;
  signal?: AbortSignal;
  emit?: (event: WorkbenchEvent) => void;
}

export const rawSchema = (source: string) => `raw_${source}`;

const PROGRESS_INTERVAL_MS = 250;

/**
 * Sync one source into `raw_<source>`: every table, the sync state and the run's success are committed in one
 * DuckDB transaction. A failure, a cancel or a killed process leaves every table and state as it was.
 */
export async function syncSource(context: WorkbenchContext, name: string, options: SyncOptions = {}): Promise<SyncSummary> {
  const started = performance.now();
  const runId = randomUUID();
  const fullRefresh = options.fullRefresh ?? false;
  const emit = options.emit ?? (() => undefined);
  const tempDir = join(context.workspace.tempDir, `sync-${runId}`);
  const connection = await context.engine.connect();
  const tables: SyncSummary['tables'] = [];
  let source: ResolvedSource | undefined;
  const onAbort = () => connection.interrupt();
  options.signal?.addEventListener('abort', onAbort);
  try {
    // UTC timestamps throughout; the progress bar is enabled (never printed) so DuckDB measures long loads.
    await connection.run("SET TimeZone = 'UTC'; SET enable_progress_bar = true; SET enable_progress_bar_print = false");
    await ensureSyncTables(connection);
    await markInterruptedRuns(connection);
    source = await resolveSource(context, name);
    await startRun(connection, { runId, source: name, connector: source.connector.type, fullRefresh });
    await mkdir(tempDir, { recursive: true });
    const connectorContext = {
      signal: options.signal ?? new AbortController().signal,
      tempDir,
      workspaceDir: context.workspace.root,
      log: (message: string) => context.events.log('info', `${name}: ${message}`),
    };
    const selected = selectTables(context, source, await source.connector.discover(source.options, { ...connectorContext, progress: () => undefined }));

    await connection.run('BEGIN TRANSACTION');
    await connection.run(`CREATE SCHEMA IF NOT EXISTS ${sqlIdentifier(rawSchema(name))}`);
    for (const [index, table] of selected.entries()) {
      options.signal?.throwIfAborted();
      const progress = new TableProgress(emit, { runId, source: name, table: table.name, tableIndex: index + 1, tableCount: selected.length }, connection);
      try {
        const landed = await syncTable(connection, source, table, { fullRefresh, tempDir, progress, connectorContext });
        tables.push(landed);
        progress.finish(landed.rows);
      } finally {
        progress.stop();
      }
    }
    // A cancel that arrives after the last item is still honored: nothing is committed.
    options.signal?.throwIfAborted();
    const rows = tables.reduce((sum, table) => sum + table.rows, 0);
    await finishRun(connection, runId, { status: 'success', tables: tables.length, rows });
    await connection.run('COMMIT');
    const summary: SyncSummary = { runId, source: name, status: 'success', fullRefresh, tables, rows, seconds: elapsed(started) };
    emit({ type: 'sync.finished', runId, source: name, status: 'success', rows, tables: tables.length });
    context.events.emit({ type: 'catalog.changed' });
    return summary;
  } catch (caught) {
    const cancelled = options.signal?.aborted === true || isInterrupt(caught);
    const error = cancelled
      ? new WorkbenchError({ code: 'cancelled', message: `The sync of ${name} was cancelled; its previous data is unchanged.` })
      : syncError(caught, name);
    await connection.run('ROLLBACK').catch(() => undefined);
    const status = cancelled ? 'cancelled' : 'failed';
    if (source) await finishRun(connection, runId, { status, tables: 0, rows: 0, error: error.message }).catch(() => undefined);
    emit({ type: 'sync.finished', runId, source: name, status, rows: 0, tables: 0, error: toErrorInfo(error) });
    return { runId, source: name, status, fullRefresh, tables: [], rows: 0, seconds: elapsed(started), error: toErrorInfo(error) };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    connection.disconnectSync();
    await rm(tempDir, { recursive: true, force: true });
  }
}

/** Sync sources one after another (each atomic on its own); all of them when none are named. */
export async function syncSources(
  context: WorkbenchContext,
  names: string[] | undefined,
  options: SyncOptions = {},
): Promise<SyncSummary[]> {
  const all = Object.keys(context.workspace.config.sources);
  const chosen = names && names.length > 0 ? names : all;
  if (chosen.length === 0) {
    throw new WorkbenchError({
      code: 'not_found',
      message: 'This workspace has no sources to sync.',
      where: context.workspace.configFile,
      hint: 'Declare sources under `sources:` in bizops.yml.',
    });
  }
  for (const name of chosen) sourceConfig(context, name);
  const summaries: SyncSummary[] = [];
  for (const name of chosen) {
    if (options.signal?.aborted) break;
    summaries.push(await syncSource(context, name, options));
  }
  return summaries;
}

function selectTables(context: WorkbenchContext, source: ResolvedSource, discovered: TableSpec[]): TableSpec[] {
  const wanted = source.config.tables;
  if (!wanted) return discovered.filter((table) => table.selectedByDefault !== false);
  return wanted.map((want, index) => {
    const found = discovered.find((table) => table.name === want || table.sourceName === want);
    if (!found) {
      throw new WorkbenchError({
        code: 'config_invalid',
        message: `Source "${source.name}" has no table "${want}".`,
        where: context.workspace.locate(['sources', source.name, 'tables', index]),
        hint: `Tables it offers: ${discovered.map((table) => table.name).join(', ')}.`,
      });
    }
    return found;
  });
}

interface TableSyncContext {
  fullRefresh: boolean;
  tempDir: string;
  progress: TableProgress;
  connectorContext: Omit<ConnectorContext, 'progress'>;
}

/**
 * Land one table inside the source's transaction. A first or full sync loads straight into the table (one
 * write); an incremental one loads into a staging table and merges it by primary key, deletes applied.
 */
async function syncTable(
  connection: DuckDBConnection,
  source: ResolvedSource,
  table: TableSpec,
  sync: TableSyncContext,
): Promise<SyncSummary['tables'][number]> {
  const schema = rawSchema(source.name);
  const target = qualified(schema, table.name);
  const state = sync.fullRefresh ? undefined : await readState(connection, source.name, table.name);
  const exists = await tableExists(connection, schema, table.name);
  const direct = sync.fullRefresh || state === undefined || !exists;
  const staging = `__bizops_staging_${table.name}`;
  const deleted = `__bizops_deleted_${table.name}`;
  let loaded = 0;
  let items = 0;
  let spooled = 0;
  let deletedKeys = false;

  const extract = source.connector.extract(
    source.options,
    { table, state, fullRefresh: sync.fullRefresh },
    { ...sync.connectorContext, progress: (rows, total) => sync.progress.extracted(rows, total) },
  );
  let end: ExtractEnd;
  try {
    for (;;) {
      const next = await extract.next();
      if (next.done) {
        end = next.value;
        break;
      }
      const item: ExtractItem = next.value;
      sync.connectorContext.signal.throwIfAborted();
      if (item.kind === 'deleted') {
        if (item.keys.length === 0) continue;
        const file = join(sync.tempDir, `${table.name}-deleted-${spooled++}.ndjson`);
        await writeNdjson(file, item.keys.map((key) => Object.fromEntries((table.primaryKey ?? []).map((column, i) => [column, key[i]]))));
        await loadFile(connection, { kind: 'file', path: file, format: 'ndjson', label: `${source.name} deletions` }, {
          schema,
          table: deleted,
          create: !deletedKeys,
        });
        deletedKeys = true;
        continue;
      }
      const file: FileItem =
        item.kind === 'file' ? item : await spoolRows(sync.tempDir, `${table.name}-${spooled++}`, item.rows, source.name, table);
      sync.progress.loading();
      loaded += await loadFile(connection, file, { schema, table: direct ? table.name : staging, create: items === 0 });
      items++;
      sync.progress.loaded(loaded);
    }
  } catch (error) {
    await extract.return?.(undefined as never).catch(() => undefined);
    throw error;
  }

  const key = table.primaryKey ?? [];
  if (direct) {
    if (items === 0) await createEmpty(connection, target, table);
    if (end.mode === 'changes' && key.length > 0 && items > 1) {
      const deduplicated = qualified(schema, `__bizops_last_${table.name}`);
      await keepLastPerKey(connection, target, deduplicated, key);
      await connection.run(`DROP TABLE ${target}; ALTER TABLE ${deduplicated} RENAME TO ${sqlIdentifier(table.name)}`);
    }
  } else if (items > 0 || deletedKeys) {
    if (end.mode === 'snapshot') {
      if (items > 0) await connection.run(`CREATE OR REPLACE TABLE ${target} AS SELECT * FROM ${qualified(schema, staging)}`);
      else await createEmpty(connection, target, table);
    } else {
      if (key.length === 0) {
        throw new ConnectorError(
          `Table ${table.name} has changes to merge but no primary key.`,
          `${source.name}.${table.name}`,
          'Set the primary key in the source\'s options, or run a full refresh (--full-refresh).',
        );
      }
      if (items > 0) {
        await mergeByKey(connection, target, qualified(schema, staging), qualified(schema, `__bizops_last_${table.name}`), key);
      }
      if (deletedKeys) await deleteByKey(connection, target, qualified(schema, deleted), key);
    }
  }
  for (const helper of [staging, deleted]) await connection.run(`DROP TABLE IF EXISTS ${qualified(schema, helper)}`);
  await writeState(connection, source.name, table.name, end.state);
  const rows = await tableExists(connection, schema, table.name)
    ? Number((await connection.runAndReadAll(`SELECT count(*) FROM ${target}`)).getRows()[0][0])
    : 0;
  return { name: table.name, rows, mode: direct ? 'snapshot' : end.mode };
}

/** Upsert by key: the last row of each key in the staging table replaces the table's row. */
async function mergeByKey(
  connection: DuckDBConnection,
  target: string,
  staging: string,
  deduplicated: string,
  key: string[],
): Promise<void> {
  await keepLastPerKey(connection, staging, deduplicated, key);
  await addColumnsFrom(connection, target, deduplicated);
  await connection.run(`DELETE FROM ${target} t WHERE EXISTS (SELECT 1 FROM ${deduplicated} s WHERE ${keyMatch(key)})`);
  await connection.run(`INSERT INTO ${target} BY NAME SELECT * FROM ${deduplicated}`);
  await connection.run(`DROP TABLE ${deduplicated}`);
}

async function deleteByKey(connection: DuckDBConnection, target: string, deleted: string, key: string[]): Promise<void> {
  await connection.run(`DELETE FROM ${target} t WHERE EXISTS (SELECT 1 FROM ${deleted} s WHERE ${keyMatch(key)})`);
}

async function keepLastPerKey(connection: DuckDBConnection, from: string, into: string, key: string[]): Promise<void> {
  const partition = key.map(sqlIdentifier).join(', ');
  await connection.run(
    `CREATE OR REPLACE TABLE ${into} AS
     SELECT * EXCLUDE (__bizops_rank) FROM (
       SELECT *, row_number() OVER (PARTITION BY ${partition} ORDER BY rowid DESC) AS __bizops_rank FROM ${from}
     ) WHERE __bizops_rank = 1`,
  );
}

function qualified(schema: string, table: string): string {
  return `${sqlIdentifier(schema)}.${sqlIdentifier(table)}`;
}

function keyMatch(key: string[]): string {
  return key.map((column) => `s.${sqlIdentifier(column)} IS NOT DISTINCT FROM t.${sqlIdentifier(column)}`).join(' AND ');
}

async function addColumnsFrom(connection: DuckDBConnection, target: string, source: string): Promise<void> {
  const existing = new Set((await connection.runAndReadAll(`DESCRIBE ${target}`)).getRows().map(([name]) => String(name).toLowerCase()));
  for (const [name, type] of (await connection.runAndReadAll(`DESCRIBE ${source}`)).getRows()) {
    if (!existing.has(String(name).toLowerCase())) {
      await connection.run(`ALTER TABLE ${target} ADD COLUMN ${sqlIdentifier(String(name))} ${String(type)}`);
    }
  }
}

async function createEmpty(connection: DuckDBConnection, target: string, table: TableSpec): Promise<void> {
  if (table.columns.length === 0) {
    await connection.run(`DROP TABLE IF EXISTS ${target}`);
    return;
  }
  const columns = table.columns.map((column) => `${sqlIdentifier(column.name)} ${column.type}`).join(', ');
  await connection.run(`CREATE OR REPLACE TABLE ${target} (${columns})`);
}

async function tableExists(connection: DuckDBConnection, schema: string, table: string): Promise<boolean> {
  const found = await connection.runAndReadAll(
    'SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = $1 AND table_name = $2',
    [schema, table],
  );
  return Number(found.getRows()[0][0]) > 0;
}

/** A batch of records becomes an NDJSON file for DuckDB's JSON reader: no row-by-row inserts. */
async function spoolRows(dir: string, name: string, rows: Record<string, unknown>[], source: string, table: TableSpec): Promise<FileItem> {
  const path = join(dir, `${name}.ndjson`);
  await writeNdjson(path, rows);
  const item: FileItem = { kind: 'file', path, format: 'ndjson', label: `${source} records` };
  // The table's declared columns and types, not whatever the first batch happens to look like.
  if (table.columns.length > 0) item.types = Object.fromEntries(table.columns.map((column) => [column.name, column.type]));
  return item;
}

async function writeNdjson(path: string, rows: Record<string, unknown>[]): Promise<void> {
  await writeFile(path, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
}

function syncError(error: unknown, source: string): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  if (error instanceof ConnectorError) {
    return new WorkbenchError(
      { code: 'source_error', message: error.message, where: error.where ?? source, hint: error.hint },
      { cause: error },
    );
  }
  const parts = parseDuckDBError(error);
  if (parts.type !== 'Unknown') {
    return new WorkbenchError(
      { code: 'sync_failed', message: `${parts.type} Error: ${parts.message.split('\n')[0]}`, where: source,
        hint: 'The source\'s previous data is unchanged. Check the source\'s data and options, then sync again.' },
      { cause: error },
    );
  }
  return new WorkbenchError(
    { code: 'source_error', message: error instanceof Error ? error.message : String(error), where: source,
      hint: 'The source\'s previous data is unchanged. Check the source and sync again.' },
    { cause: error },
  );
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) / 100) / 10;
}

/**
 * Progress of one table: rows so far, rows per second, and percent and ETA when the source tells its total or
 * DuckDB can measure its own progress through a large file.
 */
class TableProgress {
  private readonly started = performance.now();
  private rows = 0;
  private total?: number;
  private timer?: NodeJS.Timeout;
  private lastEmit = 0;

  constructor(
    private readonly emit: (event: WorkbenchEvent) => void,
    private readonly where: { runId: string; source: string; table: string; tableIndex: number; tableCount: number },
    private readonly connection: DuckDBConnection,
  ) {
    this.send();
  }

  extracted(rows: number, total?: number): void {
    this.rows = Math.max(this.rows, rows);
    if (total !== undefined) this.total = total;
    this.sendThrottled();
  }

  /** A file is being read by DuckDB: watch its progress until it is done. */
  loading(): void {
    this.timer ??= setInterval(() => this.sendThrottled(), PROGRESS_INTERVAL_MS);
  }

  loaded(rows: number): void {
    this.rows = Math.max(this.rows, rows);
    this.sendThrottled();
  }

  finish(rows: number): void {
    this.rows = rows;
    this.total = rows;
    this.stop();
    this.send(100);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private sendThrottled(): void {
    if (performance.now() - this.lastEmit >= PROGRESS_INTERVAL_MS) this.send();
  }

  private send(forcedPercent?: number): void {
    this.lastEmit = performance.now();
    const seconds = (performance.now() - this.started) / 1000;
    const rowsPerSecond = seconds > 0 ? Math.round(this.rows / seconds) : 0;
    let percent = forcedPercent;
    if (percent === undefined && this.total) percent = Math.min(100, (this.rows / this.total) * 100);
    if (percent === undefined && this.timer) {
      const measured = this.connection.progress.percentage;
      if (measured > 0) percent = measured;
    }
    const etaSeconds = percent && percent < 100 ? Math.round((seconds * (100 - percent)) / percent) : undefined;
    this.emit({
      type: 'sync.progress',
      ...this.where,
      rows: this.rows,
      rowsPerSecond,
      ...(percent !== undefined && { percent: Math.round(percent * 10) / 10 }),
      ...(etaSeconds !== undefined && { etaSeconds }),
    });
  }
}
