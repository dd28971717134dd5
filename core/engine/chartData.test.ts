import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartSelect, readChartData } from './chartData.ts';
import { Engine } from './engine.ts';
import { refineResult } from './refine.ts';

let dir: string;
let engine: Engine;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-chart-'));
  engine = await Engine.open(join(dir, 'warehouse.duckdb'));
});

afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

const COLUMNS = [
  { name: 'closed_at', type: 'TIMESTAMP' },
  { name: 'segment', type: 'VARCHAR' },
  { name: 'amount', type: 'DECIMAL(18,2)' },
];

describe('chartSelect', () => {
  it('groups by the dimensions (truncated to a time unit) and aggregates the measures', () => {
    const sql = chartSelect({ table: 'bizops_result', rowCount: 10 }, COLUMNS, {
      dimensions: [
        { column: 0, timeUnit: 'month', as: 'closed_at' },
        { column: 1, as: 'segment' },
      ],
      measures: [
        { column: 2, aggregate: 'sum', as: 'sum_amount' },
        { aggregate: 'count', as: 'count' },
      ],
      maxRows: 100,
    });
    expect(sql).toBe(
      'SELECT date_trunc(\'month\', "closed_at") AS "closed_at", "segment" AS "segment", sum("amount") AS "sum_amount",' +
        ' count(*) AS "count" FROM bizops_result GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 2 NULLS LAST LIMIT 101',
    );
  });

  it('samples plain rows only when there are more than the chart takes', () => {
    const request = { dimensions: [{ column: 2, as: 'amount' }], measures: [], maxRows: 5000 };
    expect(chartSelect({ table: 't', rowCount: 5000 }, COLUMNS, request)).toBe('SELECT "amount" AS "amount" FROM t');
    expect(chartSelect({ table: 't', rowCount: 5001 }, COLUMNS, request)).toContain('USING SAMPLE reservoir(5000 ROWS)');
  });

  it('refuses a time unit on a column that is no date', () => {
    expect(() =>
      chartSelect({ table: 't', rowCount: 1 }, COLUMNS, { dimensions: [{ column: 1, timeUnit: 'year', as: 's' }], measures: [], maxRows: 10 }),
    ).toThrow('The column "segment" is VARCHAR, not a date or timestamp, so it has no years.');
  });
});

describe('chart data from a kept result', () => {
  it('aggregates a million rows in DuckDB and sends back only the groups, as Arrow', async () => {
    await engine.runQuery({
      sql: `select timestamp '2024-01-01' + to_hours(i % 8760) as closed_at, ['SMB', 'Enterprise'][1 + i % 2] as segment,
                   (i % 100)::decimal(18,2) as amount from range(1000000) t(i)`,
      queryId: 'deals',
      pageSize: 10,
    });
    const data = await engine.withResultTable('deals', (result) =>
      readChartData(result, {
        dimensions: [{ column: 0, timeUnit: 'quarter', as: 'quarter' }],
        measures: [
          { aggregate: 'count', as: 'deals' },
          { column: 2, aggregate: 'sum', as: 'total' },
        ],
        maxRows: 100,
      }),
    );
    expect(data).toMatchObject({ rowCount: 4, sourceRowCount: 1_000_000, sampled: false, truncated: false });
    const rows = tableFromIPC(data.arrow).toArray().map((row) => row.toJSON());
    expect(rows.map((row) => new Date(row.quarter as number).toISOString().slice(0, 10))).toEqual([
      '2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01',
    ]);
    expect(rows.reduce((sum, row) => sum + Number(row.deals), 0)).toBe(1_000_000);
  });

  it('charts the refined rows, says when groups were cut, and samples plain rows', async () => {
    await engine.runQuery({ sql: 'select i, i % 7 as weekday from range(20000) t(i)', queryId: 'numbers', pageSize: 10 });
    await engine.withResultTable('numbers', (result) =>
      refineResult(result, { sort: [], filters: [{ column: 1, operator: '=', value: '0' }] }),
    );
    const groups = await engine.withResultTable('numbers', (result) =>
      readChartData(result, { dimensions: [{ column: 0, as: 'i' }], measures: [{ aggregate: 'count', as: 'n' }], maxRows: 50 }),
    );
    expect(groups).toMatchObject({ rowCount: 50, sourceRowCount: 2858, truncated: true, sampled: false });
    const sample = await engine.withResultTable('numbers', (result) =>
      readChartData(result, { dimensions: [{ column: 0, as: 'i' }, { column: 1, as: 'weekday' }], measures: [], maxRows: 1000 }),
    );
    expect(sample).toMatchObject({ rowCount: 1000, sampled: true });
    const weekdays = tableFromIPC(sample.arrow).toArray().map((row) => Number(row.toJSON().weekday));
    expect(new Set(weekdays)).toEqual(new Set([0]));
  });

  it('explains an aggregate that does not fit the column', async () => {
    await engine.runQuery({ sql: "select 'a' as word", queryId: 'words', pageSize: 10 });
    const failure = engine.withResultTable('words', (result) =>
      readChartData(result, { dimensions: [], measures: [{ column: 0, aggregate: 'sum', as: 'total' }], maxRows: 10 }),
    );
    await expect(failure).rejects.toMatchObject({ code: 'chart_failed', message: expect.stringContaining('sum') });
  });
});
