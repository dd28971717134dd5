import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../errors.ts';
import type { Engine } from './engine.ts';
import { sqlIdentifier } from '../../connectors/sql.ts';
import { lineAndColumn } from './sqlError.ts';

/** `{{ ref('accounts') }}` as written in a model or a query: its span and the model's name. */
export interface ModelRef {
  start: number;
  end: number;
  name: string;
}

const REF_PATTERN = /\{\{\s*ref\(\s*(['"])([^'"\n]+)\1\s*\)\s*\}\}/g;

export function findRefs(sql: string): ModelRef[] {
  return [...sql.matchAll(REF_PATTERN)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    name: match[2].trim(),
  }));
}

/** SQL with each ref replaced by its table, and the way back from an offset in it to one in the original. */
export interface ResolvedSql {
  sql: string;
  toOriginalOffset(offset: number): number;
}

/** Replace refs by the qualified tables found for them; offsets inside a replacement map to the ref's start. */
export function replaceRefs(sql: string, refs: ModelRef[], tables: Map<string, { schema: string; table: string }>): ResolvedSql {
  const pieces: { resolvedStart: number; resolvedEnd: number; ref: ModelRef }[] = [];
  let resolved = '';
  let at = 0;
  for (const ref of refs) {
    const found = tables.get(ref.name.toLowerCase());
    if (!found) throw new Error(`no table for ref ${ref.name}`);
    resolved += sql.slice(at, ref.start);
    const replacement = `${sqlIdentifier(found.schema)}.${sqlIdentifier(found.table)}`;
    pieces.push({ resolvedStart: resolved.length, resolvedEnd: resolved.length + replacement.length, ref });
    resolved += replacement;
    at = ref.end;
  }
  resolved += sql.slice(at);
  return {
    sql: resolved,
    toOriginalOffset(offset) {
      let shift = 0;
      for (const piece of pieces) {
        if (offset < piece.resolvedStart) break;
        if (offset < piece.resolvedEnd) return piece.ref.start;
        shift = piece.ref.end - piece.resolvedEnd;
      }
      return offset + shift;
    },
  };
}

/** Schemas searched for a ref's table, in this order; any other schema comes after, by name. */
const SCHEMA_ORDER = ['core', 'staging'];

/**
 * Resolve `{{ ref('name') }}` against the catalog: the table or view of that name in `core`, else `staging`,
 * else any other schema. A name with no table is an error pointing at the ref.
 */
export async function resolveRefs(engine: Engine, sql: string): Promise<ResolvedSql> {
  const refs = findRefs(sql);
  if (refs.length === 0) return { sql, toOriginalOffset: (offset) => offset };
  const tables = new Map<string, { schema: string; table: string }>();
  await engine.withConnection(async (connection) => {
    for (const ref of refs) {
      const key = ref.name.toLowerCase();
      if (tables.has(key)) continue;
      const found = await findTable(connection, ref.name);
      if (!found) throw missingRef(sql, ref);
      tables.set(key, found);
    }
  });
  return replaceRefs(sql, refs, tables);
}

async function findTable(connection: DuckDBConnection, name: string): Promise<{ schema: string; table: string } | undefined> {
  const reader = await connection.runAndReadAll(
    `SELECT schema_name, table_name FROM (
       SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary
       UNION ALL
       SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = current_database() AND NOT internal AND NOT temporary
     ) WHERE lower(table_name) = lower($1)
     ORDER BY coalesce(list_position([${SCHEMA_ORDER.map((schema) => `'${schema}'`).join(', ')}], schema_name), 1000), schema_name
     LIMIT 1`,
    [name],
  );
  const row = reader.getRows()[0];
  return row ? { schema: String(row[0]), table: String(row[1]) } : undefined;
}

function missingRef(sql: string, ref: ModelRef): WorkbenchError {
  const { line, column } = lineAndColumn(sql, ref.start);
  return new WorkbenchError({
    code: 'sql_error',
    message: `ref('${ref.name}') names no table: there is no table or view "${ref.name}" in core, staging or any other schema.`,
    where: `query, line ${line}, column ${column}`,
    hint: 'Check the name on the Model page, or build the model that makes it first.',
    details: { position: ref.start, line, column },
  });
}
