import type { WorkbenchEvent } from '../../../../core/api/events.ts';

export type TableProgressEvent = Extract<WorkbenchEvent, { type: 'sync.progress' }>;

/** The tables of a running sync, each with rows so far, speed, and percent and ETA when known. */
export function SyncProgress({ tables }: { tables: TableProgressEvent[] }) {
  if (tables.length === 0) return <p className="muted">Starting…</p>;
  const count = tables[0].tableCount;
  return (
    <table className="list-table sync-progress" data-testid="sync-progress">
      <thead>
        <tr>
          <th>Table</th>
          <th>Progress</th>
          <th className="numeric">Rows</th>
          <th className="numeric">Rows/s</th>
        </tr>
      </thead>
      <tbody>
        {tables.map((table) => {
          const done = table.percent === 100;
          return (
            <tr key={table.table} data-testid={`progress-${table.table}`}>
              <td>
                {table.table} <span className="muted">{table.tableIndex}/{count}</span>
              </td>
              <td>
                <div className="bar" role="progressbar" aria-valuenow={table.percent ?? undefined} aria-valuemin={0} aria-valuemax={100}>
                  <div className={table.percent === undefined ? 'bar-fill indeterminate' : 'bar-fill'} style={{ width: `${table.percent ?? 100}%` }} />
                </div>
                <span className="muted small">
                  {done ? 'done' : table.percent !== undefined ? `${Math.floor(table.percent)}%` : 'reading'}
                  {!done && table.etaSeconds !== undefined ? ` · about ${table.etaSeconds}s left` : ''}
                </span>
              </td>
              <td className="numeric">{table.rows.toLocaleString()}</td>
              <td className="numeric">{table.rowsPerSecond > 0 ? table.rowsPerSecond.toLocaleString() : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
