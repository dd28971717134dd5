import { z } from 'zod';
import { dashboardSchema, type Dashboard } from '../dashboards/format.ts';
import type { ErrorInfo } from './envelope.ts';
import { method } from './method.ts';

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

export const dashboardMethods = {
  listDashboards: method<DashboardEntry[]>()('The workspace\'s dashboards, broken ones with their error.', z.object({}).strict()),
  readDashboard: method<{ file: string; dashboard: Dashboard; text: string }>()(
    'A dashboard\'s definition and its file\'s text.',
    z.object({ source }).strict(),
  ),
  runDashboard: method<DashboardRun>()(
    'Every tile of a dashboard for the given parameter values (defaults for the rest).',
    z.object({ source, values }).strict(),
  ),
  parameterOptions: method<(string | number)[]>()(
    'The choices of a dashboard\'s select parameter.',
    z.object({ source, parameter: z.string().min(1) }).strict(),
  ),
  saveDashboard: method<{ file: string }>()(
    'Write a dashboard to its file, in the stable format.',
    z.object({ file: z.string().regex(/^dashboards\/[^]+\.dashboard\.yml$/), dashboard: dashboardSchema }).strict(),
  ),
  copyPackDashboard: method<{ file: string }>()(
    'Copy a pack\'s dashboard into dashboards/, to change it there.',
    z.object({ pack: z.string().min(1), name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).optional() }).strict(),
  ),
};
