import { z } from 'zod';
import type { Dashboard } from '../dashboards/format.ts';
import { method } from './method.ts';

export const METRIC_UNITS = ['currency', 'count', 'percent', 'days', 'ratio', 'number'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

export interface PackInfo {
  name: string;
  title: string;
  description: string;
  /** Built into the app, or the workspace's own (which overrides a built-in pack of the same name). */
  origin: 'built-in' | 'workspace';
  folder: string;
  parameters: { name: string; default: number; description: string }[];
  metrics: { name: string; title: string; unit: MetricUnit; description: string }[];
  /** Named queries (metrics/*.sql) the charts and dashboard draw on. */
  queries: string[];
  charts: { name: string; title: string; query: string }[];
}

export type MetricValues = Record<string, number | null>;

/** A pack's metrics for a period, as `bizops metrics --json` prints them. */
export interface PackResult {
  pack: string;
  from: string;
  to: string;
  as_of: string;
  metrics: MetricValues;
  by_channel?: Record<string, MetricValues>;
  attribution?: Record<string, { by_campaign: Record<string, number>; by_channel: Record<string, number> }>;
  mrr_movements?: { month: string; new: number; expansion: number; contraction: number; churn: number; reactivation: number }[];
  accounts_at_risk?: Record<string, unknown>[];
}

export interface PackQueryResult {
  columns: { name: string; type: string }[];
  /** JSON-ready rows: numbers as numbers, dates as YYYY-MM-DD, timestamps as ISO text. */
  rows: Record<string, unknown>[];
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD');
const period = { from: isoDate, to: isoDate, params: z.record(z.string(), z.number()).optional() };
const packName = z.string().min(1);

export const packMethods = {
  listPacks: method<PackInfo[]>()('The metric packs: built-in, and the workspace\'s own.', z.object({}).strict()),
  runPack: method<PackResult>()(
    'A pack\'s metrics for the period [from, to), with its breakdowns.',
    z.object({ pack: packName, ...period }).strict(),
  ),
  packQuery: method<PackQueryResult>()(
    'The rows of one of a pack\'s named queries for a period (chart data).',
    z.object({ pack: packName, query: z.string().min(1), ...period }).strict(),
  ),
  packDashboard: method<{ file: string; dashboard: Dashboard }>()(
    'A pack\'s dashboard (dashboard.yml).',
    z.object({ pack: packName }).strict(),
  ),
};
