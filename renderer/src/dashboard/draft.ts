import type { Dashboard, DashboardTile } from '../../../core/api/dashboards.ts';
import { defaultSize, placeNewTile } from './view/layout.ts';

/** A tile as another page hands it over (SQL editor, chart builder, a pack): everything but its id. */
export type TileDraft = Omit<DashboardTile, 'id'>;

/** `Won ARR by segment` → `won_arr_by_segment`: an identifier the file format accepts. */
export function slug(title: string, fallback = 'tile'): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = /^[a-z]/.test(words) ? words : words ? `${fallback}_${words}` : fallback;
  return name.slice(0, 48).replace(/_+$/, '');
}

function unique(base: string, taken: Set<string>, separator = '_'): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${separator}${n}`)) return `${base}${separator}${n}`;
}

/** The file a new dashboard gets: `dashboards/<slug>.dashboard.yml`, numbered if the name is taken. */
export function fileForTitle(title: string, existing: string[]): string {
  const taken = new Set(existing.map((file) => file.replace(/^dashboards\//, '').replace(/\.dashboard\.yml$/, '')));
  return `dashboards/${unique(slug(title, 'dashboard').replaceAll('_', '-'), taken, '-')}.dashboard.yml`;
}

/** Names of parameters a tile's SQL uses: `$period_from` counts as the date range `period`. */
export function parametersUsed(sql: string | undefined): string[] {
  const names = new Set<string>();
  for (const match of (sql ?? '').matchAll(/\$([a-z][a-z0-9_]*)/g)) names.add(match[1].replace(/_(from|to)$/, ''));
  return [...names];
}

/**
 * Add a tile: a fresh id from its title, a place on the first free row, and the parameters its SQL needs that the
 * dashboard lacks (a `period` for `$period_from`, text for the rest), so it runs at once.
 */
export function addTile(dashboard: Dashboard, tile: TileDraft): { dashboard: Dashboard; id: string } {
  const id = unique(slug(tile.title), new Set(dashboard.tiles.map((existing) => existing.id)));
  const parameters = [...dashboard.parameters];
  const needsPack = tile.metric !== undefined || tile.query !== undefined || tile.pack_chart !== undefined;
  const wanted = parametersUsed(tile.sql);
  if (needsPack && !parameters.some((parameter) => parameter.type === 'date_range')) wanted.push('period');
  for (const name of wanted) {
    if (parameters.some((parameter) => parameter.name === name)) continue;
    const usesRange = name === 'period' || new RegExp(`\\$${name}_(from|to)\\b`).test(tile.sql ?? '');
    parameters.push(usesRange ? { name, type: 'date_range', label: 'Period', default: 'last_12_months' } : { name, type: 'text', default: '' });
  }
  return {
    id,
    dashboard: {
      ...dashboard,
      parameters,
      tiles: [...dashboard.tiles, { id, ...tile }],
      layout: placeNewTile(dashboard.layout, id, defaultSize(tile.display)),
    },
  };
}

/** A new dashboard with nothing on it yet: saved once it has a tile. */
export function emptyDashboard(title: string): Dashboard {
  return { title, parameters: [{ name: 'period', type: 'date_range', label: 'Period', default: 'last_12_months' }], tiles: [], layout: [] };
}

/** JSON with keys sorted: two dashboards are the same when these are equal, whatever order keys were set in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

/** A first chart for a tile's columns: the first column across, the first number up. */
export function defaultChartSpec(columns: { name: string; type: string }[]): Record<string, unknown> {
  const numeric = (type: string) => /INT|DECIMAL|DOUBLE|FLOAT|REAL|NUMERIC|HUGEINT/i.test(type);
  const temporal = (type: string) => /DATE|TIME/i.test(type);
  const x = columns.find((column) => !numeric(column.type)) ?? columns[0];
  const y = columns.find((column) => column !== x && numeric(column.type));
  if (!x || !y) return { mark: { type: 'bar', tooltip: true }, encoding: {} };
  const xType = temporal(x.type) ? 'temporal' : 'nominal';
  return {
    mark: { type: xType === 'temporal' ? 'line' : 'bar', tooltip: true },
    encoding: { x: { field: x.name, type: xType, title: null }, y: { field: y.name, type: 'quantitative' } },
  };
}

/** A tile's fields that decide its numbers: when they change, the tile runs again. */
export function runKey(tile: DashboardTile): string {
  return stableJson({ sql: tile.sql, metric: tile.metric, query: tile.query, pack_chart: tile.pack_chart, display: tile.display, kpi: tile.kpi, chart: tile.chart });
}

/**
 * Tiles added since the file was last saved take their ids from their titles (`won_deals`, not `new_tile_2`), so
 * the file reads well; tiles already in the file keep theirs.
 */
export function idsFromTitles(dashboard: Dashboard, savedIds: ReadonlySet<string>): { dashboard: Dashboard; renamed: Map<string, string> } {
  const renamed = new Map<string, string>();
  const taken = new Set(dashboard.tiles.filter((tile) => savedIds.has(tile.id)).map((tile) => tile.id));
  const tiles = dashboard.tiles.map((tile) => {
    if (savedIds.has(tile.id)) return tile;
    const id = unique(slug(tile.title), taken);
    taken.add(id);
    if (id === tile.id) return tile;
    renamed.set(tile.id, id);
    return { ...tile, id };
  });
  if (renamed.size === 0) return { dashboard, renamed };
  const layout = dashboard.layout.map((placement) => (renamed.has(placement.tile) ? { ...placement, tile: renamed.get(placement.tile)! } : placement));
  return { dashboard: { ...dashboard, tiles, layout }, renamed };
}
