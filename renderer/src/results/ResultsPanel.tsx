import { lazy, Suspense, useRef, useState } from 'react';
import type { QueryResult } from '../../../core/api/query.ts';
import { EXPORT_FORMATS, type ExportFormat, type ResultFilter, type ResultSort } from '../../../core/api/results.ts';
import { api, download } from '../api.ts';
import { decodePage } from '../arrowCells.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { PushDialog } from '../components/PushDialog.tsx';
import { defaultSettings, specFromSettings } from '../chart/chartSpec.ts';
import type { TileDraft } from '../dashboard/draft.ts';
import { SaveToDashboardDialog } from '../dashboard/SaveToDashboardDialog.tsx';
import { formatBytes, formatRows } from '../format.ts';
import { FilterPopover } from '../grid/FilterPopover.tsx';
import { PAGE_ROWS } from '../grid/pagedRows.ts';
import { initialWidths, ResultGrid, type GridSource, type ResultGridHandle } from '../grid/ResultGrid.tsx';

// Vega is large: it loads the first time a chart is opened, not with the app.
const ChartBuilder = lazy(() => import('../chart/ChartBuilder.tsx'));

export type ResultsMode = 'rows' | 'chart';

interface ResultsPanelProps {
  result: QueryResult;
  /** What exports are called: the saved query's name. */
  name: string;
  mode: ResultsMode;
  onMode(mode: ResultsMode): void;
  /** The chart's Vega-Lite spec, kept by the tab across runs. */
  chartSpec: object | undefined;
  onChartSpec(spec: object): void;
  dark: boolean;
}

/** A query's result: its rows (sorted, filtered, exported in the engine) or a chart of them. */
export function ResultsPanel(props: ResultsPanelProps) {
  const { result, name, mode, onMode, dark } = props;
  const queryId = result.queryId;
  const grid = useRef<ResultGridHandle>(null);
  const [view, setView] = useState<GridSource & { version: number }>(() => ({
    queryId,
    rowCount: result.rowCount,
    firstPage: decodePage(result.firstPage.arrow),
    version: 0,
  }));
  const [sort, setSort] = useState<ResultSort[]>([]);
  const [filters, setFilters] = useState<ResultFilter[]>([]);
  const [widths, setWidths] = useState(() => initialWidths(result.columns, view.firstPage));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string | null>(null);
  const [editingFilter, setEditingFilter] = useState<{ column: number; anchor: DOMRect } | null>(null);
  const [pushing, setPushing] = useState(false);
  const [tile, setTile] = useState<TileDraft | null>(null);
  const saveToDashboard = () => {
    const title = name === 'result' ? 'New tile' : name;
    if (mode === 'chart') {
      const chart = (props.chartSpec ?? specFromSettings(defaultSettings(result.columns, result.rowCount), result.columns)) as Record<string, unknown>;
      setTile({ title, display: 'chart', sql: result.statement, chart });
    } else {
      setTile({ title, display: 'table', sql: result.statement });
    }
  };

  const refine = async (nextSort: ResultSort[], nextFilters: ResultFilter[]) => {
    setBusy(nextFilters === filters ? 'Sorting…' : 'Filtering…');
    try {
      const refined = await api.refineResult({ queryId, sort: nextSort, filters: nextFilters, pageSize: PAGE_ROWS });
      setView((current) => ({ queryId, rowCount: refined.rowCount, firstPage: decodePage(refined.firstPage.arrow), version: current.version + 1 }));
      setSort(nextSort);
      setFilters(nextFilters);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  const sortBy = (column: number, additive: boolean) => {
    const current = sort.find((s) => s.column === column);
    const next: ResultSort | undefined = !current ? { column, descending: false } : !current.descending ? { column, descending: true } : undefined;
    const others = additive ? sort.filter((s) => s.column !== column) : [];
    void refine(next ? [...others, next] : others, filters);
  };

  const exportAs = async (format: ExportFormat) => {
    setBusy(`Exporting ${view.rowCount.toLocaleString()} rows as ${format.toUpperCase()}…`);
    try {
      const file = await api.exportResult({ queryId, format, name: exportName(name) });
      const rows = formatRows(file.rowCount);
      setNotice(
        download(file.downloadPath, file.fileName)
          ? `Exported ${rows} as ${file.fileName} (${formatBytes(file.bytes)}).`
          : `Exported ${rows} to ${file.path} (${formatBytes(file.bytes)}).`,
      );
      setError(undefined);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  const refined = filters.length > 0;
  return (
    <div className="results-panel">
      <div className="results-bar">
        <div className="segmented" role="tablist" aria-label="Show the result as">
          {(['rows', 'chart'] as const).map((option) => (
            <button key={option} role="tab" aria-selected={mode === option} className={mode === option ? 'selected' : undefined} onClick={() => onMode(option)}>
              {option === 'rows' ? 'Rows' : 'Chart'}
            </button>
          ))}
        </div>
        {filters.map((filter, i) => (
          <span key={i} className="filter-chip" data-testid="filter-chip">
            {result.columns[filter.column].name} {filter.operator}
            {filter.value !== undefined && <strong> {filter.value}</strong>}
            <button
              className="chip-remove"
              aria-label={`Remove the filter on ${result.columns[filter.column].name}`}
              onClick={() => void refine(sort, filters.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </span>
        ))}
        {refined && (
          <span className="muted" data-testid="refined-count">
            {view.rowCount.toLocaleString()} of {result.rowCount.toLocaleString()} rows
          </span>
        )}
        <span className="spacer" />
        {busy && <span className="busy" role="status">{busy}</span>}
        {result.columns.length > 0 && result.statementType === 'SELECT' && (
          <button onClick={saveToDashboard} title={mode === 'chart' ? 'Add this chart to a dashboard' : 'Add these rows to a dashboard as a table'}>
            Save to dashboard…
          </button>
        )}
        {mode === 'rows' && (
          <>
            <button
              onClick={() =>
                grid.current?.copySelection(true).then(
                  (count) => setNotice(`Copied ${formatRows(count)} with headers as tab-separated text.`),
                  (failure: unknown) => setNotice(failure instanceof Error ? failure.message : String(failure)),
                )
              }
              title="Copy the selected cells with their column names (Ctrl+C copies without)"
            >
              Copy
            </button>
            <ExportMenu onExport={(format) => void exportAs(format)} disabled={busy !== null} />
            <button onClick={() => setPushing(true)} disabled={busy !== null} title="Send these rows to a Postgres warehouse">
              Push…
            </button>
          </>
        )}
      </div>
      {pushing && (
        <PushDialog
          source={{ queryId, name: name.replace(/[^A-Za-z0-9_]+/g, '_').toLowerCase() }}
          columns={result.columns.map((column) => column.name)}
          onClose={() => setPushing(false)}
        />
      )}
      {tile && <SaveToDashboardDialog tile={tile} onClose={() => setTile(null)} />}
      {error !== undefined && <ErrorMessage error={error} />}
      {notice && (
        <div className="results-notice" role="status" data-testid="results-notice">
          {notice}
          <button className="link" onClick={() => setNotice(null)} aria-label="Dismiss">
            Dismiss
          </button>
        </div>
      )}
      {mode === 'rows' ? (
        <ResultGrid
          key={view.version}
          ref={grid}
          columns={result.columns}
          source={view}
          widths={widths}
          onResize={(column, width) => setWidths((current) => current.map((w, c) => (c === column ? width : w)))}
          sort={sort}
          filteredColumns={new Set(filters.map((filter) => filter.column))}
          onSort={sortBy}
          onFilter={(column, anchor) => setEditingFilter({ column, anchor })}
          onNotice={setNotice}
        />
      ) : (
        <Suspense fallback={<p className="empty">Loading the chart builder…</p>}>
          <ChartBuilder
            queryId={queryId}
            name={exportName(name)}
            columns={result.columns}
            rowCount={view.rowCount}
            viewVersion={view.version}
            spec={props.chartSpec}
            onSpec={props.onChartSpec}
            dark={dark}
          />
        </Suspense>
      )}
      {editingFilter && (
        <FilterPopover
          column={result.columns[editingFilter.column]}
          index={editingFilter.column}
          anchor={editingFilter.anchor}
          onCancel={() => setEditingFilter(null)}
          onApply={(filter) => {
            setEditingFilter(null);
            void refine(sort, [...filters, filter]);
          }}
        />
      )}
    </div>
  );
}

function ExportMenu({ onExport, disabled }: { onExport(format: ExportFormat): void; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="menu">
      <button aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} disabled={disabled}>
        Export ▾
      </button>
      {open && (
        <div className="menu-items" role="menu" onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
          {EXPORT_FORMATS.map((format) => (
            <button
              key={format}
              role="menuitem"
              autoFocus={format === 'csv'}
              onClick={() => {
                setOpen(false);
                onExport(format);
              }}
            >
              {format === 'csv' ? 'CSV' : format === 'json' ? 'JSON' : 'Parquet'}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** A saved query's name as an export file name (letters, digits, spaces and a few marks). */
function exportName(name: string): string {
  const cleaned = name.replaceAll(/[^A-Za-z0-9 _.()-]/g, '_').replace(/^[^A-Za-z0-9]+/, '').slice(0, 80).replace(/[. ]+$/, '');
  return cleaned || 'result';
}
