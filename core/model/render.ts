import nunjucks from 'nunjucks';
import { tableNameFor } from '../../connectors/naming.ts';
import { sqlIdentifier as quote } from '../../connectors/sql.ts';
import { WorkbenchError } from '../errors.ts';
import type { ModelFile, Project } from './project.ts';
import { DEFAULT_SCHEMA, SEED_SCHEMA } from './project.ts';

export type Materialization = 'table' | 'view';

export interface ModelConfig {
  materialized: Materialization;
  schema: string;
}

/** A relation a model reads: another model or seed (ref) or a source table. */
export type Dependency =
  | { kind: 'ref'; name: string }
  | { kind: 'source'; source: string; table: string; schema: string; identifier: string };

export interface RenderedModel {
  model: ModelFile;
  sql: string;
  config: ModelConfig;
  dependencies: Dependency[];
}

export interface RenderContext {
  project: Project;
  vars: Record<string, unknown>;
  /** Where each model lands, to write `ref()` as a qualified name. */
  relationOf(name: string): { schema: string; name: string } | undefined;
  /** Source names bizops.yml declares. */
  workspaceSources: string[];
  /** Columns of the relations in the database now, for `adapter.get_columns_in_relation`. */
  columnsOf?: (schema: string, table: string) => { name: string; data_type: string }[];
  env?: NodeJS.ProcessEnv;
}

const MATERIALIZATIONS: Materialization[] = ['table', 'view'];

/**
 * Render a model the way dbt does: Jinja with ref(), source(), config(), var(), env_var(), this and target.
 * Everything the model reads is recorded, which is how the DAG is found.
 */
export function renderModel(model: ModelFile, context: RenderContext): RenderedModel {
  const dependencies: Dependency[] = [];
  const described = context.project.describedModels.get(model.name)?.properties.config;
  const config: ModelConfig = {
    materialized: (described?.materialized as Materialization | undefined) ?? 'view',
    schema: described?.schema ?? model.folderSchema,
  };
  const environment = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
  // nunjucks wraps what its functions throw in an error of its own; the first failure is kept to be rethrown as is.
  let failure: WorkbenchError | undefined;
  const fail = (message: string, hint: string): never => {
    failure ??= new WorkbenchError({ code: 'model_invalid', message: `${model.file}: ${message}`, where: model.file, hint });
    throw failure;
  };
  environment.addGlobal('ref', (...args: unknown[]) => {
    const [name] = positional(args).slice(-1) as string[];
    dependencies.push({ kind: 'ref', name });
    const relation = context.relationOf(name);
    return relation ? `${quote(relation.schema)}.${quote(relation.name)}` : quote(name);
  });
  environment.addGlobal('source', (sourceName: string, tableName: string) => {
    const declared = context.project.declaredSources.get(sourceName)?.properties;
    const declaredTable = declared?.tables?.find((table) => table.name === tableName);
    if (!declared && !context.workspaceSources.includes(sourceName)) {
      fail(
        `source('${sourceName}', '${tableName}') names a source that is not declared.`,
        `Declare "${sourceName}" under sources: in bizops.yml (or in a schema.yml \`sources:\` block).`,
      );
    }
    const schema = declared?.schema ?? (declared ? sourceName : `raw_${sourceName}`);
    const identifier = declaredTable?.identifier ?? (declared ? tableName : tableNameFor(tableName));
    dependencies.push({ kind: 'source', source: sourceName, table: tableName, schema, identifier });
    return `${quote(schema)}.${quote(identifier)}`;
  });
  environment.addGlobal('config', (...args: unknown[]) => {
    const options = keywords(args);
    if (options.materialized !== undefined) {
      if (!MATERIALIZATIONS.includes(options.materialized as Materialization)) {
        fail(
          `materialized='${String(options.materialized)}' is not supported.`,
          `Use one of: ${MATERIALIZATIONS.join(', ')}.`,
        );
      }
      config.materialized = options.materialized as Materialization;
    }
    if (typeof options.schema === 'string') config.schema = options.schema;
    return '';
  });
  environment.addGlobal('var', (name: string, fallback?: unknown) => {
    if (Object.hasOwn(context.vars, name)) return context.vars[name];
    if (fallback !== undefined) return fallback;
    return fail(`var('${name}') is not set.`, `Set it under vars: in bizops.yml, or give a default: var('${name}', …).`);
  });
  environment.addGlobal('env_var', (name: string, fallback?: unknown) => (context.env ?? process.env)[name] ?? fallback ?? '');
  environment.addGlobal('is_incremental', () => false);
  environment.addGlobal('adapter', {
    // dbt's way for a model to adapt to the columns a source really has (e.g. an optional custom field).
    get_columns_in_relation: (relation: string) => {
      const [schema, table] = [...String(relation).matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1].replaceAll('""', '"'));
      return (table !== undefined && context.columnsOf?.(schema, table)) || [];
    },
  });
  // Jinja's map filter, which nunjucks lacks: `columns | map(attribute='name') | list`.
  environment.addFilter('map', (items: unknown[], ...args: unknown[]) => {
    const attribute = keywords(args).attribute as string | undefined;
    return attribute === undefined ? items : (items ?? []).map((item) => (item as Record<string, unknown>)?.[attribute]);
  });
  environment.addGlobal('target', { name: 'dev', type: 'duckdb', schema: DEFAULT_SCHEMA });

  let sql: string;
  try {
    sql = environment.renderString(model.text, {
      this: {
        toString: () => `${quote(config.schema)}.${quote(model.name)}`,
        schema: config.schema,
        name: model.name,
        identifier: model.name,
      },
    });
  } catch (error) {
    if (failure) throw failure;
    const message = (error as Error).message;
    const position = /\[Line (\d+), Column (\d+)\]\s*([\s\S]*)/.exec(message);
    throw new WorkbenchError(
      {
        code: 'model_invalid',
        message: `${model.file}: the template does not render: ${(position?.[3] ?? message).trim().split('\n')[0]}`,
        where: position ? `${model.file}:${position[1]}` : model.file,
        hint: 'Fix the Jinja at that line ({{ … }}, {% … %}).',
      },
      { cause: error },
    );
  }
  return { model, sql: sql.trim().replace(/;\s*$/, ''), config, dependencies };
}

/** Where a seed lands. */
export function seedRelation(name: string): { schema: string; name: string } {
  return { schema: SEED_SCHEMA, name };
}

function positional(args: unknown[]): unknown[] {
  return args.filter((arg) => !(arg && typeof arg === 'object' && (arg as Record<string, unknown>).__keywords));
}

function keywords(args: unknown[]): Record<string, unknown> {
  const found = args.find((arg) => arg && typeof arg === 'object' && (arg as Record<string, unknown>).__keywords);
  return (found ?? {}) as Record<string, unknown>;
}
