import './workspaces.css';
import { useEffect, useState } from 'react';
import type { ScheduleStatus as Status, ScheduledSource } from '../../../core/api/schedule.ts';
import { api } from '../api.ts';

/**
 * The topbar's word on scheduled refreshes: what is refreshing, or when the next one runs, in red once a refresh
 * failed; the details (every source, its last outcome and error) open below it. Hidden when nothing is scheduled.
 */
export function ScheduleStatus() {
  const [status, setStatus] = useState<Status | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    let current = true;
    api.scheduleStatus({}).then((value) => current && setStatus(value), () => undefined);
    const unsubscribe = api.subscribe((event) => event.type === 'schedule.changed' && setStatus(event.status));
    return () => {
      current = false;
      unsubscribe();
    };
  }, []);

  if (!status || status.sources.length === 0) return null;
  const failed = status.sources.filter((source) => source.lastRefresh?.status === 'failed');
  const busy = status.sources.find((source) => source.state !== 'waiting');
  const next = status.sources.map((source) => source.nextRunAt).filter((at): at is string => at !== null).sort()[0];
  const summary = busy
    ? `${busy.state === 'syncing' ? 'Syncing' : 'Building models after'} ${busy.source}…`
    : failed.length > 0
      ? `Refresh failed: ${failed.map((source) => source.source).join(', ')}`
      : !status.running
        ? 'Schedules run while the app is open'
        : next
          ? `Next refresh ${formatWhen(next)}`
          : 'Scheduled';

  return (
    <div className="schedule-status">
      <button className={`schedule-pill${failed.length > 0 ? ' failed' : ''}${busy ? ' busy' : ''}`} aria-expanded={open} onClick={() => setOpen(!open)} data-testid="schedule-status">
        {summary}
      </button>
      {open && (
        <div className="schedule-details" role="region" aria-label="Scheduled refreshes">
          <table className="list-table">
            <thead>
              <tr>
                <th>Source</th>
                <th>Schedule</th>
                <th>Last refresh</th>
                <th>Next</th>
              </tr>
            </thead>
            <tbody>
              {status.sources.map((source) => (
                <tr key={source.source}>
                  <td>{source.source}</td>
                  <td>
                    {source.schedule}
                    {source.buildAfterSync && <span className="muted"> · then build</span>}
                  </td>
                  <td>{lastRefresh(source)}</td>
                  <td>{source.state !== 'waiting' ? `${source.state}…` : source.nextRunAt ? formatWhen(source.nextRunAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {failed.map((source) => (
            <p key={source.source} className="error-message" role="alert">
              {source.source}: {source.lastRefresh?.error?.message}
              {source.lastRefresh?.error?.hint && <span className="error-hint"> {source.lastRefresh.error.hint}</span>}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

function lastRefresh(source: ScheduledSource): string {
  const last = source.lastRefresh;
  if (!last) return 'never';
  const what = last.status === 'success' ? (last.step === 'build' ? 'synced and built' : 'synced') : last.status === 'failed' ? `failed (${last.step})` : 'cancelled';
  return `${what} ${formatWhen(last.finishedAt)}`;
}

/** "today 14:00", "tomorrow 07:00", or a date, in the reader's time zone. */
function formatWhen(iso: string): string {
  const at = new Date(iso);
  const day = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  const days = Math.round((day(at) - day(new Date())) / 86_400_000);
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (days === 0) return `today ${time}`;
  if (days === 1) return `tomorrow ${time}`;
  if (days === -1) return `yesterday ${time}`;
  return `${at.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}`;
}
