import type { FilterOperator } from '../api/results.ts';
import { WorkbenchError } from '../errors.ts';
import type { ResultTable } from './engine.ts';
import { sqlIdentifier } from '../../connectors/sql.ts';
import { parseDuckDBError } from './sqlError.ts';

export interface Refinement {
  sort: { column: number; descending: boolean }[];
  filters: { column: number; operator: FilterOperator; value?: string }[];
}

/** The sorted and filtered copy of a result lives beside it, on the result's own connection. */
const REFINED_TABLE = 'bizops_refined';

/**
 * The SELECT that sorts and filters a result table. Filter values stay bound parameters ($1, $2, …); DuckDB
 * casts each to the type of the column it is compared with. Sorting is stable: ties keep the result's order.
 */
export function refineSelect(table: string, columnNames: string[], refinement: Refinement): { sql: string; params: string[] } {
  const params: string[] = [];
  const column = (index: number) => {
    const name = columnNames[index];
    if (name === undefined) {
      throw new WorkbenchError({
        code: 'invalid_argument',
        message: `The result has no column ${index + 1}; it has ${columnNames.length}.`,
        hint: 'Run the query again: the result may have changed since the grid was drawn.',
      });
    }
    return sqlIdentifier(name);
  };
  const param = (value: string | undefined) => `$${params.push(value ?? '')}`;
  const conditions = refinement.filters.map(({ column: index, operator, value }) => {
    const name = column(index);
    switch (operator) {
      case 'is null':
        return `${name} IS NULL`;
      case 'is not null':
        return `${name} IS NOT NULL`;
      case 'contains':
        return `contains(lower(CAST(${name} AS VARCHAR)), lower(${param(value)}))`;
      case 'starts with':
        return `starts_with(lower(CAST(${name} AS VARCHAR)), lower(${param(value)}))`;
      default:
        return `${name} ${operator} ${param(value)}`;
    }
  });
  const order = refinement.sort.map(({ column: index, descending }) => `${column(index)} ${descending ? 'DESC' : 'ASC'} NULLS LAST`);
  let sql = `SELECT * FROM ${table}`;
  if (conditions.length > 0) sql += ` WHERE ${conditions.join(' AND ')}`;
  if (order.length > 0) sql += ` ORDER BY ${[...order, 'rowid'].join(', ')}`;
  return { sql, params };
}

/** Make (or drop) the refined copy of a kept result and read pages from it; a failure keeps the previous view. */
export async function refineResult(result: ResultTable, refinement: Refinement): Promise<{ rowCount: number }> {
  if (refinement.sort.length === 0 && refinement.filters.length === 0) {
    result.show(undefined);
    await result.connection.run(`DROP TABLE IF EXISTS ${REFINED_TABLE}`);
    return { rowCount: result.rowCount };
  }
  const { sql, params } = refineSelect(result.table, result.columnNames, refinement);
  try {
    const created = await result.connection.runAndReadAll(`CREATE OR REPLACE TEMP TABLE ${REFINED_TABLE} AS ${sql}`, params);
    const rowCount = Number(created.getRows()[0]?.[0] ?? 0);
    result.show({ table: REFINED_TABLE, rowCount });
    return { rowCount };
  } catch (error) {
    const { type, message } = parseDuckDBError(error);
    throw new WorkbenchError(
      {
        code: 'invalid_filter',
        message: `The filters could not be applied: ${type} Error: ${message}`,
        where: describeFilters(result.columns.map((c) => c.name), refinement),
        hint: 'Check each filter\'s value against its column\'s type: numbers like 1200.50, dates like 2024-03-31.',
      },
      { cause: error },
    );
  }
}

function describeFilters(names: string[], refinement: Refinement): string {
  return refinement.filters
    .map(({ column, operator, value }) => `${names[column]} ${operator}${value === undefined ? '' : ` ${JSON.stringify(value)}`}`)
    .join(' and ');
}
