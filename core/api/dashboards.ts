import { z } from 'zod';
import { dashboardSchema, type Dashboard } from '../dashboards/format.ts';
import type { ErrorInfo } from './envelope.ts';
import { method } from './method.ts';

export type { Dashboard, DashboardParameter, DashboardTile, TilePlacement } from '../dashboards/format.ts';

export interface TileData {
  id: string;
  status: 'ok' | 'error';
  error?: ErrorInfo;
  columns?: { name: string; type: string }[];
  /** JSON-ready rows (the tile's data, and a chart's data). */
  rows?: Record<string, unknown>[];
  /** More rows than a tile shows: the query should aggregate. */
  truncated?: boolean;
  /** The Vega-Lite spec to draw the rows with. */
  spec?: Record<string, unknown>;
  kpi?: { value: number | null; previous: number | null; change: number | null; sparkline: { x: string; y: number | null }[] };
}

export interface DashboardRun {
  /** Every parameter's value, date ranges as dates. */
  parameters: Record<string, unknown>;
  /** The dashboard's period (its first date_range), if it has one. */
  period: { from: string; to: string } | null;
  tiles: TileData[];
}

/** What a dashboard view or export shows: the definition, its numbers, and how to read them. */
export interface DashboardSnapshot {
  dashboard: Dashboard;
  run: DashboardRun;
  /** The workspace's currency (ISO 4217), for money KPIs. */
  currency: string;
  workspace: string;
  /** When the numbers were computed (ISO time). */
  generatedAt: string;
}

/** Pictures of a dashboard drawn without a browser (Vega's SVG renderer): the whole grid, or one tile. */
export interface DashboardPictures {
  dashboardSvg(snapshot: DashboardSnapshot, options: { dark: boolean; width: number }): Promise<string>;
  tileSvg(snapshot: DashboardSnapshot, tile: string, options: { dark: boolean; width: number }): Promise<string>;
  /** The whole dashboard's height at this width, header included. */
  dashboardHeight(snapshot: DashboardSnapshot, width: number): number;
}

export const DASHBOARD_EXPORT_FORMATS = ['html', 'svg', 'png', 'pdf'] as const;
export type DashboardExportFormat = (typeof DASHBOARD_EXPORT_FORMATS)[number];

export interface ExportedDashboard {
  /** What a download is called, e.g. `revenue.html`. */
  fileName: string;
  /** Where the file was written, under the workspace's `.bizops/exports/`. */
  path: string;
  /** The browser host's download address for it, relative to the host. */
  downloadPath: string;
  bytes: number;
  seconds: number;
}

export interface DashboardEntry {
  /** Relative to the workspace: `dashboards/revenue.dashboard.yml`. */
  file: string;
  title: string;
  description?: string;
  /** Set when the file cannot be read: the rest of the workspace keeps working. */
  error?: ErrorInfo;
}

/** A workspace dashboard by its file, or a metric pack's dashboard by the pack's name. */
const source = z.union([
  z.object({ file: z.string().regex(/^dashboards\/[^]+\.dashboard\.yml$/, 'a dashboard file is dashboards/<name>.dashboard.yml') }).strict(),
  z.object({ pack: z.string().min(1) }).strict(),
]);

const periodValue = z.object({ from: z.string(), to: z.string() }).strict();
const values = z.record(z.string(), z.union([z.string(), z.number(), z.null(), periodValue])).optional();

/** The dashboard being edited, when it differs from its file: runs and exports show what the editor shows. */
const draft = dashboardSchema.optional();
const dashboardFile = z.string().regex(/^dashboards\/[^]+\.dashboard\.yml$/, 'a dashboard file is dashboards/<name>.dashboard.yml');

export const dashboardMethods = {
  listDashboards: method<DashboardEntry[]>()('The workspace\'s dashboards, broken ones with their error.', z.object({}).strict()),
  readDashboard: method<{ file: string; dashboard: Dashboard; text: string }>()(
    'A dashboard\'s definition and its file\'s text.',
    z.object({ source }).strict(),
  ),
  runDashboard: method<DashboardRun>()(
    'Every tile of a dashboard (or only the tiles named) for the given parameter values (defaults for the rest).',
    z.object({ source, dashboard: draft, values, tiles: z.array(z.string()).optional() }).strict(),
  ),
  parameterOptions: method<(string | number)[]>()(
    'The choices of a dashboard\'s select parameter.',
    z.object({ source, dashboard: draft, parameter: z.string().min(1) }).strict(),
  ),
  saveDashboard: method<{ file: string; text: string }>()(
    'Write a dashboard to its file, in the stable format. With baseText, only if the file still has that text (null: only if there is no such file yet).',
    z.object({ file: dashboardFile, dashboard: dashboardSchema, baseText: z.string().nullable().optional() }).strict(),
  ),
  copyPackDashboard: method<{ file: string }>()(
    'Copy a pack\'s dashboard into dashboards/, to change it there.',
    z.object({ pack: z.string().min(1), name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).optional() }).strict(),
  ),
  exportDashboard: method<ExportedDashboard>()(
    'Export a dashboard (or one tile, as SVG or PNG) for downloading: HTML, SVG, PNG or PDF.',
    z
      .object({
        source,
        dashboard: draft,
        values,
        format: z.enum(DASHBOARD_EXPORT_FORMATS),
        tile: z.string().optional(),
        dark: z.boolean().optional(),
      })
      .strict(),
  ),
};
