import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import {
  DuckDBConnection,
  type DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBMaterializedResult,
  type DuckDBType,
  StatementType,
  version as duckdbVersion,
} from '@duckdb/node-api';
import type { RecordBatch, Schema } from 'apache-arrow';
import type { Catalog, ColumnInfo, QueryResult, ResultPage } from '../api/query.ts';
import { WorkbenchError } from '../errors.ts';
import { arrowSchema, chunkToRecordBatch, toIpcStream } from './arrow.ts';
import { readCatalog } from './catalog.ts';
import { parseDuckDBError, sqlError } from './sqlError.ts';
import { splitStatements } from './statements.ts';

export interface EngineOptions {
  /** Where DuckDB spills large intermediate results. */
  tempDirectory?: string;
  /** How the workspace is named in errors, e.g. its folder. */
  label?: string;
  /** DuckDB settings for the instance, e.g. `{ memory_limit: '2GB', threads: '4' }`. */
  settings?: Record<string, string>;
}

export interface RunQueryOptions {
  sql: string;
  queryId?: string;
  pageSize: number;
  onProgress?: (percent: number, elapsedMs: number) => void;
}

export interface StreamedResult {
  columns: { name: string; type: DuckDBType }[];
  /** The rows, chunk by chunk; the connection closes when iteration ends. */
  chunks(): AsyncGenerator<DuckDBDataChunk>;
}

/** Most results a workspace keeps open at once; the oldest is dropped beyond this. */
const MAX_KEPT_RESULTS = 64;
const PROGRESS_INTERVAL_MS = 250;
/** JSON errors carry positions; the progress bar must be enabled for progress to be tracked (not printed). */
const QUERY_SESSION_SETTINGS =
  'SET errors_as_json = true; SET enable_progress_bar = true; SET enable_progress_bar_print = false';

/**
 * A result kept for paging. A SELECT's rows live in a temporary table on the query's own connection and are
 * read a page at a time by rowid; other statements' (small) results are kept as Arrow batches.
 */
interface KeptResult {
  connection: DuckDBConnection;
  columns: ColumnInfo[];
  schema: Schema;
  types: DuckDBType[];
  rowCount: number;
  table?: string;
  /** The table's own column names (DuckDB makes repeated names unique: `id`, `id_1`). */
  tableColumns?: string[];
  /** A sorted or filtered copy of `table` that pages are read from instead, with its row count. */
  view?: { table: string; rowCount: number };
  batches?: RecordBatch[];
  /** Serializes reads: a DuckDB connection runs one statement at a time. */
  queue: Promise<unknown>;
}

const openEngines = new Map<string, { engine: Promise<Engine>; refs: number }>();

/** A kept SELECT result as a table on its own connection, for work done in SQL on it: refine, export, chart. */
export interface ResultTable {
  connection: DuckDBConnection;
  /** The temporary table holding the result as it ran. */
  table: string;
  /** Its column names as SQL sees them, in the result's column order. */
  columnNames: string[];
  columns: ColumnInfo[];
  rowCount: number;
  /** What pages are read from now: `table`, or the refined copy set with `show`. */
  view: { table: string; rowCount: number };
  /** Read pages from `table` (with `rowCount` rows) from now on; `undefined` goes back to the result as it ran. */
  show(view: { table: string; rowCount: number } | undefined): void;
}

/** The workspace's DuckDB database: one instance per file per process, queries on their own connections. */
export class Engine {
  private readonly running = new Map<string, DuckDBConnection>();
  private readonly results = new Map<string, KeptResult>();

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly path: string,
  ) {}

  /** Open (or share, within this process) the database at `path`. Pair every open with a close. */
  static async open(path: string, options: EngineOptions = {}): Promise<Engine> {
    const key = canonicalPath(path);
    const shared = openEngines.get(key);
    if (shared) {
      shared.refs++;
      return shared.engine;
    }
    const engine = Engine.create(path, options);
    openEngines.set(key, { engine, refs: 1 });
    engine.catch(() => openEngines.delete(key));
    return engine;
  }

  private static async create(path: string, options: EngineOptions): Promise<Engine> {
    // Bulk loads (a sync, a model build) write each row group out as soon as it is full rather than gathering
    // five first: a third less memory for a 1M-row Salesforce sync, no slower.
    const config: Record<string, string> = { write_buffer_row_group_count: '1', ...options.settings, custom_user_agent: 'bizops-workbench' };
    if (options.tempDirectory) config.temp_directory = options.tempDirectory;
    try {
      return new Engine(await DuckDBInstance.create(path, config), path);
    } catch (error) {
      throw openError(error, path, options.label);
    }
  }

  static get duckdbVersion(): string {
    return duckdbVersion();
  }

  async close(): Promise<void> {
    const key = canonicalPath(this.path);
    const shared = openEngines.get(key);
    if (shared && --shared.refs > 0) return;
    openEngines.delete(key);
    for (const connection of this.running.values()) connection.interrupt();
    for (const queryId of [...this.results.keys()]) await this.closeQuery(queryId);
    this.instance.closeSync();
  }

  /** A fresh connection for work of its own (sync, build, push); the caller disconnects it. */
  async connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.connect();
    try {
      return await work(connection);
    } finally {
      connection.disconnectSync();
    }
  }

  /**
   * Run one or more statements on a connection of their own. The last statement's result is kept for
   * paging (see KeptResult) and its first page returned; `cancelQuery(queryId)` interrupts it.
   */
  async runQuery(options: RunQueryOptions): Promise<QueryResult> {
    const queryId = options.queryId ?? randomUUID();
    const statements = splitStatements(options.sql);
    if (statements.length === 0) {
      throw new WorkbenchError({ code: 'invalid_argument', message: 'The SQL has no statement to run, only comments.' });
    }
    if (this.running.has(queryId)) {
      throw new WorkbenchError({
        code: 'conflict',
        message: `Query ${queryId} is still running.`,
        hint: 'Cancel it or wait for it to finish before running it again.',
      });
    }
    await this.closeQuery(queryId);
    const started = performance.now();
    const connection = await this.connect();
    this.running.set(queryId, connection);
    const progress = options.onProgress && this.watchProgress(connection, started, options.onProgress);
    try {
      await connection.run(QUERY_SESSION_SETTINGS);
      for (const statement of statements.slice(0, -1)) {
        await connection.run(statement.text).catch((error: unknown) => {
          throw sqlError(error, { sql: options.sql, statementStart: statement.start });
        });
      }
      const last = statements[statements.length - 1];
      const kept = await keepResult(connection, last.text).catch((error: unknown) => {
        if (error instanceof WrappedStatementError) {
          throw sqlError(error.cause, { sql: options.sql, statementStart: last.start, wrapperLength: error.wrapperLength });
        }
        throw sqlError(error, { sql: options.sql, statementStart: last.start });
      });
      this.keep(queryId, kept.result);
      const firstPage = await this.fetchPage(queryId, 0, options.pageSize);
      return {
        queryId,
        columns: kept.result.columns,
        rowCount: kept.result.rowCount,
        elapsedMs: Math.round(performance.now() - started),
        statementType: StatementType[kept.statementType] ?? 'UNKNOWN',
        statement: last.text,
        firstPage,
      };
    } catch (error) {
      if (!this.results.has(queryId)) connection.disconnectSync();
      throw error;
    } finally {
      if (progress) clearInterval(progress);
      this.running.delete(queryId);
    }
  }

  async fetchPage(queryId: string, offset: number, limit: number): Promise<ResultPage> {
    const kept = this.kept(queryId);
    const read = kept.queue.then(() => readPage(kept, offset, limit));
    kept.queue = read.catch(() => undefined);
    return read;
  }

  /** Work on a kept result's table on its own connection, in turn with its page reads. */
  async withResultTable<T>(queryId: string, work: (result: ResultTable) => Promise<T>): Promise<T> {
    const kept = this.kept(queryId);
    const { table, tableColumns } = kept;
    if (!table || !tableColumns) {
      throw new WorkbenchError({
        code: 'unsupported',
        message: 'This result is not a table of rows (it came from a statement other than SELECT), so it cannot be sorted, filtered, exported or charted.',
        hint: 'Run a SELECT, e.g. `select * from (…)` around the statement, or `select * from duckdb_tables()`.',
      });
    }
    const done = kept.queue.then(() =>
      work({
        connection: kept.connection,
        table,
        columnNames: tableColumns,
        columns: kept.columns,
        rowCount: kept.rowCount,
        view: kept.view ?? { table, rowCount: kept.rowCount },
        show: (view) => {
          kept.view = view;
        },
      }),
    );
    kept.queue = done.catch(() => undefined);
    return done;
  }

  cancelQuery(queryId: string): boolean {
    const connection = this.running.get(queryId);
    connection?.interrupt();
    return connection !== undefined;
  }

  async closeQuery(queryId: string): Promise<boolean> {
    const kept = this.results.get(queryId);
    if (!kept) return false;
    this.results.delete(queryId);
    await kept.queue;
    kept.connection.disconnectSync();
    return true;
  }

  /**
   * Run SQL and stream the last statement's rows chunk by chunk, without keeping them: for the CLI and
   * exports, where every row is read once in order.
   */
  async streamQuery(sql: string): Promise<StreamedResult> {
    const statements = splitStatements(sql);
    if (statements.length === 0) {
      throw new WorkbenchError({ code: 'invalid_argument', message: 'The SQL has no statement to run, only comments.' });
    }
    const connection = await this.connect();
    try {
      await connection.run(QUERY_SESSION_SETTINGS);
      for (const statement of statements.slice(0, -1)) {
        await connection.run(statement.text).catch((error: unknown) => {
          throw sqlError(error, { sql, statementStart: statement.start });
        });
      }
      const last = statements[statements.length - 1];
      const result = await connection.stream(last.text).catch((error: unknown) => {
        throw sqlError(error, { sql, statementStart: last.start });
      });
      const names = result.columnNames();
      const types = result.columnTypes();
      return {
        columns: names.map((name, i) => ({ name, type: types[i] })),
        async *chunks() {
          try {
            for (;;) {
              const chunk = await result.fetchChunk().catch((error: unknown) => {
                throw sqlError(error, { sql, statementStart: last.start });
              });
              if (!chunk || chunk.rowCount === 0) return;
              yield chunk;
            }
          } finally {
            connection.disconnectSync();
          }
        },
      };
    } catch (error) {
      connection.disconnectSync();
      throw error;
    }
  }

  async catalog(): Promise<Catalog> {
    return this.withConnection(readCatalog);
  }

  private kept(queryId: string): KeptResult {
    const kept = this.results.get(queryId);
    if (!kept) {
      throw new WorkbenchError({
        code: 'not_found',
        message: `There is no open result for query ${queryId}.`,
        hint: 'Run the query again: results are dropped when closed, re-run or when the workspace closes.',
      });
    }
    return kept;
  }

  private keep(queryId: string, result: KeptResult): void {
    this.results.set(queryId, result);
    if (this.results.size > MAX_KEPT_RESULTS) {
      const oldest = this.results.keys().next().value;
      if (oldest !== undefined) void this.closeQuery(oldest);
    }
  }

  private watchProgress(
    connection: DuckDBConnection,
    started: number,
    report: (percent: number, elapsedMs: number) => void,
  ): NodeJS.Timeout {
    return setInterval(() => {
      const percent = connection.progress.percentage;
      if (percent >= 0) report(Math.round(percent * 10) / 10, Math.round(performance.now() - started));
    }, PROGRESS_INTERVAL_MS);
  }
}

/** A failure of the wrapper around the user's statement, whose positions must be shifted back. */
class WrappedStatementError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly wrapperLength: number,
  ) {
    super('wrapped statement failed');
  }
}

const RESULT_TABLE = 'bizops_result';

async function keepResult(
  connection: DuckDBConnection,
  sql: string,
): Promise<{ result: KeptResult; statementType: StatementType }> {
  // Preparing first reports parse and bind errors at positions in the user's own text, and tells the type.
  const prepared = await connection.prepare(sql);
  const statementType = prepared.statementType;
  const columnNames = Array.from({ length: prepared.columnCount }, (_, i) => prepared.columnName(i));
  if (statementType === StatementType.SELECT) {
    const wrapper = `CREATE TEMP TABLE ${RESULT_TABLE} AS SELECT * FROM (\n`;
    try {
      const created = await connection.runAndReadAll(`${wrapper}${sql}\n)`);
      prepared.destroySync();
      const rowCount = Number(created.getRows()[0]?.[0] ?? 0);
      return { result: await tableResult(connection, columnNames, rowCount), statementType };
    } catch (error) {
      // Statements typed SELECT that cannot be a subquery (PRAGMA, …) fail to parse before running anything.
      if (parseDuckDBError(error).type !== 'Parser') throw new WrappedStatementError(error, wrapper.length);
    }
  }
  const materialized = await prepared.run();
  prepared.destroySync();
  return { result: memoryResult(connection, materialized, await materialized.fetchAllChunks()), statementType };
}

/** CREATE TABLE AS answers with the number of rows it wrote; the types come from the table itself. */
async function tableResult(connection: DuckDBConnection, columnNames: string[], rowCount: number): Promise<KeptResult> {
  const shape = await connection.run(`SELECT * FROM ${RESULT_TABLE} LIMIT 0`);
  const types = shape.columnTypes();
  const tableColumns = shape.columnNames();
  const names = columnNames.length === types.length ? columnNames : tableColumns;
  return {
    connection,
    columns: names.map((name, i) => ({ name, type: types[i].toString() })),
    schema: arrowSchema(names, types),
    types,
    rowCount,
    table: RESULT_TABLE,
    tableColumns,
    queue: Promise.resolve(),
  };
}

function memoryResult(
  connection: DuckDBConnection,
  result: DuckDBMaterializedResult,
  chunks: Awaited<ReturnType<DuckDBMaterializedResult['fetchAllChunks']>>,
): KeptResult {
  const names = result.columnNames();
  const types = result.columnTypes();
  const schema = arrowSchema(names, types);
  const batches = chunks.filter((chunk) => chunk.rowCount > 0).map((chunk) => chunkToRecordBatch(schema, types, chunk));
  return {
    connection,
    columns: names.map((name, i) => ({ name, type: types[i].toString() })),
    schema,
    types,
    rowCount: batches.reduce((sum, batch) => sum + batch.numRows, 0),
    batches,
    queue: Promise.resolve(),
  };
}

async function readPage(kept: KeptResult, offset: number, limit: number): Promise<ResultPage> {
  const end = Math.min(offset + limit, kept.view?.rowCount ?? kept.rowCount);
  if (offset >= end) return { offset, rowCount: 0, arrow: toIpcStream(kept.schema, []) };
  let batches: RecordBatch[];
  const table = kept.view?.table ?? kept.table;
  if (table) {
    const result = await kept.connection.run(
      `SELECT * FROM ${table} WHERE rowid >= ${offset} AND rowid < ${end} ORDER BY rowid`,
    );
    batches = (await result.fetchAllChunks())
      .filter((chunk) => chunk.rowCount > 0)
      .map((chunk) => chunkToRecordBatch(kept.schema, kept.types, chunk));
  } else {
    batches = sliceBatches(kept.batches ?? [], offset, end);
  }
  return { offset, rowCount: end - offset, arrow: toIpcStream(kept.schema, batches) };
}

function sliceBatches(batches: RecordBatch[], start: number, end: number): RecordBatch[] {
  const slices: RecordBatch[] = [];
  let at = 0;
  for (const batch of batches) {
    const from = Math.max(start - at, 0);
    const to = Math.min(end - at, batch.numRows);
    if (from < to) slices.push(batch.slice(from, to));
    at += batch.numRows;
  }
  return slices;
}

function canonicalPath(path: string): string {
  if (path === ':memory:') return `${path}:${randomUUID()}`;
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function openError(error: unknown, path: string, label = path): WorkbenchError {
  const { message } = parseDuckDBError(error);
  const lock = /Conflicting lock is held in .*?\(PID (\d+)\)/.exec(message);
  if (lock || /Could not set lock/.test(message)) {
    return new WorkbenchError(
      {
        code: 'workspace_locked',
        message: `The workspace is open in another BizOps process${lock ? ` (PID ${lock[1]})` : ''}.`,
        where: label,
        hint: 'Close the other BizOps window or command (a running `bizops serve` or `bizops app`), then try again.',
      },
      { cause: error },
    );
  }
  return new WorkbenchError(
    {
      code: 'workspace_unreadable',
      message: `The workspace database could not be opened: ${message}`,
      where: path,
      hint: 'Check that the file is a DuckDB database and that you may read and write it.',
    },
    { cause: error },
  );
}
