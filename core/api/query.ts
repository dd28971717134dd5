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
  /** The statement whose rows these are (the last that ran, `ref()`s resolved): a dashboard tile can run it again. */
  statement: string;
  /** The first page, so a query costs one round trip before rows show. */
  firstPage: ResultPage;
  /** The part of the submitted SQL that ran (a selection or the statement under the cursor), as offsets. */
  ran?: TextRange;
}

/** Offsets [start, end) into a text, in UTF-16 code units as editors count them. */
export interface TextRange {
  start: number;
  end: number;
}

/** What the editor offers as completions besides the catalog: DuckDB's functions and keywords. */
export interface SqlVocabulary {
  functions: { name: string; kind: string; signature: string; returnType: string; description: string | null }[];
  keywords: { name: string; reserved: boolean }[];
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
const textOffset = z.number().int().min(0);
export const rangeSchema = z
  .object({ start: textOffset, end: textOffset })
  .strict()
  .refine((range) => range.start <= range.end, 'a range ends after it starts');
/** A saved query's name: its file is `queries/<name>.sql`. */
export const queryNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.()-]{0,79}$/, 'a query name is up to 80 letters, digits, spaces, ".", "-", "_" or parentheses')
  .refine((name) => !name.endsWith('.') && !name.endsWith(' '), 'a query name does not end with "." or a space');

export const queryMethods = {
  runQuery: method<QueryResult>()(
    'Run SQL (one or more statements); the last statement\'s result is kept for paging.',
    z
      .object({
        sql: z.string().refine((sql) => sql.trim().length > 0, 'the SQL is empty'),
        queryId: queryIdSchema.optional(),
        pageSize: pageLimit.default(500),
        /** Run only this part of `sql`; error positions still point into the whole of `sql`. */
        selection: rangeSchema.optional(),
        /** Run only the statement under this offset of `sql`. */
        cursor: textOffset.optional(),
        /** Record the run in the workspace's query history, with the saved query it came from. */
        history: z.object({ query: queryNameSchema.optional() }).strict().optional(),
      })
      .strict()
      .refine((arg) => !(arg.selection && arg.cursor !== undefined), 'give a selection or a cursor, not both'),
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
  sqlVocabulary: method<SqlVocabulary>()('DuckDB\'s functions and keywords, for completion and highlighting.', z.object({}).strict()),
};
