import { tableFromIPC } from 'apache-arrow';
import { useEffect, useRef, useState } from 'react';
import type { QueryResult, ResultPage } from '../../../core/api/query.ts';
import { api } from '../api.ts';
import { toDisplayPage, type DisplayPage } from '../arrowCells.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { ResultTable } from '../components/ResultTable.tsx';
import { SqlEditor } from '../editor/SqlEditor.tsx';

const PAGE_SIZE = 200;
const QUERY_ID = 'sql-page';
const STORAGE_KEY = 'bizops.sql.text';
const STARTER_SQL = "-- Ctrl+Enter runs the selection, or everything\nselect 42 as answer;\n";

type RunState =
  | { status: 'idle' }
  | { status: 'running'; started: number; percent?: number }
  | { status: 'done'; result: QueryResult; page: DisplayPage; offset: number }
  | { status: 'failed'; error: unknown; sql: string };

export function SqlPage({ dark }: { dark: boolean }) {
  const [sql, setSql] = useState(() => localStorage.getItem(STORAGE_KEY) ?? STARTER_SQL);
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  const [now, setNow] = useState(() => performance.now());
  const lastSql = useRef(sql);

  useEffect(() => localStorage.setItem(STORAGE_KEY, sql), [sql]);

  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.type === 'query.progress' && event.queryId === QUERY_ID) {
          setRun((current) => (current.status === 'running' ? { ...current, percent: event.percent } : current));
        }
      }),
    [],
  );

  useEffect(() => {
    if (run.status !== 'running') return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [run.status]);

  const execute = async (text: string) => {
    lastSql.current = text;
    setRun({ status: 'running', started: performance.now() });
    try {
      const result = await api.runQuery({ sql: text, queryId: QUERY_ID, pageSize: PAGE_SIZE });
      setRun({ status: 'done', result, page: decode(result.firstPage), offset: 0 });
    } catch (error) {
      setRun({ status: 'failed', error, sql: text });
    }
  };

  const goTo = async (offset: number) => {
    if (run.status !== 'done') return;
    try {
      const page = await api.fetchPage({ queryId: QUERY_ID, offset, limit: PAGE_SIZE });
      setRun({ ...run, page: decode(page), offset });
    } catch (error) {
      setRun({ status: 'failed', error, sql: lastSql.current });
    }
  };

  const errorAt = errorPosition(run, sql);

  return (
    <div className="sql-page">
      <div className="toolbar">
        <button
          className="primary"
          onClick={() => void execute(sql)}
          disabled={run.status === 'running'}
          title="Run (Ctrl+Enter)"
        >
          Run
        </button>
        <button onClick={() => void api.cancelQuery({ queryId: QUERY_ID })} disabled={run.status !== 'running'}>
          Cancel
        </button>
        <span className="status" data-testid="query-status">
          {run.status === 'running' &&
            `Running… ${formatMs(now - run.started)}${run.percent !== undefined ? ` · ${run.percent}%` : ''}`}
          {run.status === 'done' &&
            `${run.result.rowCount.toLocaleString()} row${run.result.rowCount === 1 ? '' : 's'} · ${formatMs(run.result.elapsedMs)}`}
          {run.status === 'failed' && 'Failed'}
        </span>
      </div>
      <div className="editor-pane">
        <SqlEditor value={sql} onChange={setSql} onRun={(text) => void execute(text)} errorAt={errorAt} dark={dark} />
      </div>
      <div className="results-pane">
        {run.status === 'idle' && <p className="empty">Run a query to see its rows here.</p>}
        {run.status === 'failed' && <ErrorMessage error={run.error} />}
        {run.status === 'done' && (
          <>
            <Pager
              offset={run.offset}
              shown={run.page.rows.length}
              total={run.result.rowCount}
              onPage={(offset) => void goTo(offset)}
            />
            <ResultTable page={run.page} firstRow={run.offset} />
          </>
        )}
      </div>
    </div>
  );
}

function Pager(props: { offset: number; shown: number; total: number; onPage(offset: number): void }) {
  const { offset, shown, total, onPage } = props;
  if (total <= PAGE_SIZE) return null;
  const last = Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE;
  return (
    <div className="pager">
      <button onClick={() => onPage(0)} disabled={offset === 0}>First</button>
      <button onClick={() => onPage(Math.max(0, offset - PAGE_SIZE))} disabled={offset === 0}>Previous</button>
      <span data-testid="pager-range">
        Rows {(offset + 1).toLocaleString()}–{(offset + shown).toLocaleString()} of {total.toLocaleString()}
      </span>
      <button onClick={() => onPage(offset + PAGE_SIZE)} disabled={offset >= last}>Next</button>
      <button onClick={() => onPage(last)} disabled={offset >= last}>Last</button>
    </div>
  );
}

function decode(page: ResultPage): DisplayPage {
  return toDisplayPage(tableFromIPC(page.arrow));
}

/** Where DuckDB says the error is, when the failed SQL is still what the editor holds. */
function errorPosition(run: RunState, sql: string) {
  if (run.status !== 'failed') return undefined;
  const details = (run.error as { details?: { position?: number } }).details;
  if (details?.position === undefined) return undefined;
  const base = sql.indexOf(run.sql);
  if (base === -1) return undefined;
  return { offset: base + details.position, message: (run.error as Error).message };
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
