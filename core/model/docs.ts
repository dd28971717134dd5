import type { DuckDBConnection } from '@duckdb/node-api';
import type { LineageNode, ModelDoc, ModelDocs } from '../api/model.ts';
import type { WorkbenchContext } from '../context.ts';
import { META_SCHEMA } from '../sync/runs.ts';
import { compileWorkspace } from './build.ts';
import { planTests } from './tests.ts';

/**
 * The project as documentation: each model and seed with its description, columns (types from the database,
 * descriptions and tests from schema.yml), what it reads and what reads it, row count and last build; and the
 * lineage from source tables through models.
 */
export async function modelDocs(context: WorkbenchContext): Promise<ModelDocs> {
  const compiled = await compileWorkspace(context);
  const catalog = await context.engine.catalog();
  const relationInfo = new Map(catalog.tables.map((table) => [`${table.schema}.${table.name}`, table]));
  const { builds, tests, lastBuild } = await context.engine.withConnection(readHistory);
  const planned = planTests(compiled);

  const doc = (name: string, kind: ModelDoc['kind']): ModelDoc => {
    const relation = compiled.relationOf(name)!;
    const qualified = `${relation.schema}.${relation.name}`;
    const info = relationInfo.get(qualified);
    const properties = compiled.project.describedModels.get(name)?.properties;
    const model = compiled.models.get(name);
    const columnNames = info ? info.columns.map((column) => column.name) : (properties?.columns ?? []).map((column) => column.name);
    return {
      name,
      kind,
      file: model?.model.file ?? compiled.project.seeds.get(name)!.file,
      relation: qualified,
      materialized: model?.config.materialized ?? 'table',
      description: properties?.description ?? null,
      columns: columnNames.map((column) => ({
        name: column,
        type: info?.columns.find((candidate) => candidate.name === column)?.type ?? null,
        description: properties?.columns?.find((candidate) => candidate.name === column)?.description ?? null,
        tests: planned
          .filter((test) => test.result.model === name && test.result.column === column)
          .map((test) => {
            const last = tests.get(test.result.name);
            return { kind: test.result.kind, status: last?.status ?? null, failures: last?.failures ?? null };
          }),
      })),
      upstream: [
        ...(compiled.upstream.get(name) ?? []),
        ...(model?.dependencies ?? []).flatMap((dependency) =>
          dependency.kind === 'source' ? [`source:${dependency.source}.${dependency.table}`] : [],
        ),
      ],
      downstream: compiled.downstream.get(name) ?? [],
      rowCount: info?.kind === 'table' ? info.rowCount : null,
      lastBuiltAt: builds.get(name) ?? null,
    };
  };

  const models = [
    ...[...compiled.project.seeds.keys()].map((name) => doc(name, 'seed')),
    ...compiled.order.map((name) => doc(name, 'model')),
  ];
  const sources = new Map<string, ModelDocs['sources'][number]>();
  for (const model of compiled.models.values()) {
    for (const dependency of model.dependencies) {
      if (dependency.kind !== 'source') continue;
      const id = `source:${dependency.source}.${dependency.table}`;
      const relation = `${dependency.schema}.${dependency.identifier}`;
      const declared = compiled.project.declaredSources.get(dependency.source)?.properties;
      sources.set(id, {
        id,
        source: dependency.source,
        table: dependency.table,
        relation,
        description: declared?.tables?.find((table) => table.name === dependency.table)?.description ?? null,
        exists: relationInfo.has(relation),
      });
    }
  }
  const nodes: LineageNode[] = [
    ...[...sources.values()].map((source) => ({ id: source.id, kind: 'source' as const, label: `${source.source}.${source.table}`, relation: source.relation })),
    ...models.map((model) => ({ id: model.name, kind: model.kind, label: model.name, relation: model.relation })),
  ];
  const edges = models.flatMap((model) => model.upstream.map((from) => ({ from, to: model.name })));
  return { models, sources: [...sources.values()], lineage: { nodes, edges }, lastBuild };
}

async function readHistory(connection: DuckDBConnection) {
  const exists = async (table: string) =>
    Number(
      (await connection.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE schema_name = '${META_SCHEMA}' AND table_name = $1`, [table])).getRows()[0][0],
    ) > 0;
  const builds = new Map<string, string>();
  const tests = new Map<string, { status: 'pass' | 'fail' | 'warn'; failures: number }>();
  let lastBuild: ModelDocs['lastBuild'] = null;
  if (await exists('model_builds')) {
    const rows = await connection.runAndReadAll(
      `SELECT model, strftime(max(built_at), '%Y-%m-%dT%H:%M:%SZ') FROM ${META_SCHEMA}.model_builds GROUP BY model`,
    );
    for (const [model, at] of rows.getRows()) builds.set(String(model), String(at));
    const last = await connection.runAndReadAll(
      `SELECT strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ'), status, error FROM ${META_SCHEMA}.build_runs ORDER BY finished_at DESC LIMIT 1`,
    );
    const [finishedAt, status, error] = last.getRows()[0] ?? [];
    if (finishedAt !== undefined) lastBuild = { finishedAt: String(finishedAt), status: String(status), error: error === null ? null : String(error) };
  }
  if (await exists('test_results')) {
    const rows = await connection.runAndReadAll(`SELECT test, status, failures FROM ${META_SCHEMA}.test_results`);
    for (const [test, status, failures] of rows.getRows()) {
      tests.set(String(test), { status: String(status) as 'pass' | 'fail' | 'warn', failures: Number(failures) });
    }
  }
  return { builds, tests, lastBuild };
}
