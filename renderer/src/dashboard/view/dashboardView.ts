import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { DashboardSnapshot, DashboardTile, TileData } from '../../../../core/api/dashboards.ts';
import { tileChartSpec, type Spec } from './chartSpec.ts';
import { placeTiles, readingOrder } from './layout.ts';
import { describeRun, formatCell } from './numbers.ts';
import { themeOf, themeVariables } from './theme.ts';
import { kpiParts, sparklineSvg, TABLE_ROWS_SHOWN } from './tileParts.ts';

/**
 * The dashboard view without a framework: the app mounts tiles with it, and the HTML export mounts the whole
 * dashboard with it, so both look the same. Charts are drawn by Vega as SVG with its expression interpreter
 * (no code is generated, as the app's CSP requires).
 */

export interface TileOptions {
  dark: boolean;
  currency: string;
}

/** Draw a tile's content (KPI, table, chart or error) into its body; returns what stops and clears it. */
export function mountTile(body: HTMLElement, tile: DashboardTile, data: TileData | undefined, options: TileOptions): () => void {
  body.replaceChildren();
  if (!data) {
    body.append(element('div', 'dash-loading', 'Loading…'));
    return () => body.replaceChildren();
  }
  if (data.status === 'error') {
    const box = element('div', 'dash-error');
    box.setAttribute('role', 'alert');
    box.append(element('div', 'dash-error-text', data.error?.message ?? 'The tile could not be computed.'));
    if (data.error?.where) box.append(element('div', 'dash-error-detail', `at ${data.error.where}`));
    if (data.error?.hint) box.append(element('div', 'dash-error-detail', data.error.hint));
    body.append(box);
    return () => body.replaceChildren();
  }
  if (tile.display === 'kpi') return mountKpi(body, tile, data, options);
  if (tile.display === 'table' || !data.spec) {
    mountTable(body, data);
    return () => body.replaceChildren();
  }
  return mountChart(body, tile, data.spec, data.rows ?? [], options);
}

function mountKpi(body: HTMLElement, tile: DashboardTile, data: TileData, options: TileOptions): () => void {
  const parts = kpiParts(tile, data, options.currency);
  const kpi = element('div', 'dash-kpi');
  kpi.append(element('div', 'dash-kpi-value', parts.value));
  if (parts.change) {
    const change = element('div', 'dash-kpi-change');
    const amount = element('span', `dash-change-${parts.change.direction}`, parts.change.text);
    change.append(amount, ' vs previous period');
    if (parts.previous) change.title = `Previous period: ${parts.previous}`;
    kpi.append(change);
  }
  const observer = new ResizeObserver(() => {
    // The markup is built from numbers only: no text from the data reaches innerHTML.
    spark.innerHTML = sparklineSvg(parts.sparkline, spark.clientWidth, spark.clientHeight, themeOf(options.dark).accent);
  });
  const spark = element('div', 'dash-kpi-spark');
  if (parts.sparkline.length >= 2) {
    kpi.append(spark);
    observer.observe(spark);
  }
  body.append(kpi);
  return () => {
    observer.disconnect();
    body.replaceChildren();
  };
}

function mountTable(body: HTMLElement, data: TileData): void {
  const columns = data.columns ?? [];
  const rows = data.rows ?? [];
  const wrap = element('div', 'dash-table-wrap');
  const table = element('table', 'dash-table');
  const numeric = columns.map((column) => rows.some((row) => typeof row[column.name] === 'number'));
  const head = table.createTHead().insertRow();
  columns.forEach((column, i) => {
    const cell = element('th', numeric[i] ? 'number' : '', column.name);
    cell.title = column.type;
    head.append(cell);
  });
  const tbody = table.createTBody();
  for (const row of rows.slice(0, TABLE_ROWS_SHOWN)) {
    const line = tbody.insertRow();
    columns.forEach((column, i) => line.append(element('td', numeric[i] ? 'number' : '', formatCell(row[column.name]))));
  }
  wrap.append(table);
  body.append(wrap);
  const more = rows.length - TABLE_ROWS_SHOWN;
  if (more > 0 || data.truncated) {
    body.append(element('div', 'dash-table-more', data.truncated ? 'Only the first rows are shown: aggregate in the query.' : `${more.toLocaleString('en-US')} more rows`));
  }
}

/** A chart drawn to fit its tile, again when the tile changes size by more than a few pixels. */
function mountChart(body: HTMLElement, tile: DashboardTile, spec: Spec, rows: Record<string, unknown>[], options: TileOptions): () => void {
  const host = element('div', 'dash-chart');
  host.setAttribute('data-testid', 'tile-chart');
  body.append(host);
  let view: View | null = null;
  let drawn = { width: 0, height: 0 };
  let disposed = false;
  let generation = 0;
  const draw = async () => {
    const width = Math.floor(body.clientWidth);
    const height = Math.floor(body.clientHeight);
    if (width < 40 || height < 40 || (Math.abs(width - drawn.width) < 6 && Math.abs(height - drawn.height) < 6)) return;
    drawn = { width, height };
    const mine = ++generation;
    try {
      const compiled = compile(tileChartSpec(spec, rows, { width, height, dark: options.dark, title: tile.title }) as unknown as TopLevelSpec).spec;
      const next = new View(parse(compiled, undefined, { ast: true }), { renderer: 'svg', hover: true, expr: expressionInterpreter });
      // Each drawing gets its own frame, so the previous one stays on screen until the next is ready.
      const frame = element('div', 'dash-chart-frame');
      host.append(frame);
      next.initialize(frame);
      await next.runAsync();
      if (disposed || mine !== generation) {
        next.finalize();
        frame.remove();
        return;
      }
      view?.finalize();
      view = next;
      for (const old of [...host.children]) if (old !== frame) old.remove();
      host.dataset.drawn = 'true';
    } catch (error) {
      if (disposed || mine !== generation) return;
      host.replaceChildren(element('div', 'dash-error', `Vega-Lite could not draw this chart: ${error instanceof Error ? error.message : String(error)}`));
    }
  };
  const observer = new ResizeObserver(() => void draw());
  observer.observe(body);
  return () => {
    disposed = true;
    observer.disconnect();
    view?.finalize();
    body.replaceChildren();
  };
}

/** The whole dashboard, read-only: its title, what it shows, and every tile on the grid. */
export function mountDashboard(container: HTMLElement, snapshot: DashboardSnapshot, options: { dark: boolean }): () => void {
  const { dashboard, run } = snapshot;
  const root = element('div', 'dash');
  for (const [name, value] of Object.entries(themeVariables(options.dark))) root.style.setProperty(name, value);
  const header = element('header', 'dash-header');
  header.append(element('h1', 'dash-title', dashboard.title));
  if (dashboard.description) header.append(element('p', 'dash-description', dashboard.description));
  header.append(element('p', 'dash-meta', describeRun(snapshot)));
  root.append(header);
  const grid = dashboardGrid(dashboard.tiles, dashboard.layout);
  const data = new Map(run.tiles.map((tile) => [tile.id, tile]));
  const disposers: (() => void)[] = [];
  for (const { tile, section, body } of grid.tiles) {
    disposers.push(mountTile(body, tile, data.get(tile.id), { dark: options.dark, currency: snapshot.currency }));
    grid.element.append(section);
  }
  root.append(grid.element);
  container.append(root);
  return () => {
    disposers.forEach((dispose) => dispose());
    root.remove();
  };
}

/** The grid and a frame per tile (title, notes, an empty body), placed as the layout says. */
function dashboardGrid(tiles: DashboardTile[], layout: DashboardSnapshot['dashboard']['layout']) {
  const grid = element('div', 'dash-grid');
  const placements = readingOrder(placeTiles({ tiles, layout }));
  const byId = new Map(tiles.map((tile) => [tile.id, tile]));
  return {
    element: grid,
    tiles: placements.map((placement) => {
      const tile = byId.get(placement.tile)!;
      const section = element('section', `dash-tile dash-tile-${tile.display}`);
      section.dataset.tile = tile.id;
      section.setAttribute('aria-label', tile.title);
      section.style.gridColumn = `${placement.x + 1} / span ${placement.w}`;
      section.style.gridRow = `${placement.y + 1} / span ${placement.h}`;
      const head = element('div', 'dash-tile-head');
      const heading = element('div', 'dash-tile-heading');
      heading.append(element('h2', 'dash-tile-title', tile.title));
      if (tile.notes) heading.append(element('p', 'dash-tile-notes', tile.notes));
      head.append(heading);
      const body = element('div', 'dash-tile-body');
      section.append(head, body);
      return { tile, section, body };
    }),
  };
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
