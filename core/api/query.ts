import { z } from 'zod';
import { method } from './method.ts';

export const queryIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a query id is 1 to 64 letters, digits, "-" or "_"');

export interface ColumnInfo {
  name: string;
  /** The DuckDB type as DuckDB writes it, e.g. `DECIMAL(18,2)`. */
  type: string;
}

/** A slice of a result as an Arrow IPC stream (one or more record batches). */
export interface ResultPage {
  offset: number;
  rowCount: number;
  arrow: Uint8Array;
}

export interface QueryResult {
  queryId: string;
  columns: ColumnInfo[];
  /** Rows in the whole result, which stays in the engine until closed. */
  rowCount: number;
  elapsedMs: number;
  /** DuckDB's statement type of the last statement, e.g. `SELECT`, `INSERT`, `CREATE`. */
  statementType: string;
  /** The first page, so a query costs one round trip before rows show. */
  firstPage: ResultPage;
}

export interface CatalogColumn {
  name: string;
  type: string;
  nullable: boolean;
  description: string | null;
}

export interface CatalogTable {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  /** Exact for tables, null for views. */
  rowCount: number | null;
  description: string | null;
  columns: CatalogColumn[];
}

export interface Catalog {
  database: string;
  schemas: string[];
  tables: CatalogTable[];
}

const pageLimit = z.number().int().min(1).max(100_000);

export const queryMethods = {
  runQuery: method<QueryResult>()(
    'Run SQL (one or more statements); the last statement\'s result is kept for paging.',
    z
      .object({
        sql: z.string().trim().min(1, 'the SQL is empty'),
        queryId: queryIdSchema.optional(),
        pageSize: pageLimit.default(500),
      })
      .strict(),
  ),
  fetchPage: method<ResultPage>()(
    'Read rows [offset, offset + limit) of a kept result.',
    z.object({ queryId: queryIdSchema, offset: z.number().int().min(0), limit: pageLimit }).strict(),
  ),
  cancelQuery: method<{ cancelled: boolean }>()(
    'Interrupt a running query.',
    z.object({ queryId: queryIdSchema }).strict(),
  ),
  closeQuery: method<{ closed: boolean }>()(
    'Drop a kept result and free its memory.',
    z.object({ queryId: queryIdSchema }).strict(),
  ),
  catalog: method<Catalog>()('Schemas, tables, views and columns of the workspace database.', z.object({}).strict()),
};
