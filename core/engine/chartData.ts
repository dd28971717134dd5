import type { RecordBatch } from 'apache-arrow';
import type { ChartAggregate, ChartData, ChartDataRequest, TimeUnit } from '../api/results.ts';
import { WorkbenchError } from '../errors.ts';
import { arrowSchema, chunkToRecordBatch, toIpcStream } from './arrow.ts';
import type { ResultTable } from './engine.ts';
import { sqlIdentifier } from '../../connectors/sql.ts';
import { parseDuckDBError } from './sqlError.ts';

type ChartRequest = Required<Omit<ChartDataRequest, 'queryId'>>;

const AGGREGATE_SQL: Record<ChartAggregate, (column: string) => string> = {
  count: () => 'count(*)',
  count_distinct: (column) => `count(DISTINCT ${column})`,
  sum: (column) => `sum(${column})`,
  avg: (column) => `avg(${column})`,
  median: (column) => `median(${column})`,
  min: (column) => `min(${column})`,
  max: (column) => `max(${column})`,
};

/** A sample is the same on every redraw of the same result. */
const SAMPLE_SEED = 7;

/**
 * The SELECT that turns a result into chart data: grouped and aggregated when there are measures (at most
 * `maxRows` + 1 groups, to tell when there were more), else the plain columns, a random sample of `maxRows`
 * when the result has more rows than that.
 */
export function chartSelect(
  source: { table: string; rowCount: number },
  columns: { name: string; type: string }[],
  request: ChartRequest,
): string {
  const column = (index: number | undefined) => {
    const found = index === undefined ? undefined : columns[index];
    if (!found) {
      throw new WorkbenchError({
        code: 'invalid_argument',
        message: `The chart refers to column ${(index ?? -1) + 1}, but the result has ${columns.length}.`,
        hint: 'Run the query again: the result may have changed since the chart was drawn.',
      });
    }
    return found;
  };
  const dimensions = request.dimensions.map(({ column: index, timeUnit, as }) => {
    const { name, type } = column(index);
    return `${timeUnit ? truncated(name, type, timeUnit) : sqlIdentifier(name)} AS ${sqlIdentifier(as)}`;
  });
  if (request.measures.length === 0) {
    const sample = source.rowCount > request.maxRows ? ` USING SAMPLE reservoir(${request.maxRows} ROWS) REPEATABLE (${SAMPLE_SEED})` : '';
    return `SELECT ${dimensions.join(', ')} FROM ${source.table}${sample}`;
  }
  const measures = request.measures.map(({ column: index, aggregate, as }) => {
    const name = aggregate === 'count' ? '' : sqlIdentifier(column(index).name);
    return `${AGGREGATE_SQL[aggregate](name)} AS ${sqlIdentifier(as)}`;
  });
  const positions = dimensions.map((_, i) => i + 1);
  let sql = `SELECT ${[...dimensions, ...measures].join(', ')} FROM ${source.table}`;
  if (positions.length > 0) {
    sql += ` GROUP BY ${positions.join(', ')} ORDER BY ${positions.map((p) => `${p} NULLS LAST`).join(', ')}`;
  }
  return `${sql} LIMIT ${request.maxRows + 1}`;
}

function truncated(name: string, type: string, unit: TimeUnit): string {
  if (!/^(DATE|TIMESTAMP)/.test(type)) {
    throw new WorkbenchError({
      code: 'invalid_argument',
      message: `The column "${name}" is ${type}, not a date or timestamp, so it has no ${unit}s.`,
      hint: 'Pick a date or timestamp column for a time unit, or clear the time unit.',
    });
  }
  return `date_trunc('${unit}', ${sqlIdentifier(name)})`;
}

/** Run the chart's SELECT on the result's connection and answer with Arrow. */
export async function readChartData(result: ResultTable, request: ChartRequest): Promise<ChartData> {
  const columns = result.columnNames.map((name, i) => ({ name, type: result.columns[i].type }));
  const sql = chartSelect(result.view, columns, request);
  let reader;
  try {
    reader = await result.connection.run(sql);
  } catch (error) {
    const { type, message } = parseDuckDBError(error);
    throw new WorkbenchError(
      {
        code: 'chart_failed',
        message: `The chart data could not be computed: ${type} Error: ${message}`,
        hint: 'Sum, average and median need number columns; pick another aggregate or field.',
      },
      { cause: error },
    );
  }
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const schema = arrowSchema(names, types);
  const batches: RecordBatch[] = [];
  let rowCount = 0;
  for (const chunk of await reader.fetchAllChunks()) {
    if (chunk.rowCount === 0) continue;
    const batch = chunkToRecordBatch(schema, types, chunk);
    const keep = Math.min(batch.numRows, request.maxRows - rowCount);
    if (keep > 0) batches.push(keep < batch.numRows ? batch.slice(0, keep) : batch);
    rowCount += batch.numRows;
  }
  const aggregated = request.measures.length > 0;
  return {
    arrow: toIpcStream(schema, batches),
    rowCount: Math.min(rowCount, request.maxRows),
    sourceRowCount: result.view.rowCount,
    sampled: !aggregated && result.view.rowCount > request.maxRows,
    truncated: aggregated && rowCount > request.maxRows,
  };
}
