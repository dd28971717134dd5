import type { ColumnInfo } from '../../../core/api/query.ts';
import { columnKind, looksLikeKey } from '../columnTypes.ts';

/**
 * The chart builder edits a Vega-Lite spec in place: its controls read the mark and the fields of the
 * encoding channels, and write only those back, so anything edited by hand in the JSON (titles, axes,
 * scales, sizes) stays. The spec describes the result's own columns; chartPlan.ts turns it into SQL.
 */

export type Spec = Record<string, unknown>;
export type Mark = 'bar' | 'line' | 'area' | 'point' | 'arc' | 'rect' | 'kpi';
export type Channel = 'x' | 'y' | 'color' | 'size' | 'facet' | 'theta' | 'text';
export type Aggregate = 'count' | 'distinct' | 'sum' | 'mean' | 'median' | 'min' | 'max';
export type TimeUnit = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour';

export interface FieldChoice {
  /** A column name; none for a count of rows. */
  field?: string;
  aggregate?: Aggregate;
  timeUnit?: TimeUnit;
}

export interface ChartSettings {
  mark: Mark;
  channels: Partial<Record<Channel, FieldChoice>>;
}

export const MARKS: { mark: Mark; label: string }[] = [
  { mark: 'bar', label: 'Bar' },
  { mark: 'line', label: 'Line' },
  { mark: 'area', label: 'Area' },
  { mark: 'point', label: 'Point' },
  { mark: 'arc', label: 'Pie' },
  { mark: 'rect', label: 'Heatmap' },
  { mark: 'kpi', label: 'KPI' },
];

/** A channel as the builder offers it; picking a column for a measure channel aggregates it (a sum for numbers). */
export interface ChannelSlot {
  channel: Channel;
  label: string;
  measure?: boolean;
}

const FACET: ChannelSlot = { channel: 'facet', label: 'Facet' };
const SERIES: ChannelSlot[] = [
  { channel: 'x', label: 'X' },
  { channel: 'y', label: 'Y', measure: true },
  { channel: 'color', label: 'Color' },
  FACET,
];

/** The channels each mark offers in the builder, in the order shown. */
export const MARK_CHANNELS: Record<Mark, ChannelSlot[]> = {
  bar: SERIES,
  line: SERIES,
  area: SERIES,
  point: [
    { channel: 'x', label: 'X' },
    { channel: 'y', label: 'Y' },
    { channel: 'color', label: 'Color' },
    { channel: 'size', label: 'Size' },
    FACET,
  ],
  rect: [
    { channel: 'x', label: 'X' },
    { channel: 'y', label: 'Y' },
    { channel: 'color', label: 'Color', measure: true },
  ],
  arc: [
    { channel: 'color', label: 'Category' },
    { channel: 'theta', label: 'Value', measure: true },
  ],
  kpi: [{ channel: 'text', label: 'Value', measure: true }],
};

export const AGGREGATES: { aggregate: Aggregate; label: string; numeric: boolean }[] = [
  { aggregate: 'sum', label: 'Sum', numeric: true },
  { aggregate: 'mean', label: 'Average', numeric: true },
  { aggregate: 'median', label: 'Median', numeric: true },
  { aggregate: 'min', label: 'Min', numeric: false },
  { aggregate: 'max', label: 'Max', numeric: false },
  { aggregate: 'count', label: 'Count', numeric: false },
  { aggregate: 'distinct', label: 'Distinct count', numeric: false },
];

export const TIME_UNITS: TimeUnit[] = ['year', 'quarter', 'month', 'week', 'day', 'hour'];

/** Vega-Lite's time units, in UTC: DuckDB timestamps are UTC and must not shift with the viewer's zone. */
const VEGA_TIME_UNITS: Record<TimeUnit, string> = {
  year: 'utcyear',
  quarter: 'utcyearquarter',
  month: 'utcyearmonth',
  week: 'utcyearweek',
  day: 'utcyearmonthdate',
  hour: 'utcyearmonthdatehours',
};

export function timeUnitFromVega(unit: unknown): TimeUnit | undefined {
  if (typeof unit !== 'string') return undefined;
  const plain = unit.replace(/^utc/, '');
  return TIME_UNITS.find((known) => VEGA_TIME_UNITS[known] === `utc${plain}`);
}

export function aggregateFromVega(aggregate: unknown): Aggregate | undefined {
  if (aggregate === 'average') return 'mean';
  return AGGREGATES.find((known) => known.aggregate === aggregate)?.aggregate;
}

/** Vega-Lite reads dots and brackets in a field name as nested access; a column name means itself. */
export function escapeField(name: string): string {
  return name.replaceAll(/([.[\]\\])/g, '\\$1');
}

export function unescapeField(field: string): string {
  return field.replaceAll(/\\(.)/g, '$1');
}

export function aggregateTitle(choice: FieldChoice): string | undefined {
  if (!choice.aggregate) return undefined;
  if (choice.aggregate === 'count') return 'Count of rows';
  const label = AGGREGATES.find((known) => known.aggregate === choice.aggregate)!.label;
  return `${label} of ${choice.field}`;
}

const markType = (spec: Spec): string | undefined => {
  const mark = spec.mark;
  return typeof mark === 'string' ? mark : typeof (mark as Spec | undefined)?.type === 'string' ? String((mark as Spec).type) : undefined;
};

/** What the builder's controls show for a spec. */
export function readSettings(spec: Spec): ChartSettings {
  const type = markType(spec);
  const mark: Mark = type === 'text' ? 'kpi' : MARKS.some((m) => m.mark === type) ? (type as Mark) : 'bar';
  const encoding = (spec.encoding ?? {}) as Record<string, Spec | undefined>;
  const channels: ChartSettings['channels'] = {};
  for (const { channel } of MARK_CHANNELS[mark]) {
    const def = encoding[channel];
    if (!def || typeof def !== 'object') continue;
    const choice: FieldChoice = {};
    if (typeof def.field === 'string') choice.field = unescapeField(def.field);
    const aggregate = aggregateFromVega(def.aggregate);
    if (aggregate) choice.aggregate = aggregate;
    const timeUnit = timeUnitFromVega(def.timeUnit);
    if (timeUnit) choice.timeUnit = timeUnit;
    if (choice.field || choice.aggregate === 'count') channels[channel] = choice;
  }
  return { mark, channels };
}

/** Parts of a spec the controls do not show; the JSON editor is where they are changed. */
export function unshownParts(spec: Spec): string[] {
  return ['layer', 'concat', 'hconcat', 'vconcat', 'repeat', 'facet', 'transform'].filter((key) => key in spec);
}

/** Write the builder's choices into a spec, keeping everything else it holds. */
export function writeSettings(spec: Spec, settings: ChartSettings, columns: ColumnInfo[]): Spec {
  const next: Spec = { ...spec };
  const oldMark = typeof spec.mark === 'object' && spec.mark !== null ? (spec.mark as Spec) : {};
  if (settings.mark === 'kpi') {
    next.mark = { ...oldMark, type: 'text', fontSize: oldMark.fontSize ?? 56, fontWeight: oldMark.fontWeight ?? 600, tooltip: true };
  } else {
    const { fontSize: _fontSize, fontWeight: _fontWeight, ...rest } = oldMark;
    next.mark = { ...rest, type: settings.mark, tooltip: true };
  }
  const oldEncoding = (spec.encoding ?? {}) as Record<string, Spec>;
  const encoding: Record<string, Spec> = {};
  for (const { channel } of MARK_CHANNELS[settings.mark]) {
    const choice = settings.channels[channel];
    if (!choice) continue;
    const { field: _f, aggregate: _a, timeUnit: _t, type: _type, ...kept } = oldEncoding[channel] ?? {};
    encoding[channel] = { ...kept, ...fieldDef(channel, choice, settings.mark, columns) };
  }
  // Channels the builder does not offer (tooltip, opacity, …) stay as they were written.
  const builderChannels = new Set<string>(Object.values(MARK_CHANNELS).flat().map((c) => c.channel));
  for (const [channel, def] of Object.entries(oldEncoding)) if (!builderChannels.has(channel)) encoding[channel] = def;
  next.encoding = encoding;
  if (settings.mark === 'kpi') {
    const title = aggregateTitle(settings.channels.text ?? {});
    if (title && (spec.title === undefined || typeof spec.title === 'string')) next.title = title;
  } else if (markType(spec) === 'text' && typeof spec.title === 'string') {
    delete next.title;
  }
  return next;
}

function fieldDef(channel: Channel, choice: FieldChoice, mark: Mark, columns: ColumnInfo[]): Spec {
  const def: Spec = {};
  if (choice.field !== undefined && choice.aggregate !== 'count') def.field = escapeField(choice.field);
  if (choice.aggregate) def.aggregate = choice.aggregate;
  if (choice.timeUnit) def.timeUnit = VEGA_TIME_UNITS[choice.timeUnit];
  const kind = columnKind(columns.find((column) => column.name === choice.field)?.type ?? '');
  if (choice.aggregate) def.type = 'quantitative';
  else if (channel === 'facet') def.type = choice.timeUnit ? 'ordinal' : 'nominal';
  else if (choice.timeUnit || kind === 'temporal') def.type = mark === 'rect' ? 'ordinal' : 'temporal';
  else if (kind === 'number' && !(mark === 'rect' && (channel === 'x' || channel === 'y'))) def.type = 'quantitative';
  else def.type = 'nominal';
  if (channel === 'facet') def.columns = 3;
  if (channel === 'text') def.format = choice.aggregate === 'count' || choice.aggregate === 'distinct' ? ',d' : ',.2~f';
  return def;
}

/** A first chart for a result: a measure over time, or by category, or a count; a KPI for one number. */
export function defaultSettings(columns: ColumnInfo[], rowCount: number): ChartSettings {
  const kinds = columns.map((column) => columnKind(column.type));
  const temporal = columns.find((_, i) => kinds[i] === 'temporal');
  const category = columns.find((column, i) => (kinds[i] === 'text' || kinds[i] === 'boolean') && !looksLikeKey(column.name));
  const measure = columns.find((column, i) => kinds[i] === 'number' && !looksLikeKey(column.name));
  const y: FieldChoice = measure ? { field: measure.name, aggregate: 'sum' } : { aggregate: 'count' };
  if (rowCount === 1 && measure && columns.length <= 2) return { mark: 'kpi', channels: { text: y } };
  // A handful of rows with a category reads better as bars than as a few unconnected points in time.
  if (temporal && !(category && rowCount <= 12)) {
    const channels: ChartSettings['channels'] = { x: { field: temporal.name, timeUnit: 'month' }, y };
    if (category) channels.color = { field: category.name };
    return { mark: 'line', channels };
  }
  if (category) return { mark: 'bar', channels: { x: { field: category.name }, y } };
  const first = columns[0];
  return first ? { mark: 'bar', channels: { x: { field: first.name }, y: { aggregate: 'count' } } } : { mark: 'bar', channels: {} };
}

/** Move the fields over when the mark changes: a bar's x becomes a pie's category, its y the value. */
export function switchMark(settings: ChartSettings, mark: Mark): ChartSettings {
  const { x, y, color, theta, text, size, facet } = settings.channels;
  // What each field is for, whatever channel the old mark put it on.
  const roles =
    settings.mark === 'arc' ? { category: color, measure: theta }
    : settings.mark === 'kpi' ? { measure: text }
    : settings.mark === 'rect' ? { category: x, split: y, measure: color }
    : { category: x, measure: y, split: color };
  const { category, measure, split } = roles as { category?: FieldChoice; measure?: FieldChoice; split?: FieldChoice };
  const channels: ChartSettings['channels'] = (() => {
    switch (mark) {
      case 'arc':
        return { color: category, theta: measure };
      case 'kpi':
        return { text: measure?.aggregate ? measure : { aggregate: 'count' } };
      case 'rect':
        return { x: category, y: split, color: measure };
      case 'point':
        return { x: category, y: measure, color: split, size, facet };
      default:
        return { x: category, y: measure, color: split, facet };
    }
  })();
  for (const channel of Object.keys(channels) as Channel[]) if (!channels[channel]) delete channels[channel];
  return { mark, channels };
}

/** The data a spec draws is named, not embedded: it is the query's result, grouped or sampled by the engine. */
export const RESULT_DATA = { name: 'result' };

export function specFromSettings(settings: ChartSettings, columns: ColumnInfo[]): Spec {
  return writeSettings({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', data: RESULT_DATA }, settings, columns);
}
