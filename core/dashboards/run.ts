import { dateValue, type DuckDBPreparedStatement } from '@duckdb/node-api';
import type { DashboardRun, TileData } from '../api/dashboards.ts';
import type { PackResult } from '../api/packs.ts';
import type { WorkbenchContext } from '../context.ts';
import { toErrorInfo, WorkbenchError } from '../errors.ts';
import { sqlError } from '../engine/sqlError.ts';
import { isNumericType } from '../engine/values.ts';
import { loadPack } from '../packs/load.ts';
import { packQuery, runPack } from '../packs/run.ts';
import { RELATIVE_PERIODS, type Dashboard, type DashboardParameter, type DashboardTile } from './format.ts';
import { monthsOf, previousPeriod, resolvePeriod, type Period } from './periods.ts';

/** Tiles chart aggregated rows; a query returning more is cut here and says so. */
export const MAX_TILE_ROWS = 10_000;

export type ParameterValues = Record<string, unknown>;

/**
 * Run every tile of a dashboard (or those named in `tiles`) for its parameter values (defaults where not given).
 * A tile that fails shows its error in place; the others still show.
 */
export async function runDashboard(
  context: WorkbenchContext,
  dashboard: Dashboard,
  given: ParameterValues = {},
  options: { today?: Date; tiles?: string[] } = {},
): Promise<DashboardRun> {
  const parameters = resolveParameters(dashboard, given, options.today ?? new Date());
  const period = firstPeriod(dashboard, parameters);
  const packs = new PackRuns(context);
  const wanted = options.tiles && new Set(options.tiles);
  const tiles = await Promise.all(
    dashboard.tiles.filter((tile) => !wanted || wanted.has(tile.id)).map(async (tile): Promise<TileData> => {
      try {
        return await runTile(context, tile, parameters, period, packs);
      } catch (error) {
        return { id: tile.id, status: 'error', error: toErrorInfo(error) };
      }
    }),
  );
  return { parameters, period, tiles };
}

async function runTile(
  context: WorkbenchContext,
  tile: DashboardTile,
  parameters: ParameterValues,
  period: Period | null,
  packs: PackRuns,
): Promise<TileData> {
  const needPeriod = (): Period => {
    if (period) return period;
    throw new WorkbenchError({
      code: 'dashboard_invalid',
      message: `Tile ${tile.id} shows a pack's numbers, which are for a period, but the dashboard has no date_range parameter.`,
      hint: 'Add a date_range parameter to the dashboard.',
    });
  };
  if (tile.metric) {
    const current = needPeriod();
    const { pack, metric } = tile.metric;
    const value = await packs.metric(pack, metric, current);
    const result: TileData = { id: tile.id, status: 'ok', kpi: { value, previous: null, change: null, sparkline: [] } };
    if (tile.kpi?.compare) {
      const previous = await packs.metric(pack, metric, previousPeriod(current));
      result.kpi!.previous = previous;
      result.kpi!.change = change(value, previous);
    }
    if (tile.kpi?.sparkline === true) {
      result.kpi!.sparkline = await Promise.all(
        monthsOf(current).map(async (month) => ({ x: month.from, y: await packs.metric(pack, metric, month) })),
      );
    }
    return result;
  }
  if (tile.query || tile.pack_chart) {
    const current = needPeriod();
    const packName = tile.query?.pack ?? tile.pack_chart!.pack;
    let spec = tile.chart;
    let queryName = tile.query?.query;
    if (tile.pack_chart) {
      const pack = await loadPack(context.workspace, packName);
      const chart = pack.charts.get(tile.pack_chart.chart);
      if (!chart) throw new WorkbenchError({ code: 'not_found', message: `Pack ${packName} has no chart "${tile.pack_chart.chart}".` });
      spec = chart.spec;
      queryName = String((chart.spec.data as { name: string }).name);
    }
    const rows = await packQuery(context, { pack: packName, query: queryName!, ...current });
    return { id: tile.id, status: 'ok', ...capped(rows), ...(spec && { spec }), ...kpiFromRows(tile, rows.rows) };
  }
  const rows = await runTileSql(context, tile.sql!, parameters);
  const result: TileData = { id: tile.id, status: 'ok', ...capped(rows), ...(tile.chart && { spec: tile.chart }), ...kpiFromRows(tile, rows.rows) };
  if (tile.display === 'kpi' && tile.kpi?.compare && period) {
    const previous = previousPeriod(period);
    const name = periodParameterName(parameters, period);
    const before = await runTileSql(context, tile.sql!, { ...parameters, [name]: previous });
    const previousValue = kpiValue(tile, before.rows);
    result.kpi!.previous = previousValue;
    result.kpi!.change = change(result.kpi!.value, previousValue);
  }
  return result;
}

/** Parameter values, defaults filled in: a date_range becomes its dates, the rest as given or their default. */
export function resolveParameters(dashboard: Dashboard, given: ParameterValues, today: Date): ParameterValues {
  const values: ParameterValues = {};
  for (const parameter of dashboard.parameters) {
    const value = given[parameter.name];
    values[parameter.name] = parameter.type === 'date_range'
      ? resolvePeriod(value === undefined || value === null ? parameter.default : periodValue(parameter.name, value), today)
      : value === undefined ? defaultOf(parameter) : value;
  }
  for (const name of Object.keys(given)) {
    if (!dashboard.parameters.some((parameter) => parameter.name === name)) {
      throw new WorkbenchError({
        code: 'invalid_argument',
        message: `The dashboard has no parameter "${name}".`,
        hint: `Its parameters: ${dashboard.parameters.map((parameter) => parameter.name).join(', ') || 'none'}.`,
      });
    }
  }
  return values;
}

/** The choices of a select parameter: fixed, or the first column of its options_sql. */
export async function parameterOptions(context: WorkbenchContext, parameter: DashboardParameter): Promise<(string | number)[]> {
  if (parameter.type !== 'select') return [];
  if (parameter.options) return parameter.options;
  const rows = await runTileSql(context, parameter.options_sql!, {});
  const column = rows.columns[0]?.name;
  return rows.rows.map((row) => row[column] as string | number).filter((value) => value !== null && value !== undefined);
}

/** A date_range value: dates, or the name of a relative period (`last_year`). */
function periodValue(name: string, value: unknown): Period | (typeof RELATIVE_PERIODS)[number] {
  if (isPeriod(value) && ISO_DATE.test(value.from) && ISO_DATE.test(value.to) && value.from < value.to) return { from: value.from, to: value.to };
  if ((RELATIVE_PERIODS as readonly unknown[]).includes(value)) return value as (typeof RELATIVE_PERIODS)[number];
  throw new WorkbenchError({
    code: 'invalid_argument',
    message: `The period "${name}" is ${JSON.stringify(value)}, which is not a period.`,
    hint: `Give dates {from, to} (YYYY-MM-DD, "to" excluded and after "from") or one of: ${RELATIVE_PERIODS.join(', ')}.`,
  });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function defaultOf(parameter: DashboardParameter): unknown {
  return parameter.type === 'date_range' ? parameter.default : (parameter.default ?? null);
}

function isPeriod(value: unknown): value is Period {
  return typeof value === 'object' && value !== null && typeof (value as Period).from === 'string' && typeof (value as Period).to === 'string';
}

function firstPeriod(dashboard: Dashboard, parameters: ParameterValues): Period | null {
  const first = dashboard.parameters.find((parameter) => parameter.type === 'date_range');
  return first ? (parameters[first.name] as Period) : null;
}

function periodParameterName(parameters: ParameterValues, period: Period): string {
  return Object.keys(parameters).find((name) => parameters[name] === period)!;
}

/**
 * A tile's SQL with the dashboard's parameters bound by name — `$period_from` and `$period_to` for a date_range
 * named period, `$segment` for a select named segment — never spliced into the text.
 */
async function runTileSql(
  context: WorkbenchContext,
  sql: string,
  parameters: ParameterValues,
): Promise<{ columns: { name: string; type: string }[]; rows: Record<string, unknown>[] }> {
  return context.engine.withConnection(async (connection) => {
    await connection.run('SET errors_as_json = true');
    let prepared: DuckDBPreparedStatement;
    try {
      prepared = await connection.prepare(sql);
    } catch (error) {
      throw tileSqlError(sql, error);
    }
    try {
      bindParameters(prepared, parameters);
      const reader = await prepared.runAndReadAll().catch((error: unknown) => {
        throw tileSqlError(sql, error);
      });
      const types = reader.columnTypes();
      const columns = reader.columnNames().map((name, i) => ({ name, type: types[i].toString() }));
      const rows = (reader.getRowObjectsJson() as Record<string, unknown>[]).map((row) => {
        columns.forEach((column, i) => {
          if (isNumericType(types[i]) && row[column.name] !== null) row[column.name] = Number(row[column.name]);
        });
        return row;
      });
      return { columns, rows };
    } finally {
      prepared.destroySync();
    }
  });
}

function bindParameters(prepared: DuckDBPreparedStatement, parameters: ParameterValues): void {
  for (let index = 1; index <= prepared.parameterCount; index++) {
    const name = prepared.parameterName(index);
    const range = /^(.+)_(from|to)$/.exec(name);
    const period = range && isPeriod(parameters[range[1]]) ? (parameters[range[1]] as Period) : undefined;
    if (period) {
      const [year, month, day] = period[range![2] as 'from' | 'to'].split('-').map(Number);
      prepared.bindDate(index, dateValue({ year, month, day }));
      continue;
    }
    if (!(name in parameters)) {
      throw new WorkbenchError({
        code: 'dashboard_invalid',
        message: `The tile's SQL uses $${name}, which is not a parameter of the dashboard.`,
        hint: `Parameters: ${Object.keys(parameters).map((parameter) => (isPeriod(parameters[parameter]) ? `$${parameter}_from, $${parameter}_to` : `$${parameter}`)).join(', ') || 'none'}.`,
      });
    }
    const value = parameters[name];
    if (value === null || value === undefined) prepared.bindNull(index);
    else if (typeof value === 'number') prepared.bindDouble(index, value);
    else prepared.bindVarchar(index, String(value));
  }
}

function tileSqlError(sql: string, error: unknown): WorkbenchError {
  return sqlError(error, { sql, origin: "the tile's SQL" });
}

function capped(result: { columns: { name: string; type: string }[]; rows: Record<string, unknown>[] }) {
  return {
    columns: result.columns,
    rows: result.rows.slice(0, MAX_TILE_ROWS),
    ...(result.rows.length > MAX_TILE_ROWS && { truncated: true }),
  };
}

function kpiFromRows(tile: DashboardTile, rows: Record<string, unknown>[]): Pick<TileData, 'kpi'> {
  if (tile.display !== 'kpi') return {};
  const sparkline = typeof tile.kpi?.sparkline === 'string' ? tile.kpi.sparkline : undefined;
  return {
    kpi: {
      value: kpiValue(tile, rows),
      previous: null,
      change: null,
      sparkline: sparkline
        ? rows.map((row, i) => ({ x: String(row[tile.kpi?.sparkline_x ?? ''] ?? i), y: typeof row[sparkline] === 'number' ? (row[sparkline] as number) : null }))
        : [],
    },
  };
}

function kpiValue(tile: DashboardTile, rows: Record<string, unknown>[]): number | null {
  const first = rows[0];
  if (!first) return null;
  const value = first[tile.kpi?.value ?? Object.keys(first)[0]];
  return typeof value === 'number' ? value : null;
}

/** Relative change; NULL when there is nothing to compare with. */
function change(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value - previous) / Math.abs(previous);
}

/** Each pack runs once per period, however many tiles show its metrics. */
class PackRuns {
  private readonly runs = new Map<string, Promise<PackResult>>();

  constructor(private readonly context: WorkbenchContext) {}

  async metric(pack: string, metric: string, period: Period): Promise<number | null> {
    const key = `${pack}|${period.from}|${period.to}`;
    let run = this.runs.get(key);
    if (!run) {
      run = runPack(this.context, { pack, ...period });
      this.runs.set(key, run);
    }
    const result = await run;
    if (!(metric in result.metrics)) {
      throw new WorkbenchError({ code: 'not_found', message: `Pack ${pack} has no metric "${metric}".`, hint: `Its metrics: ${Object.keys(result.metrics).join(', ')}.` });
    }
    return result.metrics[metric];
  }
}

