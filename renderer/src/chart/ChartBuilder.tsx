import { useEffect, useState } from 'react';
import type { View } from 'vega';
import type { ColumnInfo } from '../../../core/api/query.ts';
import { api } from '../api.ts';
import { chartRows } from '../arrowCells.ts';
import { columnKind } from '../columnTypes.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatRows } from '../format.ts';
import { saveFile } from '../saveFile.ts';
import { planChart } from './chartPlan.ts';
import {
  AGGREGATES,
  defaultSettings,
  MARK_CHANNELS,
  MARKS,
  readSettings,
  specFromSettings,
  switchMark,
  TIME_UNITS,
  unshownParts,
  writeSettings,
  type Channel,
  type ChartSettings,
  type FieldChoice,
  type Mark,
  type Spec,
} from './chartSpec.ts';
import { SpecEditor } from './SpecEditor.tsx';
import { VegaChart } from './VegaChart.tsx';

interface ChartBuilderProps {
  queryId: string;
  /** What exported images are called. */
  name: string;
  columns: ColumnInfo[];
  /** Rows of the result as shown (filters applied). */
  rowCount: number;
  /** Changes when the rows change (a filter), so the chart data is read again. */
  viewVersion: number;
  spec: object | undefined;
  onSpec(spec: Spec): void;
  dark: boolean;
}

type Drawing =
  | { key: string; status: 'ready'; spec: Spec; note: string }
  | { key: string; status: 'failed'; error: unknown };

const COUNT = '__count__';

/** Pick a mark and fields; the Vega-Lite spec is shown as JSON and edits go both ways; DuckDB does the grouping. */
export default function ChartBuilder(props: ChartBuilderProps) {
  const { queryId, name, columns, rowCount, viewVersion, onSpec, dark } = props;
  const spec = (props.spec as Spec | undefined) ?? specFromSettings(defaultSettings(columns, rowCount), columns);
  const settings = readSettings(spec);
  const [drawing, setDrawing] = useState<Drawing | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [showSpec, setShowSpec] = useState(true);
  const specText = JSON.stringify(spec);
  const key = `${queryId}:${viewVersion}:${specText}`;

  useEffect(() => {
    let current = true;
    const parsed = JSON.parse(specText) as Spec;
    (async () => {
      const plan = planChart(parsed, columns);
      const data = await api.chartData({ queryId, ...plan.request });
      const rows = formatRows(data.sourceRowCount);
      const note = plan.aggregated
        ? `Grouped in DuckDB: ${data.rowCount.toLocaleString()} group${data.rowCount === 1 ? '' : 's'} from ${rows}${data.truncated ? ' (only the first groups are drawn)' : ''}.`
        : data.sampled
          ? `Drawn from a random sample of ${data.rowCount.toLocaleString()} of ${rows}.`
          : `Drawn from ${rows}.`;
      return { spec: plan.compile(chartRows(data.arrow)), note };
    })().then(
      ({ spec: compiled, note }) => current && setDrawing({ key, status: 'ready', spec: compiled, note }),
      (error: unknown) => current && setDrawing({ key, status: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [key, queryId, specText, columns]);

  const update = (next: ChartSettings) => onSpec(writeSettings(spec, next, columns));
  const choose = (channel: Channel, choice: FieldChoice | undefined) => {
    const channels = { ...settings.channels };
    if (choice) channels[channel] = choice;
    else delete channels[channel];
    update({ ...settings, channels });
  };
  const unshown = unshownParts(spec);
  const current = drawing?.key === key ? drawing : null;

  return (
    <div className="chart-builder">
      <aside className="chart-controls" aria-label="Chart settings">
        <div className="mark-picker" role="radiogroup" aria-label="Mark">
          {MARKS.map(({ mark, label }) => (
            <button
              key={mark}
              role="radio"
              aria-checked={settings.mark === mark}
              className={settings.mark === mark ? 'selected' : undefined}
              onClick={() => update(switchMark(settings, mark as Mark))}
            >
              {label}
            </button>
          ))}
        </div>
        {MARK_CHANNELS[settings.mark].map(({ channel, label, measure }) => (
          <ChannelControl
            key={channel}
            channel={channel}
            label={label}
            measure={measure === true}
            columns={columns}
            choice={settings.channels[channel]}
            onChoose={(choice) => choose(channel, choice)}
          />
        ))}
        {unshown.length > 0 && (
          <p className="muted small">This spec also has {unshown.join(', ')}, which only the JSON shows.</p>
        )}
        <button
          className="link"
          onClick={() => onSpec(specFromSettings(defaultSettings(columns, rowCount), columns))}
        >
          Start over from the columns
        </button>
      </aside>
      <section className="chart-main">
        <div className="chart-actions">
          <span className="muted" data-testid="chart-note">
            {current?.status === 'ready' ? current.note : current ? '' : 'Computing the chart…'}
          </span>
          <span className="spacer" />
          <button onClick={() => view && void saveSvg(view, name)} disabled={!view || current?.status !== 'ready'}>
            Export SVG
          </button>
          <button onClick={() => view && void savePng(view, name)} disabled={!view || current?.status !== 'ready'}>
            Export PNG
          </button>
          <button aria-pressed={showSpec} onClick={() => setShowSpec(!showSpec)}>
            {showSpec ? 'Hide spec' : 'Show spec'}
          </button>
        </div>
        <div className="chart-body">
          <div className="chart-view">
            {current?.status === 'failed' && <ErrorMessage error={current.error} />}
            {current?.status === 'ready' && <VegaChart spec={current.spec} dark={dark} onView={setView} />}
          </div>
          {showSpec && <SpecEditor spec={spec} onSpec={onSpec} dark={dark} />}
        </div>
      </section>
    </div>
  );
}

function ChannelControl(props: {
  channel: Channel;
  label: string;
  measure: boolean;
  columns: ColumnInfo[];
  choice: FieldChoice | undefined;
  onChoose(choice: FieldChoice | undefined): void;
}) {
  const { channel, label, measure, columns, choice, onChoose } = props;
  const column = columns.find((c) => c.name === choice?.field);
  const kind = column ? columnKind(column.type) : undefined;
  const fieldValue = choice?.aggregate === 'count' ? COUNT : (choice?.field ?? '');
  const pickField = (value: string) => {
    if (value === '') return onChoose(undefined);
    if (value === COUNT) return onChoose({ aggregate: 'count' });
    const picked = columnKind(columns.find((c) => c.name === value)!.type);
    const next: FieldChoice = { field: value };
    if (measure) next.aggregate = picked === 'number' ? 'sum' : 'distinct';
    else if (picked === 'temporal' && channel !== 'color') next.timeUnit = 'month';
    onChoose(next);
  };
  return (
    <fieldset className="channel">
      <legend>{label}</legend>
      <select aria-label={`${label} field`} value={fieldValue} onChange={(event) => pickField(event.target.value)}>
        <option value="">(none)</option>
        {measure && <option value={COUNT}>Count of rows</option>}
        {columns.map((c, i) => (
          <option key={i} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
      {choice?.field !== undefined && choice.aggregate !== 'count' && (
        <select
          aria-label={`${label} aggregate`}
          value={choice.aggregate ?? ''}
          onChange={(event) => onChoose({ ...choice, aggregate: (event.target.value || undefined) as FieldChoice['aggregate'] })}
        >
          <option value="">{measure ? 'No aggregate' : 'Group by'}</option>
          {AGGREGATES.filter((a) => a.aggregate !== 'count' && (!a.numeric || kind === 'number')).map((a) => (
            <option key={a.aggregate} value={a.aggregate}>
              {a.label}
            </option>
          ))}
        </select>
      )}
      {kind === 'temporal' && !choice?.aggregate && (
        <select
          aria-label={`${label} time unit`}
          value={choice?.timeUnit ?? ''}
          onChange={(event) => onChoose({ ...choice, timeUnit: (event.target.value || undefined) as FieldChoice['timeUnit'] })}
        >
          <option value="">Exact time</option>
          {TIME_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              By {unit}
            </option>
          ))}
        </select>
      )}
    </fieldset>
  );
}

async function saveSvg(view: View, name: string): Promise<void> {
  const url = URL.createObjectURL(new Blob([await view.toSVG()], { type: 'image/svg+xml' }));
  saveFile(url, `${name}.svg`);
  // The download reads the blob after this turn: free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function savePng(view: View, name: string): Promise<void> {
  saveFile(await view.toImageURL('png', 2), `${name}.png`);
}
