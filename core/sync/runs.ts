import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The sync log and incremental state, kept in the workspace database (under .bizops/) in schema `_bizops`:
 * `_bizops.sync_runs` (one row per source per sync, queryable like any table) and `_bizops.sync_state`.
 * State is written in the same transaction as the data it describes.
 */
export const META_SCHEMA = '_bizops';
/**
 * The current time as a UTC TIMESTAMP, whatever the connection's TimeZone: the log's times are read back with a `Z`.
 * (`now()::TIMESTAMP` would be the machine's local wall clock.)
 */
export const UTC_NOW = "(now() AT TIME ZONE 'UTC')";

export type RunStatus = 'running' | 'success' | 'failed' | 'cancelled' | 'interrupted';

export interface SyncRunRecord {
  runId: string;
  source: string;
  connector: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  fullRefresh: boolean;
  tables: number;
  rows: number;
  error: string | null;
}

export async function ensureSyncTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    CREATE SCHEMA IF NOT EXISTS ${META_SCHEMA};
    CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.sync_runs (
      run_id VARCHAR NOT NULL,
      source VARCHAR NOT NULL,
      connector VARCHAR NOT NULL,
      started_at TIMESTAMP NOT NULL,
      finished_at TIMESTAMP,
      status VARCHAR NOT NULL,
      full_refresh BOOLEAN NOT NULL,
      tables INTEGER NOT NULL DEFAULT 0,
      rows BIGINT NOT NULL DEFAULT 0,
      error VARCHAR,
      pid INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.sync_state (
      source VARCHAR NOT NULL,
      table_name VARCHAR NOT NULL,
      state JSON,
      updated_at TIMESTAMP NOT NULL
    );
  `);
}

/** Runs left `running` by a process that is gone (killed, crashed) are marked `interrupted`. */
export async function markInterruptedRuns(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    `UPDATE ${META_SCHEMA}.sync_runs SET status = 'interrupted' WHERE status = 'running' AND pid <> $1`,
    [process.pid],
  );
}

export async function startRun(
  connection: DuckDBConnection,
  run: { runId: string; source: string; connector: string; fullRefresh: boolean },
): Promise<void> {
  await connection.run(
    `INSERT INTO ${META_SCHEMA}.sync_runs (run_id, source, connector, started_at, status, full_refresh, pid)
     VALUES ($1, $2, $3, ${UTC_NOW}, 'running', $4, $5)`,
    [run.runId, run.source, run.connector, run.fullRefresh, process.pid],
  );
}

export async function finishRun(
  connection: DuckDBConnection,
  runId: string,
  outcome: { status: RunStatus; tables: number; rows: number; error?: string },
): Promise<void> {
  await connection.run(
    `UPDATE ${META_SCHEMA}.sync_runs
     SET status = $2, tables = $3, rows = $4, error = $5, finished_at = ${UTC_NOW}
     WHERE run_id = $1`,
    [runId, outcome.status, outcome.tables, outcome.rows, outcome.error ?? null],
  );
}

export async function readState(connection: DuckDBConnection, source: string, table: string): Promise<unknown> {
  const found = await connection.runAndReadAll(
    `SELECT state::VARCHAR FROM ${META_SCHEMA}.sync_state WHERE source = $1 AND table_name = $2`,
    [source, table],
  );
  const value = found.getRows()[0]?.[0];
  return value === undefined || value === null ? undefined : JSON.parse(String(value));
}

export async function writeState(connection: DuckDBConnection, source: string, table: string, state: unknown): Promise<void> {
  await connection.run(`DELETE FROM ${META_SCHEMA}.sync_state WHERE source = $1 AND table_name = $2`, [source, table]);
  if (state === undefined) return;
  await connection.run(
    `INSERT INTO ${META_SCHEMA}.sync_state VALUES ($1, $2, $3::JSON, ${UTC_NOW})`,
    [source, table, JSON.stringify(state)],
  );
}

/** The newest runs first; with a source, only its runs. */
export async function recentRuns(connection: DuckDBConnection, limit: number, source?: string): Promise<SyncRunRecord[]> {
  const exists = await connection.runAndReadAll(
    `SELECT count(*) FROM duckdb_tables() WHERE schema_name = '${META_SCHEMA}' AND table_name = 'sync_runs'`,
  );
  if (Number(exists.getRows()[0][0]) === 0) return [];
  const rows = await connection.runAndReadAll(
    `SELECT run_id, source, connector, strftime(started_at, '%Y-%m-%dT%H:%M:%SZ'),
            strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ'), status, full_refresh, tables, rows, error
     FROM ${META_SCHEMA}.sync_runs
     WHERE $1::VARCHAR IS NULL OR source = $1
     ORDER BY started_at DESC, run_id
     LIMIT $2`,
    [source ?? null, limit],
  );
  return rows.getRows().map(([runId, src, connector, startedAt, finishedAt, status, fullRefresh, tables, count, error]) => ({
    runId: String(runId),
    source: String(src),
    connector: String(connector),
    startedAt: String(startedAt),
    finishedAt: finishedAt === null ? null : String(finishedAt),
    status: String(status) as RunStatus,
    fullRefresh: Boolean(fullRefresh),
    tables: Number(tables),
    rows: Number(count),
    error: error === null ? null : String(error),
  }));
}
