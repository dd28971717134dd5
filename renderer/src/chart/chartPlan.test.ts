import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../../core/api/query.ts';
import { planChart } from './chartPlan.ts';

const columns: ColumnInfo[] = [
  { name: 'segment', type: 'VARCHAR' },
  { name: 'closed_at', type: 'TIMESTAMP' },
  { name: 'amount', type: 'DECIMAL(18,2)' },
];

describe('planChart', () => {
  it('groups an aggregating spec in the engine and draws it from the groups', () => {
    const spec = {
      mark: 'line',
      encoding: {
        x: { field: 'closed_at', timeUnit: 'utcyearmonth', type: 'temporal' },
        y: { field: 'amount', aggregate: 'sum', type: 'quantitative' },
        color: { field: 'segment', type: 'nominal' },
        tooltip: [{ aggregate: 'count', type: 'quantitative' }, { field: 'amount', aggregate: 'sum' }],
      },
    };
    const plan = planChart(spec, columns);
    expect(plan.aggregated).toBe(true);
    expect(plan.request).toEqual({
      dimensions: [
        { column: 1, timeUnit: 'month', as: 'closed_at' },
        { column: 0, as: 'segment' },
      ],
      measures: [
        { column: 2, aggregate: 'sum', as: 'sum_amount' },
        { column: undefined, aggregate: 'count', as: 'count' },
      ],
      maxRows: 10_000,
    });
    const compiled = plan.compile([{ closed_at: 0, segment: 'SMB', sum_amount: 10, count: 2 }]);
    expect(compiled.data).toEqual({ values: [{ closed_at: 0, segment: 'SMB', sum_amount: 10, count: 2 }] });
    expect(compiled.encoding).toEqual({
      x: { field: 'closed_at', timeUnit: 'utcyearmonth', type: 'temporal' },
      y: { field: 'sum_amount', type: 'quantitative', title: 'Sum of amount' },
      color: { field: 'segment', type: 'nominal' },
      tooltip: [
        { field: 'count', type: 'quantitative', title: 'Count of rows' },
        { field: 'sum_amount', title: 'Sum of amount' },
      ],
    });
    expect(spec.encoding.y).toEqual({ field: 'amount', aggregate: 'sum', type: 'quantitative' });
  });

  it('computes a KPI as one aggregate over every row', () => {
    const plan = planChart({ mark: { type: 'text' }, encoding: { text: { field: 'amount', aggregate: 'median' } } }, columns);
    expect(plan.request).toEqual({ dimensions: [], measures: [{ column: 2, aggregate: 'median', as: 'median_amount' }], maxRows: 10_000 });
  });

  it('hands Vega a sample of the columns it names when it must do the work itself', () => {
    for (const spec of [
      { mark: 'point', encoding: { x: { field: 'closed_at', type: 'temporal' }, y: { field: 'amount', type: 'quantitative' } } },
      { mark: 'bar', encoding: { x: { field: 'amount', bin: true }, y: { aggregate: 'count' } } },
      { mark: 'bar', transform: [{ filter: 'datum.amount > 0' }], encoding: { x: { field: 'segment' }, y: { field: 'amount', aggregate: 'sum' } } },
    ]) {
      const plan = planChart(spec, columns);
      expect(plan.aggregated).toBe(false);
      expect(plan.request.measures).toEqual([]);
      expect(plan.request.maxRows).toBe(5_000);
      expect(plan.compile([{ amount: 1 }]).data).toEqual({ values: [{ amount: 1 }] });
    }
    expect(planChart({ mark: 'point', encoding: { x: { field: 'amount' } } }, columns).request.dimensions).toEqual([{ column: 2, as: 'amount' }]);
  });

  it('names a field the result does not have', () => {
    expect(() => planChart({ mark: 'bar', encoding: { x: { field: 'region' } } }, columns)).toThrow(
      'The chart uses the field "region", which is not a column of this result.',
    );
  });
});
