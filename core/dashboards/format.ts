import { posix } from 'node:path';
import { Document, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { z } from 'zod';
import { WorkbenchError } from '../errors.ts';
import { describeIssues, parseYamlFile } from '../yamlFile.ts';

/**
 * A dashboard is a file (`dashboards/<name>.dashboard.yml`) a team reviews in a merge request: parameters,
 * tiles (SQL or a pack metric; a chart, a KPI or a table) and a grid layout. Serialization is stable — keys in a
 * fixed order, multi-line SQL as a block — so one change in the UI is a small diff.
 */

const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and "_", starting with a letter');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD');

/** A period given as dates, or relative to today (`last_12_months`, `this_quarter`, …). */
export const RELATIVE_PERIODS = [
  'last_7_days', 'last_30_days', 'last_90_days', 'last_12_months', 'this_month', 'last_month', 'this_quarter',
  'last_quarter', 'this_year', 'last_year', 'year_to_date',
] as const;

const dateRangeDefault = z.union([
  z.enum(RELATIVE_PERIODS),
  z.object({ from: isoDate, to: isoDate }).strict(),
]);

export const parameterSchema = z.discriminatedUnion('type', [
  z.object({ name: identifier, type: z.literal('date_range'), label: z.string().optional(), default: dateRangeDefault }).strict(),
  z
    .object({
      name: identifier,
      type: z.literal('select'),
      label: z.string().optional(),
      /** The choices: fixed, or the first column of a query's rows. */
      options: z.array(z.union([z.string(), z.number()])).optional(),
      options_sql: z.string().optional(),
      default: z.union([z.string(), z.number()]).nullable().default(null),
    })
    .strict()
    .refine((parameter) => (parameter.options === undefined) !== (parameter.options_sql === undefined), {
      message: 'a select parameter needs either options or options_sql',
    }),
  z.object({ name: identifier, type: z.literal('text'), label: z.string().optional(), default: z.string().default('') }).strict(),
  z.object({ name: identifier, type: z.literal('number'), label: z.string().optional(), default: z.number().nullable().default(null) }).strict(),
]);

export const KPI_FORMATS = ['number', 'currency', 'percent', 'days', 'ratio'] as const;

const kpiSchema = z
  .object({
    /** The column of the first row shown as the value; the first column by default. */
    value: z.string().optional(),
    format: z.enum(KPI_FORMATS).default('number'),
    /** Show the change against the same-length period just before (needs a date_range parameter). */
    compare: z.boolean().default(false),
    /**
     * A sparkline: `true` on a metric tile draws the metric month by month over the period; a column name draws
     * that column of the tile's rows, against `sparkline_x`.
     */
    sparkline: z.union([z.boolean(), z.string()]).optional(),
    sparkline_x: z.string().optional(),
  })
  .strict();

const packRef = (field: string) => z.object({ pack: identifier, [field]: identifier }).strict();

/** Where a tile's rows come from: exactly one of these. */
const TILE_SOURCES = ['sql', 'metric', 'query', 'pack_chart'] as const;

export const tileSchema = z
  .object({
    id: identifier,
    title: z.string().min(1),
    notes: z.string().optional(),
    /** The tile's query; parameters reach it only as bound parameters ($period_from, $segment, …). */
    sql: z.string().describe('SQL whose rows the tile shows; parameters are bound by name: $period_from, $period_to, $segment, …').optional(),
    /** A metric of a metric pack, for the dashboard's period. */
    metric: packRef('metric').describe('A metric of a metric pack, for the dashboard\'s period.').optional(),
    /** A named query of a metric pack, for the dashboard's period. */
    query: packRef('query').describe('A named query of a metric pack, for the dashboard\'s period.').optional(),
    /** A chart of a metric pack: its named query's rows drawn with its Vega-Lite spec. */
    pack_chart: packRef('chart').describe('A chart of a metric pack, drawn with its own Vega-Lite spec.').optional(),
    display: z.enum(['chart', 'kpi', 'table']).describe('chart: a Vega-Lite spec; kpi: one number with its change; table: the rows.'),
    /** A Vega-Lite spec; the tile's rows are its data. */
    chart: z.record(z.string(), z.unknown()).describe('A Vega-Lite spec; the tile\'s rows are its data.').optional(),
    kpi: kpiSchema.optional(),
  })
  .strict()
  .refine((tile) => TILE_SOURCES.filter((source) => tile[source] !== undefined).length === 1, {
    message: `a tile has exactly one of ${TILE_SOURCES.join(', ')}`,
  })
  .refine((tile) => tile.display !== 'chart' || tile.chart !== undefined || tile.pack_chart !== undefined, {
    message: 'a chart tile needs a chart (a Vega-Lite spec) or a pack_chart',
  });

const placementSchema = z
  .object({
    tile: identifier,
    x: z.number().int().min(0).max(11),
    y: z.number().int().min(0),
    w: z.number().int().min(1).max(12),
    h: z.number().int().min(1).max(24),
  })
  .strict();

export const dashboardSchema = z
  .object({
    title: z.string().min(1),
    description: z.string().optional(),
    parameters: z.array(parameterSchema).describe('Inputs shown above the tiles; their values reach tile SQL as bound parameters.').default([]),
    tiles: z.array(tileSchema).min(1),
    /** A 12-column grid; tiles without a place are laid out after the others. */
    layout: z.array(placementSchema).describe('Where each tile sits on the 12-column grid (x, y, width and height in cells).').default([]),
  })
  .strict();

export type Dashboard = z.output<typeof dashboardSchema>;
export type DashboardParameter = z.output<typeof parameterSchema>;
export type DashboardTile = z.output<typeof tileSchema>;
export type TilePlacement = z.output<typeof placementSchema>;

/** Parse and check a dashboard file; every problem names the file, its line and what is wrong. */
export function parseDashboard(text: string, file: string): Dashboard {
  const yaml = parseYamlFile(text);
  if (yaml.syntaxError) throw dashboardError(file, yaml.syntaxError.line, yaml.syntaxError.message);
  const parsed = dashboardSchema.safeParse(yaml.value);
  if (!parsed.success) {
    const [problem] = describeIssues(parsed.error.issues, dashboardSchema, yaml);
    throw dashboardError(file, problem.line, problem.text);
  }
  const dashboard = parsed.data;
  const ids = new Set<string>();
  dashboard.tiles.forEach((tile, index) => {
    if (ids.has(tile.id)) throw dashboardError(file, yaml.line(['tiles', index, 'id']), `two tiles have the id "${tile.id}"`);
    ids.add(tile.id);
  });
  dashboard.layout.forEach((placement, index) => {
    if (!ids.has(placement.tile)) throw dashboardError(file, yaml.line(['layout', index, 'tile']), `the layout places "${placement.tile}", which is not a tile`);
    if (placement.x + placement.w > 12) throw dashboardError(file, yaml.line(['layout', index]), `tile "${placement.tile}" is wider than the 12-column grid`);
  });
  const names = new Set<string>();
  dashboard.parameters.forEach((parameter, index) => {
    if (names.has(parameter.name)) throw dashboardError(file, yaml.line(['parameters', index, 'name']), `two parameters are named "${parameter.name}"`);
    names.add(parameter.name);
  });
  return dashboard;
}

function dashboardError(file: string, line: number, what: string): WorkbenchError {
  return new WorkbenchError({
    code: 'dashboard_invalid',
    message: `${file}:${line}: ${what}`,
    where: `${file}:${line}`,
    hint: 'Fix the dashboard file; its JSON Schema (dashboard.schema.json) lists what it may contain.',
  });
}

const KEY_ORDER = {
  parameter: ['name', 'type', 'label', 'options', 'options_sql', 'default'],
  tile: ['id', 'title', 'notes', 'display', 'metric', 'query', 'pack_chart', 'sql', 'kpi', 'chart'],
  placement: ['tile', 'x', 'y', 'w', 'h'],
};

/** The JSON Schema of dashboard files, kept beside them in dashboards/ so that editors check what is typed. */
export const DASHBOARD_SCHEMA_FILE = 'dashboard.schema.json';

/** The dashboard file format as JSON Schema (draft-07, which YAML editors read), generated from the zod schema. */
export function dashboardJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(dashboardSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: 'BizOps dashboard',
    description: 'A dashboard file (dashboards/<name>.dashboard.yml): parameters, tiles and a 12-column grid layout.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}

/** How the dashboard file at `file` (workspace-relative) refers to the schema in dashboards/: `./dashboard.schema.json`. */
export function schemaReference(file: string): string {
  const path = posix.relative(posix.dirname(file), `dashboards/${DASHBOARD_SCHEMA_FILE}`);
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * The dashboard as YAML, always the same for the same dashboard: a first line that points editors at the JSON
 * Schema, keys in a fixed order, defaults left out, SQL and multi-line notes as literal blocks, each layout entry
 * on one line.
 */
export function serializeDashboard(dashboard: Dashboard, file = 'dashboards/dashboard.yml'): string {
  const document = new Document();
  const root = new YAMLMap();
  root.set('title', dashboard.title);
  if (dashboard.description !== undefined) root.set('description', text(dashboard.description, false));
  if (dashboard.parameters.length > 0) {
    root.set('parameters', sequence(dashboard.parameters.map((parameter) => ordered(document, withoutDefaults(parameter), KEY_ORDER.parameter))));
  }
  root.set('tiles', sequence(dashboard.tiles.map((tile) => tileNode(document, tile))));
  if (dashboard.layout.length > 0) {
    root.set('layout', sequence(dashboard.layout.map((placement) => {
      const node = ordered(document, placement, KEY_ORDER.placement);
      node.flow = true;
      return node;
    })));
  }
  document.contents = root;
  return `# yaml-language-server: $schema=${schemaReference(file)}\n${document.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}

function tileNode(document: Document, tile: DashboardTile): YAMLMap {
  const kpi = tile.kpi && Object.fromEntries(Object.entries(tile.kpi).filter(([key, value]) => !(key === 'format' && value === 'number') && !(key === 'compare' && value === false)));
  const node = ordered(document, { ...tile, kpi: kpi && Object.keys(kpi).length > 0 ? kpi : undefined }, KEY_ORDER.tile);
  if (tile.sql !== undefined) node.set('sql', text(tile.sql, true));
  if (tile.notes !== undefined) node.set('notes', text(tile.notes, false));
  return node;
}

/** SQL is always a literal block; other text only when it spans lines. */
function text(value: string, block: boolean): Scalar {
  const multiline = block || value.includes('\n');
  const scalar = new Scalar(multiline ? `${value.replace(/\s+$/, '')}\n` : value);
  if (multiline) scalar.type = Scalar.BLOCK_LITERAL;
  return scalar;
}

function withoutDefaults(parameter: DashboardParameter): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...parameter };
  const isDefault =
    (parameter.type === 'select' && parameter.default === null) ||
    (parameter.type === 'number' && parameter.default === null) ||
    (parameter.type === 'text' && parameter.default === '');
  if (isDefault) delete copy.default;
  return copy;
}

function ordered(document: Document, value: object, order: string[]): YAMLMap {
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  entries.sort(([a], [b]) => rank(order, a) - rank(order, b));
  const node = new YAMLMap();
  for (const [key, item] of entries) node.set(key, document.createNode(item));
  return node;
}

function sequence(items: YAMLMap[]): YAMLSeq {
  const node = new YAMLSeq();
  for (const item of items) node.add(item);
  return node;
}

function rank(order: string[], key: string): number {
  const index = order.indexOf(key);
  return index === -1 ? order.length : index;
}

/** A dashboard file's name: `revenue` for dashboards/revenue.dashboard.yml. */
export function dashboardName(file: string): string {
  return file.replace(/^.*\//, '').replace(/\.dashboard\.yml$/, '');
}
