import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalog, CatalogTable } from '../api/query.ts';

/** System schemas, and the scratch copies a push from the results grid makes for the moment it runs. */
const HIDDEN_SCHEMAS = "('information_schema', 'pg_catalog', '_bizops_scratch')";

/** Every schema, table, view and column of the connection's current database, in catalog order. */
export async function readCatalog(connection: DuckDBConnection): Promise<Catalog> {
  const database = String((await connection.runAndReadAll('SELECT current_database()')).getRows()[0][0]);
  const schemas = await connection.runAndReadAll(
    `SELECT schema_name FROM duckdb_schemas()
     WHERE database_name = current_database() AND NOT internal AND schema_name NOT IN ${HIDDEN_SCHEMAS}
     ORDER BY schema_name`,
  );
  const relations = await connection.runAndReadAll(
    `SELECT schema_name, table_name, 'table' AS kind, estimated_size, comment
       FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary
         AND schema_name NOT IN ${HIDDEN_SCHEMAS}
     UNION ALL
     SELECT schema_name, view_name, 'view', NULL, comment
       FROM duckdb_views() WHERE database_name = current_database() AND NOT internal AND NOT temporary
         AND schema_name NOT IN ${HIDDEN_SCHEMAS}
     ORDER BY 1, 2`,
  );
  const columns = await connection.runAndReadAll(
    `SELECT c.schema_name, c.table_name, c.column_name, c.data_type, c.is_nullable, c.comment
       FROM duckdb_columns() c
      WHERE c.database_name = current_database() AND NOT c.internal
        AND c.schema_name NOT IN ${HIDDEN_SCHEMAS}
      ORDER BY c.schema_name, c.table_name, c.column_index`,
  );
  const tables = new Map<string, CatalogTable>();
  for (const [schema, name, kind, size, comment] of relations.getRows()) {
    tables.set(`${schema}.${name}`, {
      schema: String(schema),
      name: String(name),
      kind: kind === 'view' ? 'view' : 'table',
      rowCount: size === null ? null : Number(size),
      description: nonEmpty(comment),
      columns: [],
    });
  }
  for (const [schema, table, name, type, nullable, comment] of columns.getRows()) {
    tables.get(`${schema}.${table}`)?.columns.push({
      name: String(name),
      type: String(type),
      nullable: Boolean(nullable),
      description: nonEmpty(comment),
    });
  }
  return { database, schemas: schemas.getRows().map(([name]) => String(name)), tables: [...tables.values()] };
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
