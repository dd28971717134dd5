import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../../core/api/query.ts';
import { defaultSettings, readSettings, specFromSettings, switchMark, writeSettings, type ChartSettings } from './chartSpec.ts';

const columns: ColumnInfo[] = [
  { name: 'account_id', type: 'VARCHAR' },
  { name: 'segment', type: 'VARCHAR' },
  { name: 'closed_at', type: 'TIMESTAMP' },
  { name: 'amount', type: 'DECIMAL(18,2)' },
  { name: 'seats', type: 'INTEGER' },
];

describe('chart settings and their Vega-Lite spec', () => {
  it('start from the columns: a measure by month, split by a category', () => {
    expect(defaultSettings(columns, 1000)).toEqual({
      mark: 'line',
      channels: { x: { field: 'closed_at', timeUnit: 'month' }, y: { field: 'amount', aggregate: 'sum' }, color: { field: 'segment' } },
    });
    expect(defaultSettings([columns[1], columns[3]], 5)).toEqual({
      mark: 'bar',
      channels: { x: { field: 'segment' }, y: { field: 'amount', aggregate: 'sum' } },
    });
    expect(defaultSettings([{ name: 'total', type: 'DECIMAL(38,2)' }], 1).mark).toBe('kpi');
  });

  it('write a plain Vega-Lite spec, in UTC time units, and read back the same settings', () => {
    const settings: ChartSettings[] = [
      { mark: 'line', channels: { x: { field: 'closed_at', timeUnit: 'quarter' }, y: { field: 'amount', aggregate: 'mean' }, color: { field: 'segment' } } },
      { mark: 'bar', channels: { x: { field: 'segment' }, y: { aggregate: 'count' }, facet: { field: 'account_id' } } },
      { mark: 'point', channels: { x: { field: 'seats' }, y: { field: 'amount' }, size: { field: 'seats', aggregate: 'max' } } },
      { mark: 'rect', channels: { x: { field: 'closed_at', timeUnit: 'month' }, y: { field: 'segment' }, color: { field: 'amount', aggregate: 'sum' } } },
      { mark: 'arc', channels: { color: { field: 'segment' }, theta: { field: 'amount', aggregate: 'sum' } } },
      { mark: 'kpi', channels: { text: { field: 'account_id', aggregate: 'distinct' } } },
    ];
    for (const setting of settings) expect(readSettings(specFromSettings(setting, columns))).toEqual(setting);
    const spec = specFromSettings(settings[0], columns);
    expect(spec.data).toEqual({ name: 'result' });
    expect(spec.encoding).toEqual({
      x: { field: 'closed_at', timeUnit: 'utcyearquarter', type: 'temporal' },
      y: { field: 'amount', aggregate: 'mean', type: 'quantitative' },
      color: { field: 'segment', type: 'nominal' },
    });
    expect(specFromSettings(settings[5], columns)).toMatchObject({ mark: { type: 'text' }, title: 'Distinct count of account_id' });
  });

  it('keep what was edited by hand when a control changes', () => {
    const edited = {
      ...specFromSettings({ mark: 'bar', channels: { x: { field: 'segment' }, y: { field: 'amount', aggregate: 'sum' } } }, columns),
      title: 'ARR by segment',
      width: 420,
      encoding: {
        x: { field: 'segment', type: 'nominal', sort: '-y', axis: { labelAngle: 0 } },
        y: { field: 'amount', aggregate: 'sum', type: 'quantitative' },
        tooltip: [{ field: 'segment' }],
      },
    };
    const changed = writeSettings(edited, { mark: 'bar', channels: { x: { field: 'segment' }, y: { field: 'seats', aggregate: 'sum' } } }, columns);
    expect(changed).toMatchObject({ title: 'ARR by segment', width: 420 });
    expect(changed.encoding).toEqual({
      x: { field: 'segment', type: 'nominal', sort: '-y', axis: { labelAngle: 0 } },
      y: { field: 'seats', aggregate: 'sum', type: 'quantitative' },
      tooltip: [{ field: 'segment' }],
    });
  });

  it('move fields sensibly between marks', () => {
    const bar: ChartSettings = { mark: 'bar', channels: { x: { field: 'segment' }, y: { field: 'amount', aggregate: 'sum' } } };
    const pie = switchMark(bar, 'arc');
    expect(pie).toEqual({ mark: 'arc', channels: { color: { field: 'segment' }, theta: { field: 'amount', aggregate: 'sum' } } });
    expect(switchMark(pie, 'bar')).toEqual(bar);
    expect(switchMark(bar, 'kpi')).toEqual({ mark: 'kpi', channels: { text: { field: 'amount', aggregate: 'sum' } } });
  });

  it('name columns with dots as themselves, not as nested fields', () => {
    const dotted = [{ name: 'amount.usd', type: 'DOUBLE' }];
    const spec = specFromSettings({ mark: 'kpi', channels: { text: { field: 'amount.usd', aggregate: 'sum' } } }, dotted);
    expect((spec.encoding as { text: { field: string } }).text.field).toBe('amount\\.usd');
    expect(readSettings(spec).channels.text?.field).toBe('amount.usd');
  });
});

describe('switching marks', () => {
  it('turns a split bar chart into a heatmap and back', () => {
    const bar: ChartSettings = {
      mark: 'bar',
      channels: { x: { field: 'closed_at', timeUnit: 'quarter' }, y: { field: 'amount', aggregate: 'sum' }, color: { field: 'segment' } },
    };
    const heatmap = switchMark(bar, 'rect');
    expect(heatmap).toEqual({
      mark: 'rect',
      channels: { x: { field: 'closed_at', timeUnit: 'quarter' }, y: { field: 'segment' }, color: { field: 'amount', aggregate: 'sum' } },
    });
    expect(switchMark(heatmap, 'bar')).toEqual(bar);
  });
});
