import { useEffect, useRef, useState } from 'react';
import type { QueryResult } from '../../../core/api/query.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { CompletionIndex } from '../editor/completion.ts';
import { highlightFunctions } from '../editor/monaco.ts';
import { setCompletionIndex } from '../editor/sqlCompletion.ts';
import { SqlEditor, type RunScope, type SqlEditorHandle } from '../editor/SqlEditor.tsx';
import { formatMs, formatRows } from '../format.ts';
import { PAGE_ROWS } from '../grid/pagedRows.ts';
import { ResultsPanel, type ResultsMode } from '../results/ResultsPanel.tsx';
import { QueriesPanel } from '../sql/QueriesPanel.tsx';
import { QueryTabsBar } from '../sql/QueryTabsBar.tsx';
import { queryIdOf } from '../sql/queryTabs.ts';
import { useQueryTabs } from '../sql/useQueryTabs.ts';

/** SQL to open in a new tab (and run), e.g. from the Model page's "Query this table". */
export interface SqlRequest {
  id: number;
  sql: string;
  name: string;
}

/** A command from the desktop menu (or its shortcut), handled once when it arrives. */
export interface SqlCommand {
  id: number;
  name: 'newQuery' | 'runStatement' | 'runAll' | 'save' | 'find';
}

type RunState =
  | { status: 'running'; started: number }
  | { status: 'done'; result: QueryResult; run: number }
  | { status: 'failed'; error: unknown };

let runs = 0;

export function SqlPage(props: { dark: boolean; workspace: string | undefined; catalogVersion: number; request: SqlRequest | null; command?: SqlCommand | null }) {
  const { dark, workspace, catalogVersion, request, command } = props;
  const { store, state: tabs } = useQueryTabs(workspace);
  const active = tabs.tabs.find((tab) => tab.key === tabs.activeKey);
  const editor = useRef<SqlEditorHandle>(null);
  const [runStates, setRunStates] = useState<Record<string, RunState>>({});
  const [modes, setModes] = useState<Record<string, ResultsMode>>({});
  const [chartSpecs, setChartSpecs] = useState<Record<string, object>>({});
  const [panelOpen, setPanelOpen] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);
  const [formatError, setFormatError] = useState<unknown>();
  const [editorHeight, setEditorHeight] = useState(40);
  const handled = useRef(0);
  const handledCommand = useRef(0);

  const setRun = (key: string, state: RunState) => setRunStates((current) => ({ ...current, [key]: state }));
  const activeRun = active && runStates[active.key];

  useCompletion(catalogVersion);

  const running = activeRun?.status === 'running';

  const activeKeyRef = useRef<string | undefined>(undefined);
  useEffect(() => {
    activeKeyRef.current = active?.key;
  });
  const isShown = (key: string) => activeKeyRef.current === key;

  const runScope = async (key: string, name: string | null, scope: RunScope, flash: boolean) => {
    if (scope.text.trim() === '' || runStates[key]?.status === 'running') return;
    editor.current?.clearError();
    setRun(key, { status: 'running', started: performance.now() });
    try {
      const result = await api.runQuery({
        sql: scope.text,
        selection: scope.selection,
        cursor: scope.cursor,
        queryId: queryIdOf(key),
        pageSize: PAGE_ROWS,
        history: { query: name ?? undefined },
      });
      setRun(key, { status: 'done', result, run: ++runs });
      if (flash && result.ran && isShown(key)) editor.current?.flash(result.ran);
    } catch (error) {
      setRun(key, { status: 'failed', error });
      const position = (error as { details?: { position?: unknown } }).details?.position;
      if (typeof position === 'number' && isShown(key) && editor.current?.scope('all').text === scope.text) {
        editor.current.markError(position, (error as Error).message);
      }
    } finally {
      setHistoryVersion((n) => n + 1);
    }
  };

  const run = (mode: 'statement' | 'all') => {
    if (!active || !editor.current) return;
    void runScope(active.key, active.name, editor.current.scope(mode), mode === 'statement');
  };

  const format = () => {
    try {
      editor.current?.format();
      setFormatError(undefined);
    } catch (error) {
      setFormatError({ message: `The SQL could not be formatted: ${(error as Error).message}`, hint: 'Fix the syntax first, or format a selection.' });
    }
  };

  useEffect(() => {
    if (!request || request.id === handled.current || !store) return;
    handled.current = request.id;
    void store.newTab(request.sql, request.name).then((key) => runScope(key, store.snapshot.tabs.find((tab) => tab.key === key)?.name ?? null, { text: request.sql }, false));
    // Each request is handled once, when it arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request, store]);

  useEffect(() => {
    if (!command || command.id === handledCommand.current || !store) return;
    handledCommand.current = command.id;
    if (command.name === 'newQuery') void store.newTab();
    else if (command.name === 'runStatement') run('statement');
    else if (command.name === 'runAll') run('all');
    else if (command.name === 'save' && active) void store.save(active.key);
    else if (command.name === 'find') editor.current?.find();
    // Each command is handled once, when it arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [command, store]);

  return (
    <div className="sql-page">
      <div className="sql-main">
        {store && (
          <QueryTabsBar
            tabs={tabs.tabs}
            activeKey={active?.key}
            onSelect={store.activate}
            onClose={(key) => void store.close(key)}
            onNew={() => void store.newTab()}
            onRename={store.rename}
          />
        )}
        <div className="toolbar">
          <button className="primary" onClick={() => run('statement')} disabled={!active || running} title="Run the selection, or the statement under the cursor (Ctrl+Enter)">
            Run
          </button>
          <button onClick={() => run('all')} disabled={!active || running} title="Run every statement (Ctrl+Shift+Enter)">
            Run all
          </button>
          <button onClick={() => active && void api.cancelQuery({ queryId: queryIdOf(active.key) })} disabled={!running}>
            Cancel
          </button>
          <button onClick={format} disabled={!active} title="Format the SQL (Shift+Alt+F)">
            Format
          </button>
          <span className="status" data-testid="query-status" aria-live="polite">
            {activeRun?.status === 'running' && <Running queryId={queryIdOf(active!.key)} started={activeRun.started} />}
            {activeRun?.status === 'done' && `${formatRows(activeRun.result.rowCount)} · ${formatMs(activeRun.result.elapsedMs)}`}
            {activeRun?.status === 'failed' && 'Failed'}
          </span>
          <span className="spacer" />
          {active && active.saved !== 'saved' && (
            <span className={`save-note ${active.saved}`}>{active.saved === 'failed' ? 'Not saved' : active.saved === 'saving' ? 'Saving…' : 'Edited'}</span>
          )}
          {active?.name && <span className="muted file-name">queries/{active.name}.sql</span>}
          <button aria-pressed={panelOpen} onClick={() => setPanelOpen(!panelOpen)}>
            History &amp; saved
          </button>
        </div>
        {tabs.loadError !== undefined && <ErrorMessage error={tabs.loadError} />}
        {active?.saved === 'failed' && <ErrorMessage error={active.saveError} />}
        {formatError !== undefined && <ErrorMessage error={formatError} />}
        <div className="editor-pane" style={{ flexBasis: `${editorHeight}%` }}>
          {active && (
            <SqlEditor
              ref={editor}
              tabKey={active.key}
              initialValue={active.initialSql}
              openKeys={tabs.tabs.map((tab) => tab.key)}
              onChange={store!.edit}
              onRun={run}
              onFormat={format}
              dark={dark}
            />
          )}
        </div>
        <Splitter percent={editorHeight} onChange={setEditorHeight} />
        <div className="results-pane">
          {tabs.tabs.map((tab) => {
            const state = runStates[tab.key];
            const shown = tab.key === active?.key;
            if (!state) return shown ? <Hint key={tab.key} /> : null;
            if (state.status === 'failed') return shown ? <ErrorMessage key={tab.key} error={state.error} /> : null;
            if (state.status === 'running') {
              return shown ? (
                <p key={tab.key} className="empty">
                  Running…
                </p>
              ) : null;
            }
            return (
              <div key={`${tab.key}:${state.run}`} className="results-slot" hidden={!shown}>
                <ResultsPanel
                  result={state.result}
                  name={tab.name ?? 'result'}
                  mode={modes[tab.key] ?? 'rows'}
                  onMode={(mode) => setModes((current) => ({ ...current, [tab.key]: mode }))}
                  chartSpec={chartSpecs[tab.key]}
                  onChartSpec={(spec) => setChartSpecs((current) => ({ ...current, [tab.key]: spec }))}
                  dark={dark}
                />
              </div>
            );
          })}
        </div>
      </div>
      {panelOpen && store && (
        <QueriesPanel
          version={historyVersion}
          onOpenSaved={(name) => void store.openSaved(name)}
          onOpenSql={(sql) => void store.newTab(sql, 'From history')}
          onDeleted={store.forget}
          onClose={() => setPanelOpen(false)}
        />
      )}
    </div>
  );
}

/** Time since the run started and DuckDB's progress, ticking on its own so the page does not redraw. */
function Running({ queryId, started }: { queryId: string; started: number }) {
  const [now, setNow] = useState(started);
  const [percent, setPercent] = useState<number>();
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 200);
    const unsubscribe = api.subscribe((event) => event.type === 'query.progress' && event.queryId === queryId && setPercent(event.percent));
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [queryId]);
  return <>{`Running… ${formatMs(now - started)}${percent !== undefined ? ` · ${percent}%` : ''}`}</>;
}

function Hint() {
  return (
    <div className="empty hint">
      <p>
        <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs the selection or the statement under the cursor; <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+
        <kbd>Enter</kbd> runs everything; <kbd>Shift</kbd>+<kbd>Alt</kbd>+<kbd>F</kbd> formats; <kbd>Ctrl</kbd>+<kbd>M</kbd> makes
        Tab move the focus out of the editor.
      </p>
      <p>
        Tables and models: <code>select * from core.accounts</code> or <code>{"select * from {{ ref('accounts') }}"}</code>.
      </p>
    </div>
  );
}

/** Drag (or use the arrow keys on) the bar between editor and results to share the height. */
function Splitter({ percent, onChange }: { percent: number; onChange(percent: number): void }) {
  const clamp = (value: number) => Math.min(85, Math.max(12, value));
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-valuenow={Math.round(percent)}
      aria-label="Resize the editor"
      tabIndex={0}
      onKeyDown={(event) => {
        if (event.key === 'ArrowUp') onChange(clamp(percent - 5));
        if (event.key === 'ArrowDown') onChange(clamp(percent + 5));
      }}
      onMouseDown={(event) => {
        event.preventDefault();
        const container = event.currentTarget.parentElement!.getBoundingClientRect();
        const move = (moveEvent: MouseEvent) => onChange(clamp(((moveEvent.clientY - container.top) / container.height) * 100));
        const up = () => {
          window.removeEventListener('mousemove', move);
          window.removeEventListener('mouseup', up);
        };
        window.addEventListener('mousemove', move);
        window.addEventListener('mouseup', up);
      }}
    />
  );
}

/** Keep the editor's completions in step with the catalog; DuckDB's vocabulary is read once. */
function useCompletion(catalogVersion: number): void {
  const vocabulary = useRef<ReturnType<typeof api.sqlVocabulary> | null>(null);
  useEffect(() => {
    let current = true;
    if (!vocabulary.current) {
      vocabulary.current = api.sqlVocabulary({});
      vocabulary.current.then((words) => highlightFunctions(words.functions.map((fn) => fn.name)), () => undefined);
    }
    Promise.all([api.catalog({}), vocabulary.current]).then(
      ([catalog, words]) => current && setCompletionIndex(new CompletionIndex(catalog, words)),
      // Completion is a help, not a need: the editor works without it and the Model page shows the error.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [catalogVersion]);
}
