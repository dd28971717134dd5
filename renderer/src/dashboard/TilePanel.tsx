import { useEffect, useRef, useState } from 'react';
import type { DashboardTile, TileData } from '../../../core/api/dashboards.ts';
import type { PackInfo } from '../../../core/api/packs.ts';
import { api } from '../api.ts';
import { SpecEditor } from '../chart/SpecEditor.tsx';
import { SqlEditor, type SqlEditorHandle } from '../editor/SqlEditor.tsx';
import { defaultChartSpec } from './draft.ts';

const DISPLAYS: { display: DashboardTile['display']; label: string }[] = [
  { display: 'chart', label: 'Chart' },
  { display: 'kpi', label: 'KPI' },
  { display: 'table', label: 'Table' },
];
const KPI_FORMATS = ['number', 'currency', 'percent', 'days', 'ratio'] as const;

interface TilePanelProps {
  /** Which dashboard the tile is on: the SQL editor keeps one model per tile. */
  editorKey: string;
  tile: DashboardTile;
  data: TileData | undefined;
  dark: boolean;
  onChange(tile: DashboardTile): void;
  onRemove(): void;
  onClose(): void;
}

/**
 * A tile's editor beside the grid: its title and notes, what it shows, its SQL (run with Ctrl+Enter) or pack metric,
 * its KPI settings or Vega-Lite spec. Every change shows on the tile in place.
 */
export function TilePanel({ editorKey, tile, data, dark, onChange, onRemove, onClose }: TilePanelProps) {
  const sqlEditor = useRef<SqlEditorHandle>(null);
  const [sql, setSql] = useState(tile.sql ?? '');
  const [title, setTitle] = useState(tile.title);
  const [packs, setPacks] = useState<PackInfo[]>([]);
  const columns = data?.columns ?? [];
  const sqlKey = `${editorKey}:${tile.id}`;
  const pending = tile.sql !== undefined && sql !== tile.sql;

  useEffect(() => {
    if (tile.metric) void api.listPacks({}).then(setPacks, () => setPacks([]));
  }, [tile.metric]);

  const update = (changes: Partial<DashboardTile>) => onChange({ ...tile, ...changes });
  const applySql = () => pending && update({ sql });
  const setDisplay = (display: DashboardTile['display']) => {
    const next: DashboardTile = { ...tile, display };
    if (display === 'chart' && !next.chart && !next.pack_chart) next.chart = defaultChartSpec(columns);
    if (display === 'kpi' && !next.kpi) next.kpi = { format: 'number', compare: tile.metric !== undefined };
    onChange(next);
  };
  const kpi = tile.kpi ?? { format: 'number' as const, compare: false };

  return (
    <aside className="dash-panel" aria-label={`Tile ${tile.title}`}>
      <div className="dash-panel-head">
        <strong>Tile</strong>
        <code className="muted">{tile.id}</code>
        <span className="spacer" />
        <button className="danger" onClick={onRemove}>
          Remove tile
        </button>
        <button
          onClick={() => {
            applySql();
            onClose();
          }}
        >
          Done
        </button>
      </div>
      <div className="dash-panel-body">
        <label className="dash-field">
          <span>Title</span>
          <input
            value={title}
            aria-invalid={title.trim() === ''}
            onChange={(event) => {
              setTitle(event.target.value);
              // A tile always has a title: an empty one is kept in the field only, until there is text again.
              if (event.target.value.trim() !== '') update({ title: event.target.value });
            }}
          />
        </label>
        <label className="dash-field">
          <span>Notes</span>
          <textarea rows={2} value={tile.notes ?? ''} placeholder="What the reader should know about this number" onChange={(event) => update({ notes: event.target.value || undefined })} />
        </label>
        <div className="dash-field">
          <span>Show as</span>
          <div className="dash-segmented" role="radiogroup" aria-label="Show as">
            {DISPLAYS.map(({ display, label }) => (
              <button key={display} role="radio" aria-checked={tile.display === display} className={tile.display === display ? 'selected' : undefined} onClick={() => setDisplay(display)}>
                {label}
              </button>
            ))}
          </div>
        </div>
        {tile.sql !== undefined && (
          <div className="dash-field">
            <span>
              SQL <span className="muted small">Ctrl+Enter runs it · parameters: $period_from, $period_to, $name</span>
            </span>
            <div className="dash-sql" data-testid="tile-sql">
              <SqlEditor
                ref={sqlEditor}
                tabKey={sqlKey}
                initialValue={tile.sql}
                openKeys={[sqlKey]}
                onChange={(_key, value) => setSql(value)}
                onRun={() => update({ sql: sqlEditor.current?.scope('all').text ?? sql })}
                onFormat={() => sqlEditor.current?.format()}
                dark={dark}
              />
            </div>
            <div className="dash-row">
              <button onClick={applySql} disabled={!pending}>
                Run
              </button>
              {pending && <span className="muted small">Not run yet: the tile shows the SQL before your edits.</span>}
            </div>
          </div>
        )}
        {tile.metric && (
          <div className="dash-field">
            <span>Metric</span>
            <select
              aria-label="Metric"
              value={`${tile.metric.pack}.${tile.metric.metric}`}
              onChange={(event) => {
                const [pack, metric] = event.target.value.split('.');
                update({ metric: { pack, metric } });
              }}
            >
              {packs.length === 0 && <option value={`${tile.metric.pack}.${tile.metric.metric}`}>{`${tile.metric.pack}: ${tile.metric.metric}`}</option>}
              {packs.map((pack) => (
                <optgroup key={pack.name} label={pack.title}>
                  {pack.metrics.map((metric) => (
                    <option key={metric.name} value={`${pack.name}.${metric.name}`}>
                      {metric.title}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        )}
        {(tile.pack_chart || tile.query) && (
          <p className="muted small">
            From the {(tile.pack_chart ?? tile.query)!.pack} pack: {tile.pack_chart ? `chart ${tile.pack_chart.chart}` : `query ${tile.query!.query}`}.
          </p>
        )}
        {tile.display === 'kpi' && (
          <div className="dash-field-grid">
            {tile.sql !== undefined && (
              <label className="dash-field">
                <span>Value</span>
                <select aria-label="KPI value column" value={kpi.value ?? ''} onChange={(event) => update({ kpi: { ...kpi, value: event.target.value || undefined } })}>
                  <option value="">First column</option>
                  {columns.map((column) => (
                    <option key={column.name}>{column.name}</option>
                  ))}
                </select>
              </label>
            )}
            <label className="dash-field">
              <span>Format</span>
              <select aria-label="KPI format" value={kpi.format} onChange={(event) => update({ kpi: { ...kpi, format: event.target.value as (typeof KPI_FORMATS)[number] } })}>
                {KPI_FORMATS.map((format) => (
                  <option key={format}>{format}</option>
                ))}
              </select>
            </label>
            <label className="dash-check">
              <input type="checkbox" checked={kpi.compare} onChange={(event) => update({ kpi: { ...kpi, compare: event.target.checked } })} />
              Change vs previous period
            </label>
            {tile.metric ? (
              <label className="dash-check">
                <input type="checkbox" checked={kpi.sparkline === true} onChange={(event) => update({ kpi: { ...kpi, sparkline: event.target.checked || undefined } })} />
                Monthly sparkline
              </label>
            ) : (
              <label className="dash-field">
                <span>Sparkline column</span>
                <select aria-label="Sparkline column" value={typeof kpi.sparkline === 'string' ? kpi.sparkline : ''} onChange={(event) => update({ kpi: { ...kpi, sparkline: event.target.value || undefined } })}>
                  <option value="">None</option>
                  {columns.map((column) => (
                    <option key={column.name}>{column.name}</option>
                  ))}
                </select>
              </label>
            )}
          </div>
        )}
        {tile.display === 'chart' && tile.chart && (
          <div className="dash-field dash-spec">
            <span>
              Vega-Lite spec <span className="muted small">its data: the tile's rows</span>
              <span className="spacer" />
              <button className="link" onClick={() => update({ chart: defaultChartSpec(columns) })}>
                Start over from the columns
              </button>
            </span>
            <SpecEditor spec={tile.chart} onSpec={(chart) => update({ chart })} dark={dark} />
          </div>
        )}
      </div>
    </aside>
  );
}
