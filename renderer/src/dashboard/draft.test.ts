import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../core/api/dashboards.ts';
import { addTile, fileForTitle, idsFromTitles, parametersUsed, slug, stableJson } from './draft.ts';

describe('adding tiles to dashboards', () => {
  it('names tiles and files after their titles', () => {
    expect(slug('Won ARR by segment')).toBe('won_arr_by_segment');
    expect(slug('2025 bookings')).toBe('tile_2025_bookings');
    expect(slug('Zoë’s pipeline!')).toBe('zoe_s_pipeline');
    expect(fileForTitle('Sales review', ['dashboards/sales-review.dashboard.yml'])).toBe('dashboards/sales-review-2.dashboard.yml');
  });

  it('adds a tile with a fresh id below the others, and the parameters its SQL uses', () => {
    const dashboard: Dashboard = {
      title: 'Revenue',
      parameters: [],
      tiles: [{ id: 'arr', title: 'ARR', display: 'kpi', sql: 'select 1' }],
      layout: [{ tile: 'arr', x: 0, y: 0, w: 3, h: 3 }],
    };
    const sql = 'select segment, count(*) from core.opportunities where close_date >= $period_from and close_date < $period_to and region = $region group by 1';
    expect(parametersUsed(sql)).toEqual(['period', 'region']);
    const { dashboard: next, id } = addTile(dashboard, { title: 'ARR', display: 'chart', sql, chart: { mark: 'bar' } });
    expect(id).toBe('arr_2');
    expect(next.layout.at(-1)).toEqual({ tile: 'arr_2', x: 0, y: 3, w: 6, h: 5 });
    expect(next.parameters).toEqual([
      { name: 'period', type: 'date_range', label: 'Period', default: 'last_12_months' },
      { name: 'region', type: 'text', default: '' },
    ]);
    expect(dashboard.tiles).toHaveLength(1);
  });

  it('names new tiles after their titles when saved, leaving saved tiles alone', () => {
    const dashboard: Dashboard = {
      title: 'Revenue',
      parameters: [],
      tiles: [
        { id: 'new_tile', title: 'ARR', display: 'kpi', sql: 'select 1' },
        { id: 'arr', title: 'Old ARR', display: 'kpi', sql: 'select 2' },
        { id: 'new_tile_2', title: 'Won deals', display: 'kpi', sql: 'select 3' },
      ],
      layout: [{ tile: 'new_tile_2', x: 0, y: 0, w: 3, h: 3 }],
    };
    const { dashboard: named, renamed } = idsFromTitles(dashboard, new Set(['arr']));
    expect(named.tiles.map((tile) => tile.id)).toEqual(['arr_2', 'arr', 'won_deals']);
    expect(named.layout).toEqual([{ tile: 'won_deals', x: 0, y: 0, w: 3, h: 3 }]);
    expect(renamed).toEqual(new Map([['new_tile', 'arr_2'], ['new_tile_2', 'won_deals']]));
  });

  it('compares dashboards by content, not by the order keys were set in', () => {
    expect(stableJson({ b: 1, a: { d: 2, c: undefined } })).toBe(stableJson({ a: { d: 2 }, b: 1 }));
  });
});
