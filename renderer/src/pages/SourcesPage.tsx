import { useEffect, useState } from 'react';
import type { SourceStatus, SyncRunInfo } from '../../../core/api/sync.ts';
import type { WorkspaceInfo } from '../../../core/api/workspace.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { SourceForm } from '../components/sources/SourceForm.tsx';
import { SyncProgress, type TableProgressEvent } from '../components/sources/SyncProgress.tsx';
import { TablePicker } from '../components/sources/TablePicker.tsx';
import '../components/sources/sources.css';
import { useAsync } from '../useAsync.ts';

interface RunningSync {
  tables: TableProgressEvent[];
  cancelling: boolean;
}

type Panel = 'detail' | 'add' | 'edit' | 'tables';

/** Sources: what each one holds and how its last sync went; add, edit, test, pick tables, sync with live progress. */
export function SourcesPage({ info }: { info: WorkspaceInfo }) {
  const [version, setVersion] = useState(0);
  const [sources, reloadSources] = useAsync(() => api.listSources({}), [version]);
  const [connectors] = useAsync(() => api.connectors({}));
  const [selected, setSelected] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>('detail');
  const [running, setRunning] = useState<Record<string, RunningSync>>({});
  const [tests, setTests] = useState<Record<string, { ok: boolean; message: string } | 'testing' | { error: unknown }>>({});
  const [actionError, setActionError] = useState<unknown>(null);

  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.type === 'sync.progress') {
          setRunning((now) => {
            const current = now[event.source] ?? { tables: [], cancelling: false };
            const tables = current.tables.filter((table) => table.runId === event.runId && table.table !== event.table);
            return { ...now, [event.source]: { ...current, tables: [...tables, event].sort((a, b) => a.tableIndex - b.tableIndex) } };
          });
        } else if (event.type === 'sync.finished') {
          setRunning((now) => {
            const { [event.source]: _finished, ...rest } = now;
            return rest;
          });
          setVersion((n) => n + 1);
        }
      }),
    [],
  );

  const list = sources.status === 'ready' ? sources.value : [];
  const current = list.find((source) => source.name === selected) ?? list[0];

  async function test(name: string) {
    setTests((now) => ({ ...now, [name]: 'testing' }));
    try {
      const outcome = await api.testSource({ name });
      setTests((now) => ({ ...now, [name]: outcome }));
    } catch (error) {
      setTests((now) => ({ ...now, [name]: { error } }));
    }
  }

  async function sync(name: string, fullRefresh: boolean) {
    setActionError(null);
    setRunning((now) => ({ ...now, [name]: { tables: [], cancelling: false } }));
    try {
      await api.syncSources({ sources: [name], fullRefresh });
    } catch (error) {
      setActionError(error);
    } finally {
      setRunning((now) => {
        const { [name]: _done, ...rest } = now;
        return rest;
      });
      setVersion((n) => n + 1);
    }
  }

  async function cancel(name: string) {
    setRunning((now) => (now[name] ? { ...now, [name]: { ...now[name], cancelling: true } } : now));
    await api.cancelSync({});
  }

  async function remove(name: string) {
    if (!window.confirm(`Remove the source ${name} from bizops.yml? Its synced tables stay in raw_${name}.`)) return;
    setActionError(null);
    try {
      await api.removeSource({ name });
      setSelected(null);
      setVersion((n) => n + 1);
    } catch (error) {
      setActionError(error);
    }
  }

  return (
    <div className="page sources-page">
      <div className="sources-header">
        <div>
          <h1>Sources</h1>
          <p className="lede">
            Each source lands its tables in the schema <code>raw_&lt;name&gt;</code> of the {info.name} workspace. Sources are declared in{' '}
            <code>bizops.yml</code>; their secrets stay in the keychain or in <code>BIZOPS_&lt;SOURCE&gt;_&lt;OPTION&gt;</code> environment variables.
          </p>
        </div>
        <button className="primary" onClick={() => setPanel('add')} data-testid="add-source">Add source</button>
      </div>
      {sources.status === 'failed' && <ErrorMessage error={sources.error} />}
      {sources.status === 'ready' && list.length === 0 && panel !== 'add' && (
        <p className="empty">This workspace has no sources yet. Add one to pull data from Salesforce, Postgres, files or any Singer tap.</p>
      )}
      <div className="sources-layout">
        {list.length > 0 && (
          <table className="list-table sources-table" data-testid="sources-table">
            <thead>
              <tr>
                <th>Source</th>
                <th>Type</th>
                <th className="numeric">Tables</th>
                <th className="numeric">Rows</th>
                <th>Last sync</th>
              </tr>
            </thead>
            <tbody>
              {list.map((source) => (
                <tr
                  key={source.name}
                  className={source.name === current?.name ? 'selected' : undefined}
                  onClick={() => {
                    setSelected(source.name);
                    setPanel('detail');
                  }}
                  data-testid={`source-${source.name}`}
                >
                  <td><button className="link">{source.name}</button></td>
                  <td>{titleOf(connectors.status === 'ready' ? connectors.value : [], source.type)}</td>
                  <td className="numeric">{source.tables.length}</td>
                  <td className="numeric">{source.tables.reduce((sum, table) => sum + table.rows, 0).toLocaleString()}</td>
                  <td className="nowrap"><RunStatus run={running[source.name] ? 'running' : source.lastRun} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <section className="source-panel" aria-label="Source">
          {panel === 'add' && connectors.status === 'ready' && (
            <SourceForm
              connectors={connectors.value}
              onCancel={() => setPanel('detail')}
              onSaved={(name) => {
                setSelected(name);
                setPanel('tables');
                setVersion((n) => n + 1);
              }}
            />
          )}
          {panel === 'edit' && current && connectors.status === 'ready' && (
            <EditSource name={current.name} connectors={connectors.value} onDone={() => {
              setPanel('detail');
              setVersion((n) => n + 1);
            }} />
          )}
          {panel === 'tables' && current && (
            <PickTables name={current.name} onDone={() => {
              setPanel('detail');
              setVersion((n) => n + 1);
            }} />
          )}
          {panel === 'detail' && current && (
            <SourceDetail
              source={current}
              version={version}
              running={running[current.name]}
              test={tests[current.name]}
              onTest={() => test(current.name)}
              onSync={(fullRefresh) => sync(current.name, fullRefresh)}
              onCancel={() => cancel(current.name)}
              onEdit={() => setPanel('edit')}
              onTables={() => setPanel('tables')}
              onRemove={() => remove(current.name)}
            />
          )}
          {actionError !== null && <ErrorMessage error={actionError} />}
        </section>
      </div>
      <button className="link refresh" onClick={reloadSources}>Refresh</button>
    </div>
  );
}

function SourceDetail({ source, version, running, test, onTest, onSync, onCancel, onEdit, onTables, onRemove }: {
  source: SourceStatus;
  version: number;
  running?: RunningSync;
  test?: { ok: boolean; message: string } | 'testing' | { error: unknown };
  onTest(): void;
  onSync(fullRefresh: boolean): void;
  onCancel(): void;
  onEdit(): void;
  onTables(): void;
  onRemove(): void;
}) {
  const [runs] = useAsync(() => api.syncRuns({ source: source.name, limit: 5 }), [source.name, version]);
  const last = source.lastRun;
  return (
    <div className="source-detail" data-testid="source-detail">
      <div className="detail-title">
        <h2>{source.name}</h2>
        <span className="muted">lands in <code>{source.schema}</code></span>
      </div>
      <div className="source-actions">
        <button onClick={onTest} disabled={test === 'testing'} data-testid="test-connection">{test === 'testing' ? 'Testing…' : 'Test connection'}</button>
        {running ? (
          <button onClick={onCancel} disabled={running.cancelling} data-testid="cancel-sync">{running.cancelling ? 'Cancelling…' : 'Cancel sync'}</button>
        ) : (
          <>
            <button className="primary" onClick={() => onSync(false)} data-testid="sync-now">Sync now</button>
            <button onClick={() => onSync(true)} title="Ignore saved state and reload every table">Full refresh</button>
          </>
        )}
        <button onClick={onTables} disabled={running !== undefined}>Choose tables</button>
        <button onClick={onEdit} disabled={running !== undefined}>Edit</button>
        <button onClick={onRemove} disabled={running !== undefined} className="danger">Remove</button>
      </div>
      {test && test !== 'testing' && ('error' in test ? (
        <ErrorMessage error={test.error} />
      ) : (
        <div className={test.ok ? 'test-result ok' : 'test-result failed'} role="status" data-testid="test-result">
          {test.ok ? '✓ ' : '✗ '}{test.message}
        </div>
      ))}
      {running && <SyncProgress tables={running.tables} />}
      {!running && last && last.status !== 'success' && last.error && (
        <div className="error-message" role="alert" data-testid="last-error">
          <div className="error-text">The last sync {last.status === 'cancelled' ? 'was cancelled' : 'failed'}: {last.error}</div>
          {source.tables.length > 0 && <div className="error-hint">The tables below still hold the data of the last successful sync.</div>}
        </div>
      )}
      <h3>Tables</h3>
      {source.tables.length === 0 ? (
        <p className="empty">Nothing synced yet. Choose tables, then sync.</p>
      ) : (
        <table className="list-table" data-testid="source-tables">
          <thead>
            <tr>
              <th>Table</th>
              <th className="numeric">Rows</th>
            </tr>
          </thead>
          <tbody>
            {source.tables.map((table) => (
              <tr key={table.name}>
                <td><code>{source.schema}.{table.name}</code></td>
                <td className="numeric">{table.rows.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Recent syncs</h3>
      {runs.status === 'ready' && runs.value.length === 0 && <p className="empty">Never synced.</p>}
      {runs.status === 'ready' && runs.value.length > 0 && (
        <table className="list-table runs-table" data-testid="sync-runs">
          <tbody>
            {runs.value.map((run) => (
              <tr key={run.runId}>
                <td className="nowrap">{formatTime(run.startedAt)}</td>
                <td className="nowrap"><RunStatus run={run} compact /></td>
                <td className="numeric nowrap">{run.status === 'success' ? `${run.rows.toLocaleString()} rows` : ''}</td>
                <td className="muted run-error">{run.error ?? (run.fullRefresh ? 'full refresh' : '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function EditSource({ name, connectors, onDone }: { name: string; connectors: Parameters<typeof SourceForm>[0]['connectors']; onDone(): void }) {
  const [settings] = useAsync(() => api.sourceSettings({ name }), [name]);
  if (settings.status === 'loading') return <p className="empty">Reading bizops.yml…</p>;
  if (settings.status === 'failed') return <ErrorMessage error={settings.error} />;
  return <SourceForm connectors={connectors} existing={settings.value} onSaved={onDone} onCancel={onDone} />;
}

function PickTables({ name, onDone }: { name: string; onDone(): void }) {
  const [settings] = useAsync(() => api.sourceSettings({ name }), [name]);
  if (settings.status === 'loading') return <p className="empty">Reading bizops.yml…</p>;
  if (settings.status === 'failed') return <ErrorMessage error={settings.error} />;
  const { type, options, tables } = settings.value;
  return <TablePicker source={name} type={type} options={options} current={tables} onSaved={onDone} onCancel={onDone} />;
}

function RunStatus({ run, compact = false }: { run: SyncRunInfo | 'running' | null; compact?: boolean }) {
  if (run === 'running') return <span className="status status-running">syncing…</span>;
  if (!run) return <span className="muted">never</span>;
  const label = run.status === 'success' ? '✓ synced' : run.status === 'failed' ? '✗ failed' : run.status;
  return (
    <span className={`status status-${run.status}`} title={run.error ?? undefined}>
      {label}
      {!compact && <span className="muted"> {formatTime(run.finishedAt ?? run.startedAt)}</span>}
    </span>
  );
}

function titleOf(connectors: { type: string; title: string }[], type: string): string {
  return connectors.find((connector) => connector.type === type)?.title ?? type;
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
