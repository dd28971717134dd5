import { z } from 'zod';
import type { OptionSpec } from '../../connectors/options.ts';
import type { TableSpec } from '../../connectors/types.ts';
import type { ErrorInfo } from './envelope.ts';
import { method } from './method.ts';

export interface ConnectorInfo {
  type: string;
  title: string;
  description: string;
  options: OptionSpec[];
  capabilities: { incremental: boolean; deletes: boolean };
}

export interface SyncRunInfo {
  runId: string;
  source: string;
  status: 'running' | 'success' | 'failed' | 'cancelled' | 'interrupted';
  startedAt: string;
  finishedAt: string | null;
  fullRefresh: boolean;
  tables: number;
  rows: number;
  error: string | null;
}

export interface SourceStatus {
  name: string;
  type: string;
  /** The schema its tables land in. */
  schema: string;
  tables: { name: string; rows: number }[];
  lastRun: SyncRunInfo | null;
}

export interface SyncSummary {
  runId: string;
  source: string;
  status: 'success' | 'failed' | 'cancelled';
  fullRefresh: boolean;
  tables: { name: string; rows: number; mode: 'snapshot' | 'changes' }[];
  rows: number;
  seconds: number;
  error?: ErrorInfo;
}

const sourceName = z.string().min(1);

export const syncMethods = {
  connectors: method<ConnectorInfo[]>()('The connector types sources can use, with their options.', z.object({}).strict()),
  listSources: method<SourceStatus[]>()(
    'Every source in bizops.yml with its tables, row counts and last sync.',
    z.object({}).strict(),
  ),
  testSource: method<{ ok: boolean; message: string }>()(
    'Check that a source can be reached with its options and secrets.',
    z.object({ name: sourceName }).strict(),
  ),
  discoverSource: method<TableSpec[]>()('The tables a source can extract.', z.object({ name: sourceName }).strict()),
  syncSources: method<SyncSummary[]>()(
    'Sync sources (all when none are named), one atomic transaction per source; progress arrives as events.',
    z.object({ sources: z.array(sourceName).optional(), fullRefresh: z.boolean().default(false) }).strict(),
  ),
  cancelSync: method<{ cancelled: boolean }>()('Stop the running sync; its source keeps its previous data.', z.object({}).strict()),
  syncRuns: method<SyncRunInfo[]>()(
    'Recent syncs, newest first (the log kept as _bizops.sync_runs).',
    z.object({ source: sourceName.optional(), limit: z.number().int().min(1).max(1000).default(50) }).strict(),
  ),
};
