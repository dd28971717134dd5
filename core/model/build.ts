import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { fileReadSql } from '../../connectors/fileReaders.ts';
import { sqlIdentifier as quote, sqlString } from '../../connectors/sql.ts';
import type { WorkbenchEvent } from '../api/events.ts';
import type { BuildSummary } from '../api/model.ts';
import type { WorkbenchContext } from '../context.ts';
import { toErrorInfo, WorkbenchError } from '../errors.ts';
import { parseDuckDBError } from '../engine/sqlError.ts';
import { compileProject, selectModels, type CompiledProject } from './dag.ts';
import { loadProject, SEED_SCHEMA } from './project.ts';
import type { RenderedModel } from './render.ts';
import { ensureModelTables, recordBuild } from './runs.ts';

export interface BuildOptions {
  select?: string[];
  emit?: (event: WorkbenchEvent) => void;
}

/** Load and render the workspace's models against its bizops.yml vars and sources. */
export async function compileWorkspace(context: WorkbenchContext): Promise<CompiledProject> {
  const project = await loadProject(context.workspace.root);
  const catalog = await context.engine.catalog();
  const columns = new Map(
    catalog.tables.map((table) => [
      `${table.schema}.${table.name}`.toLowerCase(),
      table.columns.map((column) => ({ name: column.name, data_type: column.type })),
    ]),
  );
  return compileProject(project, {
    vars: context.workspace.config.vars,
    workspaceSources: Object.keys(context.workspace.config.sources),
    columnsOf: (schema, table) => columns.get(`${schema}.${table}`.toLowerCase()) ?? [],
  });
}

/**
 * Build seeds and models in dependency order in one transaction: if any model fails, every table and view of the
 * previous successful build stays as it was.
 */
export async function buildModels(context: WorkbenchContext, options: BuildOptions = {}): Promise<BuildSummary> {
  const started = performance.now();
  const runId = randomUUID();
  const emit = options.emit ?? (() => undefined);
  const compiled = await compileWorkspace(context);
  const selected = selectModels(compiled, options.select);
  const seeds = options.select?.length ? [] : [...compiled.project.seeds.values()];
  const connection = await context.engine.connect();
  const built: BuildSummary['models'] = [];
  try {
    await connection.run("SET errors_as_json = true; SET TimeZone = 'UTC'");
    await ensureModelTables(connection);
    await requireSources(connection, compiled, selected);
    await writeCompiled(context, compiled, selected);
    await connection.run('BEGIN TRANSACTION');
    if (seeds.length > 0) await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quote(SEED_SCHEMA)}`);
    for (const seed of seeds) {
      const { sql, params } = fileReadSql({ kind: 'file', path: seed.path, format: 'csv', label: seed.file });
      await connection.run(`CREATE OR REPLACE TABLE ${quote(SEED_SCHEMA)}.${quote(seed.name)} AS SELECT * FROM ${sql}`, params);
    }
    for (const [index, name] of selected.entries()) {
      const model = compiled.models.get(name)!;
      const modelStarted = performance.now();
      emit({ type: 'build.progress', runId, model: name, index: index + 1, count: selected.length });
      const rows = await materialize(connection, model);
      await describe(connection, compiled, model);
      built.push({
        name,
        file: model.model.file,
        relation: `${model.config.schema}.${name}`,
        materialized: model.config.materialized,
        rows,
        seconds: Math.round(performance.now() - modelStarted) / 1000,
      });
    }
    const seconds = Math.round(performance.now() - started) / 1000;
    await recordBuild(connection, { runId, status: 'success', models: built, seconds });
    await connection.run('COMMIT');
    emit({ type: 'build.finished', runId, status: 'success', models: built.length });
    context.events.emit({ type: 'catalog.changed' });
    return { runId, status: 'success', models: built, seconds };
  } catch (caught) {
    await connection.run('ROLLBACK').catch(() => undefined);
    const error = caught instanceof WorkbenchError ? caught : new WorkbenchError(toErrorInfo(caught), { cause: caught });
    const seconds = Math.round(performance.now() - started) / 1000;
    await recordBuild(connection, { runId, status: 'failed', models: [], seconds, error: error.message }).catch(() => undefined);
    emit({ type: 'build.finished', runId, status: 'failed', models: 0, error: error.toInfo() });
    throw error;
  } finally {
    connection.disconnectSync();
  }
}

/** Create the model's table or view in place of the previous one (of either kind); answers its row count. */
async function materialize(connection: DuckDBConnection, model: RenderedModel): Promise<number | null> {
  const { schema, materialized } = model.config;
  const relation = `${quote(schema)}.${quote(model.model.name)}`;
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`);
  const existing = await connection.runAndReadAll(
    `SELECT 'table' FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = $1 AND table_name = $2
     UNION ALL
     SELECT 'view' FROM duckdb_views() WHERE database_name = current_database() AND schema_name = $1 AND view_name = $2`,
    [schema, model.model.name],
  );
  const kind = existing.getRows()[0]?.[0];
  if (kind && kind !== materialized) await connection.run(`DROP ${kind === 'view' ? 'VIEW' : 'TABLE'} ${relation}`);
  const wrapper = `CREATE OR REPLACE ${materialized === 'view' ? 'VIEW' : 'TABLE'} ${relation} AS\n`;
  try {
    // CREATE TABLE AS answers with the number of rows it wrote.
    const created = await connection.runAndReadAll(wrapper + model.sql);
    return materialized === 'view' ? null : Number(created.getRows()[0]?.[0] ?? 0);
  } catch (error) {
    throw modelSqlError(model, error, wrapper.length);
  }
}

/** schema.yml descriptions become the table's and columns' comments, so every tool that reads the catalog sees them. */
async function describe(connection: DuckDBConnection, compiled: CompiledProject, model: RenderedModel): Promise<void> {
  const properties = compiled.project.describedModels.get(model.model.name)?.properties;
  if (!properties) return;
  const relation = `${quote(model.config.schema)}.${quote(model.model.name)}`;
  const kind = model.config.materialized === 'view' ? 'VIEW' : 'TABLE';
  if (properties.description) await connection.run(`COMMENT ON ${kind} ${relation} IS ${sqlString(properties.description)}`);
  const columns = new Set(
    (await connection.runAndReadAll(`SELECT column_name FROM (DESCRIBE ${relation})`)).getRows().map(([name]) => String(name)),
  );
  for (const column of properties.columns ?? []) {
    if (column.description && columns.has(column.name)) {
      await connection.run(`COMMENT ON COLUMN ${relation}.${quote(column.name)} IS ${sqlString(column.description)}`);
    }
  }
}

/** Every source table the selected models read must exist: say which, where, and which sync lands it. */
async function requireSources(connection: DuckDBConnection, compiled: CompiledProject, selected: string[]): Promise<void> {
  const present = new Set(
    (await connection.runAndReadAll(
      `SELECT schema_name || '.' || table_name FROM duckdb_tables() WHERE database_name = current_database()
       UNION ALL SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE database_name = current_database()`,
    ))
      .getRows()
      .map(([name]) => String(name).toLowerCase()),
  );
  for (const name of selected) {
    const model = compiled.models.get(name)!;
    for (const dependency of model.dependencies) {
      if (dependency.kind !== 'source') continue;
      if (present.has(`${dependency.schema}.${dependency.identifier}`.toLowerCase())) continue;
      const line = model.model.text.split('\n').findIndex((text) => text.includes(`'${dependency.table}'`)) + 1;
      throw new WorkbenchError({
        code: 'source_missing',
        message: `${model.model.file} reads source('${dependency.source}', '${dependency.table}'), but ${dependency.schema}.${dependency.identifier} does not exist yet.`,
        where: line > 0 ? `${model.model.file}:${line}` : model.model.file,
        hint: `Run \`bizops sync ${dependency.source}\` first (and check that the source has that table).`,
      });
    }
  }
}

/** The SQL each model ran, under .bizops/compiled/, as dbt keeps it under target/compiled. */
async function writeCompiled(context: WorkbenchContext, compiled: CompiledProject, selected: string[]): Promise<void> {
  for (const name of selected) {
    const model = compiled.models.get(name)!;
    const file = join(context.workspace.stateDir, 'compiled', model.model.file);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${model.sql}\n`);
  }
}

/**
 * A model's SQL error, pointing at the line of the model file: DuckDB's position is in the compiled SQL, which is
 * mapped back to the file line with the same text (or failing that, the most similar one).
 */
export function modelSqlError(model: RenderedModel, error: unknown, wrapperLength: number): WorkbenchError {
  const parts = parseDuckDBError(error);
  let where = model.model.file;
  let compiledLine: number | undefined;
  if (parts.position !== undefined) {
    const offset = Math.max(0, parts.position - wrapperLength);
    compiledLine = model.sql.slice(0, offset).split('\n').length;
    const sourceLine = sourceLineFor(model, compiledLine);
    where = `${model.model.file}:${sourceLine ?? compiledLine}`;
  }
  return new WorkbenchError(
    {
      code: 'model_failed',
      message: `Model ${model.model.name} failed: ${parts.type} Error: ${parts.message.split('\n')[0]}`,
      where,
      hint: `Fix the model's SQL; the SQL that ran is in .bizops/compiled/${model.model.file}${compiledLine ? ` (line ${compiledLine})` : ''}. The previous build is unchanged.`,
      details: { model: model.model.name, errorType: parts.type, ...(compiledLine && { compiledLine }) },
    },
    { cause: error },
  );
}

function sourceLineFor(model: RenderedModel, compiledLine: number): number | undefined {
  const target = model.sql.split('\n')[compiledLine - 1]?.trim();
  if (!target) return undefined;
  const lines = model.model.text.split('\n');
  const exact = lines.findIndex((line) => line.trim() === target);
  if (exact !== -1) return exact + 1;
  const words = new Set(target.match(/\w+/g) ?? []);
  let best: { line: number; score: number } | undefined;
  lines.forEach((line, i) => {
    const tokens = line.match(/\w+/g) ?? [];
    const shared = tokens.filter((token) => words.has(token)).length;
    const score = shared / Math.max(words.size, tokens.length, 1);
    if (score > 0.5 && (!best || score > best.score)) best = { line: i + 1, score };
  });
  return best?.line;
}
