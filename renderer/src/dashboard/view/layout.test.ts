import { describe, expect, it } from 'vitest';
import { placeNewTile, placeTile, placeTiles } from './layout.ts';

const layout = [
  { tile: 'bookings', x: 0, y: 0, w: 3, h: 3 },
  { tile: 'won', x: 3, y: 0, w: 3, h: 3 },
  { tile: 'by_month', x: 0, y: 3, w: 12, h: 5 },
];

describe('the dashboard grid', () => {
  it('places tiles the layout leaves out on rows below the others, by their display', () => {
    const tiles = [
      { id: 'bookings', display: 'kpi' as const },
      { id: 'won', display: 'kpi' as const },
      { id: 'by_month', display: 'chart' as const },
      { id: 'extra_kpi', display: 'kpi' as const },
      { id: 'table', display: 'table' as const },
      { id: 'chart', display: 'chart' as const },
    ];
    expect(placeTiles({ tiles, layout }).slice(3)).toEqual([
      { tile: 'extra_kpi', x: 0, y: 8, w: 3, h: 3 },
      { tile: 'table', x: 3, y: 8, w: 6, h: 5 },
      { tile: 'chart', x: 0, y: 13, w: 6, h: 5 },
    ]);
  });

  it('moves a tile and pushes the tiles it lands on down, leaving the others and the order of entries alone', () => {
    const moved = placeTile(layout, { tile: 'by_month', x: 0, y: 0, w: 12, h: 5 });
    expect(moved).toEqual([
      { tile: 'bookings', x: 0, y: 5, w: 3, h: 3 },
      { tile: 'won', x: 3, y: 5, w: 3, h: 3 },
      { tile: 'by_month', x: 0, y: 0, w: 12, h: 5 },
    ]);
    const widened = placeTile(layout, { tile: 'bookings', x: 0, y: 0, w: 4, h: 3 });
    expect(widened[1]).toEqual({ tile: 'won', x: 3, y: 3, w: 3, h: 3 });
    expect(widened[2]).toEqual({ tile: 'by_month', x: 0, y: 6, w: 12, h: 5 });
    expect(placeTile(layout, { tile: 'won', x: 6, y: 0, w: 3, h: 3 })).toEqual([layout[0], { tile: 'won', x: 6, y: 0, w: 3, h: 3 }, layout[2]]);
  });

  it('keeps a dragged or resized tile on the grid', () => {
    expect(placeTile(layout, { tile: 'won', x: 11, y: -2, w: 3, h: 0 })[1]).toEqual({ tile: 'won', x: 9, y: 0, w: 3, h: 1 });
    expect(placeTile(layout, { tile: 'won', x: 2.6, y: 0.4, w: 30, h: 3 })[1]).toEqual({ tile: 'won', x: 0, y: 0, w: 12, h: 3 });
  });

  it('adds a new tile on the first free row', () => {
    expect(placeNewTile(layout, 'new', { w: 6, h: 5 }).at(-1)).toEqual({ tile: 'new', x: 0, y: 8, w: 6, h: 5 });
  });
});
