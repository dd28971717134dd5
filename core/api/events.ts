import type { ErrorInfo } from './envelope.ts';
import type { RefreshOutcome, ScheduleStatus } from './schedule.ts';
import type { PushProgress } from './warehouse.ts';

/** Everything the engine tells the UI without being asked, on the same contract as the methods. */
export type WorkbenchEvent =
  | { type: 'query.progress'; queryId: string; percent: number; elapsedMs: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; at: string }
  | { type: 'catalog.changed' }
  | { type: 'workspace.opened'; root: string; name: string }
  | { type: 'schedule.changed'; status: ScheduleStatus }
  | { type: 'schedule.refreshed'; source: string; outcome: RefreshOutcome }
  | { type: 'app.command'; command: 'newQuery' | 'runStatement' | 'runAll' | 'save' | 'find' | 'newWorkspace' }
  | { type: 'dashboard.changed'; file: string }
  | ({ type: 'push.progress'; pushId: string } & PushProgress)
  | {
      type: 'sync.progress';
      runId: string;
      source: string;
      table: string;
      /** 1-based position of the table in this source's sync, of `tableCount`. */
      tableIndex: number;
      tableCount: number;
      rows: number;
      rowsPerSecond: number;
      /** Known when the source tells its row count or DuckDB can measure its own progress. */
      percent?: number;
      etaSeconds?: number;
    }
  | { type: 'sync.finished'; runId: string; source: string; status: 'success' | 'failed' | 'cancelled'; rows: number; tables: number; error?: ErrorInfo }
  | { type: 'build.progress'; runId: string; model: string; index: number; count: number }
  | { type: 'build.finished'; runId: string; status: 'success' | 'failed'; models: number; error?: ErrorInfo };

export type EventListener = (event: WorkbenchEvent) => void;
