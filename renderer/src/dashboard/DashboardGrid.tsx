import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import type { Dashboard, DashboardTile, TileData, TilePlacement } from '../../../core/api/dashboards.ts';
import { mountTile } from './view/dashboardView.ts';
import { GRID, placeTile, placeTiles, readingOrder } from './view/layout.ts';
import { themeVariables } from './view/theme.ts';
import './view/dashboard.css';
import './dashboard-editor.css';

interface DashboardGridProps {
  dashboard: Pick<Dashboard, 'tiles' | 'layout'>;
  data: Record<string, TileData | undefined>;
  dark: boolean;
  currency: string;
  /** Tiles being computed again: their old content stays, dimmed. */
  running?: ReadonlySet<string>;
  /** Edit mode: tiles can be dragged, resized and opened in the tile editor. */
  editing?: boolean;
  selected?: string | null;
  onLayout?(layout: TilePlacement[]): void;
  onSelect?(tile: string): void;
  /** Buttons in a tile's title bar. */
  actions?(tile: DashboardTile): ReactNode;
  children?: ReactNode;
}

interface Drag {
  tile: string;
  mode: 'move' | 'resize';
  pointer: { x: number; y: number };
  origin: TilePlacement;
  current: TilePlacement;
}

/**
 * The dashboard on its 12-column grid, drawn by the shared view (the HTML export draws the same tiles). In edit
 * mode a tile moves by dragging its title bar (or Alt+arrow keys) and resizes by its corner (or Shift+arrow keys);
 * tiles in the way move down.
 */
export function DashboardGrid(props: DashboardGridProps) {
  const { dashboard, data, dark, currency, running, editing = false, selected, onLayout, onSelect, actions, children } = props;
  const grid = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const placements = placeTiles(dashboard);
  const shown = drag ? placeTile(placements, drag.current) : placements;
  const byId = new Map(dashboard.tiles.map((tile) => [tile.id, tile]));

  const step = () => {
    const width = grid.current?.clientWidth ?? 1200;
    return { column: (width + GRID.gap) / GRID.columns, row: GRID.rowHeight + GRID.gap };
  };
  const startDrag = (event: PointerEvent, placement: TilePlacement, mode: Drag['mode']) => {
    if (!editing || event.button !== 0 || (event.target as HTMLElement).closest('button:not(.dash-drag-handle)')) return;
    event.preventDefault();
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    setDrag({ tile: placement.tile, mode, pointer: { x: event.clientX, y: event.clientY }, origin: placement, current: placement });
  };
  const moveDrag = (event: PointerEvent) => {
    if (!drag) return;
    const { column, row } = step();
    const columns = Math.round((event.clientX - drag.pointer.x) / column);
    const rows = Math.round((event.clientY - drag.pointer.y) / row);
    const { origin } = drag;
    const current = drag.mode === 'move' ? { ...origin, x: origin.x + columns, y: origin.y + rows } : { ...origin, w: origin.w + columns, h: origin.h + rows };
    setDrag({ ...drag, current });
  };
  const endDrag = () => {
    if (!drag) return;
    const { origin, current } = drag;
    setDrag(null);
    if (current.x !== origin.x || current.y !== origin.y || current.w !== origin.w || current.h !== origin.h) onLayout?.(placeTile(placements, current));
  };
  const nudge = (event: KeyboardEvent, placement: TilePlacement) => {
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const arrow = arrows[event.key];
    if (!arrow || !(event.altKey || event.shiftKey)) return;
    event.preventDefault();
    const [dx, dy] = arrow;
    const next = event.shiftKey ? { ...placement, w: placement.w + dx, h: placement.h + dy } : { ...placement, x: placement.x + dx, y: placement.y + dy };
    onLayout?.(placeTile(placements, next));
  };

  return (
    <div className="dash" style={themeVariables(dark) as CSSProperties} data-editing={editing || undefined}>
      {children}
      <div className="dash-grid" ref={grid} onPointerMove={moveDrag} onPointerUp={endDrag} onPointerCancel={endDrag}>
        {readingOrder(shown).map((placement) => {
          const tile = byId.get(placement.tile)!;
          const classes = ['dash-tile', `dash-tile-${tile.display}`];
          if (editing) classes.push('dash-tile-editing');
          if (selected === tile.id) classes.push('dash-tile-selected');
          if (drag?.tile === tile.id) classes.push('dash-tile-dragging');
          if (running?.has(tile.id)) classes.push('dash-tile-running');
          return (
            <section
              key={tile.id}
              className={classes.join(' ')}
              data-tile={tile.id}
              aria-label={tile.title}
              style={{ gridColumn: `${placement.x + 1} / span ${placement.w}`, gridRow: `${placement.y + 1} / span ${placement.h}` }}
            >
              <div className="dash-tile-head" onPointerDown={(event) => startDrag(event, placement, 'move')}>
                <div className="dash-tile-heading">
                  <h2 className="dash-tile-title">{tile.title}</h2>
                  {tile.notes && <p className="dash-tile-notes">{tile.notes}</p>}
                </div>
                {editing && (
                  <button
                    className="dash-drag-handle"
                    aria-label={`Move or resize ${tile.title} (Alt or Shift with the arrow keys)`}
                    title="Drag to move; Alt+arrows move, Shift+arrows resize"
                    onKeyDown={(event) => nudge(event, placement)}
                  >
                    ⠿
                  </button>
                )}
                {editing && onSelect && (
                  <button className="dash-tile-button" onClick={() => onSelect(tile.id)}>
                    Edit
                  </button>
                )}
                {actions?.(tile)}
              </div>
              <TileBody tile={tile} data={data[tile.id]} dark={dark} currency={currency} />
              {editing && (
                <div
                  className="dash-resize-grip"
                  role="presentation"
                  title="Drag to resize"
                  onPointerDown={(event) => startDrag(event, placement, 'resize')}
                />
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}

/** A tile's content, drawn by the shared view module into a node React leaves alone. */
function TileBody({ tile, data, dark, currency }: { tile: DashboardTile; data: TileData | undefined; dark: boolean; currency: string }) {
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => mountTile(body.current!, tile, data, { dark, currency }), [tile, data, dark, currency]);
  return <div className="dash-tile-body" ref={body} />;
}
