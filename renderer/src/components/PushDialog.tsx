import { useEffect, useId, useRef, useState } from 'react';
import type { PushMode, PushProgress, PushResult } from '../../../core/api/warehouse.ts';
import { api } from '../api.ts';
import { formatRows } from '../format.ts';
import { useAsync } from '../useAsync.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

/** What to push: a table or view of the workspace, or a kept query result as the grid shows it. */
export type PushSource = { table: string } | { queryId: string; name: string };

const MODES: { mode: PushMode; label: string; help: string }[] = [
  { mode: 'replace', label: 'Replace', help: 'The table becomes exactly these rows, swapped in at once.' },
  { mode: 'append', label: 'Append', help: 'The rows are added to the table.' },
  { mode: 'upsert', label: 'Upsert', help: 'Rows whose key exists are updated, the others inserted.' },
];

type PushState =
  | { status: 'editing' }
  | { status: 'pushing'; pushId: string; progress?: PushProgress }
  | { status: 'done'; result: PushResult }
  | { status: 'failed'; error: unknown };

/** "Push to warehouse": choose the warehouse, table and mode, then watch the rows go, with a way to stop. */
export function PushDialog({ source, columns, onClose }: { source: PushSource; columns: string[]; onClose(): void }) {
  const titleId = useId();
  const [info] = useAsync(() => api.workspaceInfo({}));
  const [warehouse, setWarehouse] = useState('');
  const [target, setTarget] = useState('table' in source ? source.table.split('.').pop()! : source.name);
  const [mode, setMode] = useState<PushMode>('replace');
  const [key, setKey] = useState<string[]>([]);
  const [state, setState] = useState<PushState>({ status: 'editing' });
  const first = useRef<HTMLSelectElement>(null);

  const warehouses = info.status === 'ready' ? info.value.warehouses : [];
  // The first warehouse until the user picks one.
  const chosen = warehouse || (warehouses[0]?.name ?? '');
  useEffect(() => first.current?.focus(), [info.status]);

  const activePush = state.status === 'pushing' ? state.pushId : undefined;
  useEffect(() => {
    if (!activePush) return;
    return api.subscribe((event) => {
      if (event.type === 'push.progress' && event.pushId === activePush) {
        setState((current) => (current.status === 'pushing' ? { ...current, progress: event } : current));
      }
    });
  }, [activePush]);

  const push = async () => {
    const pushId = `push-${Date.now().toString(36)}`;
    setState({ status: 'pushing', pushId });
    try {
      const result = await api.pushToWarehouse({
        pushId,
        warehouse: chosen,
        source: 'table' in source ? { table: source.table } : { queryId: source.queryId },
        target,
        mode,
        ...(mode === 'upsert' && { key }),
      });
      setState({ status: 'done', result });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  };

  const pushing = state.status === 'pushing';
  const canPush = chosen !== '' && target.trim() !== '' && (mode !== 'upsert' || key.length > 0) && !pushing;

  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && !pushing && onClose()}>
      <div
        className="dialog push-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(event) => event.key === 'Escape' && !pushing && onClose()}
      >
        <h2 id={titleId}>Push to warehouse</h2>
        <p className="muted">
          {'table' in source ? (
            <>
              Send <code>{source.table}</code> to a Postgres warehouse of this workspace.
            </>
          ) : (
            <>Send this result, as the grid shows it (sorted and filtered), to a Postgres warehouse of this workspace.</>
          )}
        </p>
        {info.status === 'failed' && <ErrorMessage error={info.error} />}
        {info.status === 'ready' && warehouses.length === 0 ? (
          <p className="empty">
            This workspace has no warehouse yet: add one under <code>warehouses:</code> in bizops.yml (README, “Push to a
            warehouse”), with its password in the keychain or <code>BIZOPS_&lt;WAREHOUSE&gt;_PASSWORD</code>.
          </p>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (canPush) void push();
            }}
          >
            <label>
              Warehouse
              <select ref={first} value={chosen} onChange={(event) => setWarehouse(event.target.value)} disabled={pushing}>
                {warehouses.map((candidate) => (
                  <option key={candidate.name} value={candidate.name}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            </label>
            <div className="field">
              <label>
                Table
                <input
                  value={target}
                  onChange={(event) => setTarget(event.target.value)}
                  placeholder="schema.table, or a table in the warehouse's schema"
                  disabled={pushing}
                  aria-describedby={`${titleId}-table`}
                />
              </label>
              <span className="muted field-help" id={`${titleId}-table`}>
                Created when missing, with the schema.
              </span>
            </div>
            <fieldset disabled={pushing}>
              <legend>Mode</legend>
              {MODES.map((option) => (
                <label key={option.mode} className="radio">
                  <input type="radio" name="mode" checked={mode === option.mode} onChange={() => setMode(option.mode)} />
                  <span>
                    <strong>{option.label}</strong> <span className="muted">{option.help}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            {mode === 'upsert' && (
              <fieldset disabled={pushing}>
                <legend>Key</legend>
                <div className="key-columns">
                  {columns.map((column) => (
                    <label key={column} className="check">
                      <input
                        type="checkbox"
                        checked={key.includes(column)}
                        onChange={(event) => setKey(event.target.checked ? [...key, column] : key.filter((name) => name !== column))}
                      />
                      {column}
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
            {state.status === 'pushing' && <PushProgressBar progress={state.progress} />}
            {state.status === 'failed' && <ErrorMessage error={state.error} />}
            {state.status === 'done' && (
              <p className="push-done" role="status">
                Pushed {formatRows(state.result.rows)} to {state.result.target.schema}.{state.result.target.table}
                {state.result.mode === 'upsert' && ` (${state.result.inserted.toLocaleString()} inserted, ${state.result.updated.toLocaleString()} updated)`}{' '}
                in {(state.result.elapsedMs / 1000).toFixed(1)} s{state.result.createdTable ? ', creating the table' : ''}.
              </p>
            )}
            <div className="dialog-actions">
              {pushing ? (
                <button type="button" onClick={() => void api.cancelPush({ pushId: state.pushId })}>
                  Stop
                </button>
              ) : (
                <button type="button" onClick={onClose}>
                  {state.status === 'done' ? 'Close' : 'Cancel'}
                </button>
              )}
              <button type="submit" className="primary" disabled={!canPush}>
                {pushing ? 'Pushing…' : 'Push'}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}

function PushProgressBar({ progress }: { progress?: PushProgress }) {
  const phase = progress?.phase ?? 'checking';
  const share = progress?.totalRows ? Math.min(1, progress.rowsSent / progress.totalRows) : undefined;
  const label =
    phase === 'checking'
      ? 'Checking the source and the warehouse…'
      : phase === 'finishing'
        ? 'Committing in the warehouse…'
        : `${formatRows(progress?.rowsSent ?? 0)} sent · ${(progress?.rowsPerSecond ?? 0).toLocaleString()} rows/s`;
  return (
    <div className="push-progress" role="status" data-testid="push-progress">
      <progress max={1} value={share} aria-label="Push progress" />
      <span>{label}</span>
    </div>
  );
}
