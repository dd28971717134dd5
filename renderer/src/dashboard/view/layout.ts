import type { DashboardTile, TilePlacement } from '../../../../core/api/dashboards.ts';

/** The grid every dashboard is laid out on, in the app and in exports alike. */
export const GRID = { columns: 12, rowHeight: 52, gap: 12, maxHeight: 24 } as const;

export type Size = Pick<TilePlacement, 'w' | 'h'>;

/** What a new tile, or one the file does not place, takes up. */
export function defaultSize(display: DashboardTile['display']): Size {
  return display === 'kpi' ? { w: 3, h: 3 } : { w: 6, h: 5 };
}

/**
 * Every tile's place: as the layout says (in its order, so that what is written back diffs only where tiles
 * moved), then tiles it leaves out, row by row below the others.
 */
export function placeTiles(dashboard: { tiles: Pick<DashboardTile, 'id' | 'display'>[]; layout: TilePlacement[] }): TilePlacement[] {
  const ids = new Set(dashboard.tiles.map((tile) => tile.id));
  const placed = dashboard.layout.filter((placement) => ids.has(placement.tile));
  const done = new Set(placed.map((placement) => placement.tile));
  let y = bottom(placed);
  let x = 0;
  let rowHeight = 0;
  const extra: TilePlacement[] = [];
  for (const tile of dashboard.tiles) {
    if (done.has(tile.id)) continue;
    const size = defaultSize(tile.display);
    if (x + size.w > GRID.columns) {
      y += rowHeight;
      x = 0;
      rowHeight = 0;
    }
    extra.push({ tile: tile.id, x, y, ...size });
    x += size.w;
    rowHeight = Math.max(rowHeight, size.h);
  }
  return [...placed, ...extra];
}

/** Top to bottom, left to right: the order people (and screen readers) read tiles in. */
export function readingOrder(placements: TilePlacement[]): TilePlacement[] {
  return [...placements].sort((a, b) => a.y - b.y || a.x - b.x);
}

/** The first free row below every tile. */
export function bottom(layout: TilePlacement[]): number {
  return layout.reduce((lowest, placement) => Math.max(lowest, placement.y + placement.h), 0);
}

/** A tile's place kept on the grid: at least one cell, no wider than the grid, never left of or above it. */
export function clampPlacement(placement: TilePlacement): TilePlacement {
  const w = Math.min(GRID.columns, Math.max(1, Math.round(placement.w)));
  const h = Math.min(GRID.maxHeight, Math.max(1, Math.round(placement.h)));
  return {
    tile: placement.tile,
    x: Math.min(GRID.columns - w, Math.max(0, Math.round(placement.x))),
    y: Math.max(0, Math.round(placement.y)),
    w,
    h,
  };
}

function overlaps(a: TilePlacement, b: TilePlacement): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Move or resize one tile; tiles it now covers move down just below it, and so on. Entries keep their order and
 * untouched tiles their values, so the file's diff is the tiles that really moved.
 */
export function placeTile(layout: TilePlacement[], moved: TilePlacement): TilePlacement[] {
  const target = clampPlacement(moved);
  const next = layout.some((placement) => placement.tile === target.tile)
    ? layout.map((placement) => (placement.tile === target.tile ? target : placement))
    : [...layout, target];
  const settled: TilePlacement[] = [target];
  const others = next.filter((placement) => placement.tile !== target.tile).sort((a, b) => a.y - b.y || a.x - b.x);
  const position = new Map<string, TilePlacement>([[target.tile, target]]);
  for (const placement of others) {
    let current = placement;
    for (let blocker = settled.find((other) => overlaps(other, current)); blocker; blocker = settled.find((other) => overlaps(other, current))) {
      current = { ...current, y: blocker.y + blocker.h };
    }
    settled.push(current);
    position.set(current.tile, current);
  }
  return next.map((placement) => position.get(placement.tile)!);
}

/** Where a new tile goes: on the first free row, at the left. */
export function placeNewTile(layout: TilePlacement[], tile: string, size: Size): TilePlacement[] {
  return [...layout, { tile, x: 0, y: bottom(layout), ...size }];
}
