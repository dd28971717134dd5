import { describe, expect, it } from 'vitest';
import { tileChartSpec } from './chartSpec.ts';

describe('a tile\'s chart spec', () => {
  const rows = [{ month: '2025-01-01', arr: 10 }];
  it('takes the tile\'s rows as data, fills the tile, and leaves out a title the tile already shows', () => {
    const packChart = { $schema: 'x', title: 'Bookings by month', data: { name: 'bookings_by_month' }, width: 'container', height: 260, mark: 'bar' };
    const drawn = tileChartSpec(packChart, rows, { width: 500, height: 240, dark: false, title: 'Bookings by month' });
    expect(drawn).toMatchObject({ data: { values: rows }, width: 500, height: 240, mark: 'bar', autosize: { type: 'fit', contains: 'padding' } });
    expect(drawn).not.toHaveProperty('title');
    expect(drawn).not.toHaveProperty('$schema');
    expect(tileChartSpec(packChart, rows, { width: 500, height: 240, dark: false, title: 'Other' }).title).toBe('Bookings by month');
  });

  it('lets composed charts size their own cells, and the spec\'s config win over the theme', () => {
    const faceted = { mark: 'bar', encoding: { facet: { field: 'segment' } }, config: { background: 'pink' } };
    const drawn = tileChartSpec(faceted, rows, { width: 500, height: 240, dark: true, title: 'x' });
    expect(drawn).not.toHaveProperty('width');
    expect((drawn.config as Record<string, unknown>).background).toBe('pink');
    expect((drawn.config as Record<string, unknown>).font).toContain('DejaVu Sans');
  });
});
