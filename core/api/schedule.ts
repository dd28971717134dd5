import { z } from 'zod';
import type { ErrorInfo } from './envelope.ts';
import { method } from './method.ts';

/** The outcome of a source's latest refresh: its sync, then (when the schedule asks) the model build. */
export interface RefreshOutcome {
  startedAt: string;
  finishedAt: string;
  status: 'success' | 'failed' | 'cancelled';
  /** Which step the status is about: a failed build follows a successful sync. */
  step: 'sync' | 'build';
  error?: ErrorInfo;
}

/** A source with a `schedule:` in bizops.yml. */
export interface ScheduledSource {
  source: string;
  /** As a person reads it: "every 6 hours", "cron 0 7 * * 1-5". */
  schedule: string;
  buildAfterSync: boolean;
  state: 'waiting' | 'syncing' | 'building';
  /** Null where nothing runs schedules (the CLI): they run while the app or `bizops serve` is open. */
  nextRunAt: string | null;
  lastRefresh: RefreshOutcome | null;
}

export interface ScheduleStatus {
  /** Whether this host runs the schedules now. */
  running: boolean;
  sources: ScheduledSource[];
}

export const scheduleMethods = {
  scheduleStatus: method<ScheduleStatus>()(
    'Sources refreshed on a schedule: when each runs next and how its latest refresh went.',
    z.object({}).strict(),
  ),
};
