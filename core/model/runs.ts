import type { DuckDBConnection } from '@duckdb/node-api';
import type { BuildSummary, TestResult } from '../api/model.ts';
import { META_SCHEMA, UTC_NOW } from '../sync/runs.ts';

/** Builds and data test results, kept beside the sync log in `_bizops` for the model browser and `bizops docs`. */
export async function ensureModelTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    CREATE SCHEMA IF NOT EXISTS ${META_SCHEMA};
    CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.build_runs (
      run_id VARCHAR NOT NULL,
      finished_at TIMESTAMP NOT NULL,
      status VARCHAR NOT NULL,
      models INTEGER NOT NULL,
      seconds DOUBLE NOT NULL,
      error VARCHAR
    );
    CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.model_builds (
      run_id VARCHAR NOT NULL,
      model VARCHAR NOT NULL,
      relation VARCHAR NOT NULL,
      materialized VARCHAR NOT NULL,
      row_count BIGINT,
      seconds DOUBLE NOT NULL,
      built_at TIMESTAMP NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.test_results (
      test VARCHAR NOT NULL,
      model VARCHAR NOT NULL,
      column_name VARCHAR,
      status VARCHAR NOT NULL,
      failures BIGINT NOT NULL,
      tested_at TIMESTAMP NOT NULL
    );
  `);
}

export async function recordBuild(
  connection: DuckDBConnection,
  build: { runId: string; status: 'success' | 'failed'; models: BuildSummary['models']; seconds: number; error?: string },
): Promise<void> {
  await connection.run(
    `INSERT INTO ${META_SCHEMA}.build_runs VALUES ($1, ${UTC_NOW}, $2, $3, $4, $5)`,
    [build.runId, build.status, build.models.length, build.seconds, build.error ?? null],
  );
  for (const model of build.models) {
    await connection.run(
      `INSERT INTO ${META_SCHEMA}.model_builds VALUES ($1, $2, $3, $4, $5, $6, ${UTC_NOW})`,
      [build.runId, model.name, model.relation, model.materialized, model.rows, model.seconds],
    );
  }
}

export async function recordTests(connection: DuckDBConnection, results: TestResult[]): Promise<void> {
  await ensureModelTables(connection);
  for (const result of results) {
    await connection.run(`DELETE FROM ${META_SCHEMA}.test_results WHERE test = $1`, [result.name]);
    await connection.run(
      `INSERT INTO ${META_SCHEMA}.test_results VALUES ($1, $2, $3, $4, $5, ${UTC_NOW})`,
      [result.name, result.model, result.column ?? null, result.status, result.failures],
    );
  }
}
