import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../errors.ts';
import { sqlError } from '../engine/sqlError.ts';
import { splitStatements } from '../engine/statements.ts';
import { checkIdentifierLength, describeTable, parseTableName, quoteIdent, quoteTable } from './names.ts';
import { pushColumn, type PushColumn } from './types.ts';

export type PushSourceSpec = { table: string } | { sql: string };

/** What a push reads: a relation of the workspace database or the result of one SELECT. */
export interface PushSource {
  /** `core.accounts`, or `query` for SQL. */
  label: string;
  /** The relation's own name: the default name of the warehouse table. */
  tableName?: string;
  /** SQL that yields the rows, usable as a subquery. */
  from: string;
  /** Known up front for tables (DuckDB counts them from metadata), not for views and queries. */
  rowCount?: number;
  columns: PushColumn[];
}

const QUERY_ORIGIN = 'push query';

export async function resolveSource(connection: DuckDBConnection, spec: PushSourceSpec): Promise<PushSource> {
  const source = 'table' in spec ? await resolveRelation(connection, spec.table) : await resolveQuery(connection, spec.sql);
  const seen = new Map<string, string>();
  for (const column of source.columns) {
    const earlier = seen.get(column.name.toLowerCase());
    if (earlier !== undefined) {
      throw new WorkbenchError({
        code: 'invalid_argument',
        message: `The ${source.label} result has two columns named "${earlier}" and "${column.name}".`,
        where: source.label,
        hint: 'Give every column its own name, e.g. with AS in the query.',
      });
    }
    seen.set(column.name.toLowerCase(), column.name);
    checkIdentifierLength(column.name, 'column name');
  }
  if (source.columns.length === 0) {
    throw new WorkbenchError({ code: 'invalid_argument', message: `The ${source.label} result has no columns.`, where: source.label });
  }
  return source;
}

async function resolveRelation(connection: DuckDBConnection, text: string): Promise<PushSource> {
  const name = parseTableName(text, 'The table to push');
  const found = await connection.runAndReadAll(
    `SELECT schema_name, table_name, 'table' AS kind FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary
       AND table_name = $table AND ($schema IS NULL OR schema_name = $schema)
     UNION ALL
     SELECT schema_name, view_name, 'view' FROM duckdb_views() WHERE database_name = current_database() AND NOT internal
       AND NOT temporary AND view_name = $table AND ($schema IS NULL OR schema_name = $schema)
     ORDER BY schema_name`,
    { table: name.table, schema: name.schema ?? null },
  );
  const matches = found.getRows().map(([schema, table, kind]) => ({ schema: String(schema), table: String(table), kind }));
  if (matches.length === 0) {
    throw new WorkbenchError({
      code: 'not_found',
      message: `The workspace has no table or view "${text}".`,
      where: text,
      hint: 'Check the name (the Model page and `bizops query "show all tables"` list them), or push a query with --sql.',
    });
  }
  const chosen = matches.length === 1 ? matches[0] : matches.find((match) => match.schema === 'main');
  if (!chosen) {
    throw new WorkbenchError({
      code: 'invalid_argument',
      message: `"${text}" names a table in more than one schema: ${matches.map(describeTable).join(', ')}.`,
      where: text,
      hint: 'Name the schema too, e.g. core.accounts.',
    });
  }
  const from = quoteTable(chosen);
  const described = await connection.run(`SELECT * FROM ${from} LIMIT 0`);
  const types = described.columnTypes();
  const counted = chosen.kind === 'table' ? await connection.runAndReadAll(`SELECT count(*) FROM ${from}`) : undefined;
  return {
    label: describeTable(chosen),
    tableName: chosen.table,
    from,
    columns: described.columnNames().map((column, i) => pushColumn(column, types[i])),
    ...(counted ? { rowCount: Number(counted.getRows()[0][0]) } : {}),
  };
}

async function resolveQuery(connection: DuckDBConnection, sql: string): Promise<PushSource> {
  const statements = splitStatements(sql);
  if (statements.length !== 1) {
    throw new WorkbenchError({
      code: 'invalid_argument',
      message: statements.length === 0 ? 'The query to push is empty.' : `The query to push has ${statements.length} statements; a push takes one SELECT.`,
      where: QUERY_ORIGIN,
      hint: 'Pass a single SELECT (WITH … SELECT is fine); create helper tables beforehand with `bizops query`.',
    });
  }
  const [statement] = statements;
  const prepared = await connection.prepare(statement.text).catch((error: unknown) => {
    throw sqlError(error, { sql, statementStart: statement.start, origin: QUERY_ORIGIN });
  });
  try {
    if (prepared.statementType !== StatementType.SELECT) {
      throw new WorkbenchError({
        code: 'invalid_argument',
        message: `The query to push is a ${StatementType[prepared.statementType] ?? 'non-SELECT'} statement; a push sends the rows of a SELECT.`,
        where: QUERY_ORIGIN,
        hint: 'Pass a SELECT, or push a table by name.',
      });
    }
    const columns = Array.from({ length: prepared.columnCount }, (_, i) => pushColumn(prepared.columnName(i), prepared.columnType(i)));
    return { label: 'query', from: `(\n${statement.text}\n)`, columns };
  } finally {
    prepared.destroySync();
  }
}

/** Upsert keys must name source columns, never be NULL and be unique: checked here, before anything is sent. */
export async function checkKey(connection: DuckDBConnection, source: PushSource, key: string[]): Promise<void> {
  const names = new Set(source.columns.map((column) => column.name));
  for (const column of key) {
    if (!names.has(column)) {
      throw new WorkbenchError({
        code: 'invalid_argument',
        message: `The key column "${column}" is not a column of ${source.label}.`,
        where: source.label,
        hint: `Its columns are: ${source.columns.map((c) => c.name).join(', ')}.`,
      });
    }
  }
  const keyList = key.map(quoteIdent).join(', ');
  const nulls = await connection.runAndReadAll(
    `SELECT count(*) FROM ${source.from} AS source WHERE ${key.map((column) => `${quoteIdent(column)} IS NULL`).join(' OR ')}`,
  );
  const nullCount = Number(nulls.getRows()[0][0]);
  if (nullCount > 0) {
    throw new WorkbenchError({
      code: 'key_not_unique',
      message: `${nullCount} row${nullCount === 1 ? '' : 's'} of ${source.label} ha${nullCount === 1 ? 's' : 've'} no value (NULL) in the key ${keyList}.`,
      where: source.label,
      hint: 'Filter those rows out or fill the key in the source; an upsert matches rows by their key.',
    });
  }
  const duplicates = await connection.runAndReadAll(
    `SELECT ${keyList}, count(*) AS copies, count(*) OVER () AS duplicated_keys FROM ${source.from} AS source
     GROUP BY ${keyList} HAVING count(*) > 1 ORDER BY copies DESC LIMIT 1`,
  );
  const [example] = duplicates.getRows();
  if (example) {
    const values = example.slice(0, key.length).map(String);
    const copies = Number(example[key.length]);
    const duplicatedKeys = Number(example[key.length + 1]);
    throw new WorkbenchError({
      code: 'key_not_unique',
      message:
        `The key ${keyList} is not unique in ${source.label}: ${duplicatedKeys} key value${duplicatedKeys === 1 ? ' occurs' : 's occur'} more than once, ` +
        `e.g. (${values.join(', ')}) in ${copies} rows.`,
      where: source.label,
      hint: 'Choose columns that identify each row (--key a,b for a combined key), or remove the duplicates in the source.',
    });
  }
}

/** The SELECT whose CSV output COPY reads: every column as the text its Postgres type accepts. */
export function exportSelect(source: PushSource): string {
  return `SELECT ${source.columns.map((column) => column.exportExpression).join(', ')} FROM ${source.from} AS source`;
}
