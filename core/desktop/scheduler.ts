import type { WorkbenchHandlers } from '../api/contract.ts';
import type { RefreshOutcome, ScheduledSource, ScheduleStatus } from '../api/schedule.ts';
import type { SyncRunInfo } from '../api/sync.ts';
import { toErrorInfo } from '../errors.ts';
import type { EventHub } from '../events.ts';
import { describeSchedule, nextRunAfter, type SourceSchedule } from '../workspace/schedule.ts';
import type { Workspace } from '../workspace/workspace.ts';

/** Time as the scheduler sees it; tests replace it. */
export interface Clock {
  now(): number;
  /** Calls `run` after `ms`; answers a function that cancels the call. */
  setTimer(run: () => void, ms: number): () => void;
}

/** setTimeout cannot wait longer than this; a later run is re-armed when it fires. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(run, ms) {
    const timer = setTimeout(run, Math.min(ms, LONGEST_TIMER_MS));
    // A pending refresh must not keep a closing process alive.
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

export interface ScheduledWorkspace {
  workspace: Workspace;
  events: EventHub;
  handlers: Pick<WorkbenchHandlers, 'syncSources' | 'buildModels' | 'syncRuns' | 'cancelSync'>;
}

interface Entry {
  schedule: SourceSchedule;
  nextRunAt: Date;
  lastRefresh: RefreshOutcome | null;
  state: ScheduledSource['state'];
}

/**
 * Refreshes the sources that have a `schedule:` in bizops.yml while a host runs: each is synced when due (one
 * interval, or the next cron time, after its last sync began, so a run missed while the app was closed happens
 * at the next start), then the models are built. Syncs go through the same handlers as the UI's, so they queue
 * behind a sync someone started by hand.
 */
export class RefreshScheduler {
  private entries = new Map<string, Entry>();
  private cancelTimer?: () => void;
  private refreshing?: Promise<void>;
  private planning: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly target: ScheduledWorkspace,
    private readonly clock: Clock = systemClock,
  ) {}

  status(): ScheduleStatus {
    return { running: !this.stopped, sources: [...this.entries].map(([source, entry]) => describeEntry(source, entry)) };
  }

  /** Read the schedules from bizops.yml (again, after an edit) and arm the timer for the first one due. */
  plan(): Promise<void> {
    this.planning = this.planning.then(() => this.replan()).catch((error: unknown) => {
      this.target.events.log('error', `Could not plan the scheduled refreshes: ${toErrorInfo(error).message}`);
    });
    return this.planning;
  }

  /** Stop the timer; a refresh under way is cancelled (its source keeps its previous data). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    if (this.refreshing) {
      await this.target.handlers.cancelSync({});
      await this.refreshing;
    }
    await this.planning;
  }

  private async replan(): Promise<void> {
    if (this.stopped) return;
    const runs = await this.target.handlers.syncRuns({ limit: 1000 });
    const now = new Date(this.clock.now());
    const entries = new Map<string, Entry>();
    for (const [source, config] of Object.entries(this.target.workspace.config.sources)) {
      if (!config.schedule) continue;
      const previous = this.entries.get(source);
      const lastRun = runs.find((run) => run.source === source);
      entries.set(source, {
        schedule: config.schedule,
        nextRunAt: nextRunAfter(config.schedule, lastRun ? new Date(lastRun.startedAt) : null, now),
        lastRefresh: previous?.lastRefresh ?? (lastRun ? outcomeOfRun(lastRun) : null),
        state: previous?.state ?? 'waiting',
      });
    }
    this.entries = entries;
    this.arm();
    this.announce();
  }

  private arm(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (this.stopped || this.refreshing) return;
    const first = Math.min(...[...this.entries.values()].map((entry) => entry.nextRunAt.getTime()));
    if (!Number.isFinite(first)) return;
    this.cancelTimer = this.clock.setTimer(() => void this.runDue(), Math.max(0, first - this.clock.now()));
  }

  /** Refresh every source that is due now; the timer calls this. */
  async runDue(): Promise<void> {
    if (this.stopped || this.refreshing) return;
    const now = this.clock.now();
    const due = [...this.entries].filter(([, entry]) => entry.nextRunAt.getTime() <= now).map(([source]) => source);
    if (due.length === 0) return this.arm();
    this.refreshing = this.refresh(due).finally(() => (this.refreshing = undefined));
    await this.refreshing;
    await this.plan();
  }

  /** Sync each due source, then build the models once for those whose schedule asks for it. */
  private async refresh(sources: string[]): Promise<void> {
    const awaitingBuild: { source: string; startedAt: string }[] = [];
    for (const source of sources) {
      if (this.stopped) return;
      const entry = this.entries.get(source);
      if (!entry) continue;
      const startedAt = this.timestamp();
      this.setState(source, 'syncing');
      let outcome: RefreshOutcome;
      try {
        const [summary] = await this.target.handlers.syncSources({ sources: [source], fullRefresh: false });
        outcome = { startedAt, finishedAt: this.timestamp(), status: summary.status, step: 'sync', error: summary.error };
      } catch (error) {
        outcome = { startedAt, finishedAt: this.timestamp(), status: 'failed', step: 'sync', error: toErrorInfo(error) };
      }
      if (outcome.status === 'success' && entry.schedule.build) awaitingBuild.push({ source, startedAt });
      else this.finish(source, outcome);
    }
    if (awaitingBuild.length === 0 || this.stopped) return;
    for (const { source } of awaitingBuild) this.setState(source, 'building');
    let failure: RefreshOutcome['error'];
    try {
      await this.target.handlers.buildModels({});
    } catch (error) {
      failure = toErrorInfo(error);
    }
    for (const { source, startedAt } of awaitingBuild) {
      this.finish(source, { startedAt, finishedAt: this.timestamp(), status: failure ? 'failed' : 'success', step: 'build', error: failure });
    }
  }

  private finish(source: string, outcome: RefreshOutcome): void {
    const entry = this.entries.get(source);
    if (entry) Object.assign(entry, { state: 'waiting', lastRefresh: outcome });
    const { events } = this.target;
    if (outcome.status === 'failed') {
      const what = outcome.step === 'build' ? `building the models after syncing ${source}` : `syncing ${source}`;
      events.log('error', `Scheduled refresh failed while ${what}: ${outcome.error?.message ?? 'unknown error'}`);
    } else {
      events.log('info', `Scheduled refresh of ${source}: ${outcome.status}.`);
    }
    events.emit({ type: 'schedule.refreshed', source, outcome });
    this.announce();
  }

  private setState(source: string, state: ScheduledSource['state']): void {
    const entry = this.entries.get(source);
    if (!entry) return;
    entry.state = state;
    this.announce();
  }

  private announce(): void {
    this.target.events.emit({ type: 'schedule.changed', status: this.status() });
  }

  private timestamp(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

/** The schedules as bizops.yml declares them, where nothing runs them: last outcome from the sync log, no next run. */
export function plannedSchedules(workspace: Workspace, runs: SyncRunInfo[]): ScheduleStatus {
  const sources = Object.entries(workspace.config.sources).flatMap(([source, config]) => {
    if (!config.schedule) return [];
    const lastRun = runs.find((run) => run.source === source);
    return [describeEntry(source, { schedule: config.schedule, nextRunAt: null, lastRefresh: lastRun ? outcomeOfRun(lastRun) : null, state: 'waiting' })];
  });
  return { running: false, sources };
}

function describeEntry(source: string, entry: Omit<Entry, 'nextRunAt'> & { nextRunAt: Date | null }): ScheduledSource {
  return {
    source,
    schedule: describeSchedule(entry.schedule),
    buildAfterSync: entry.schedule.build,
    state: entry.state,
    nextRunAt: entry.nextRunAt?.toISOString() ?? null,
    lastRefresh: entry.lastRefresh,
  };
}

/** A sync from the log, as the outcome of a refresh (the log does not tell whether models were built after it). */
function outcomeOfRun(run: SyncRunInfo): RefreshOutcome | null {
  if (run.status === 'running') return null;
  const status = run.status === 'interrupted' ? 'failed' : run.status;
  return {
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? run.startedAt,
    status,
    step: 'sync',
    error: run.error ? { code: run.status === 'interrupted' ? 'interrupted' : 'sync_failed', message: run.error } : undefined,
  };
}
