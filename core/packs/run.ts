import { dateValue, type DuckDBConnection } from '@duckdb/node-api';
import type { MetricValues, PackQueryResult, PackResult } from '../api/packs.ts';
import type { WorkbenchContext } from '../context.ts';
import { WorkbenchError } from '../errors.ts';
import { lineAndColumn, parseDuckDBError } from '../engine/sqlError.ts';
import { isNumericType } from '../engine/values.ts';
import { loadPack, type LoadedPack } from './load.ts';

export interface PackRequest {
  pack: string;
  from: string;
  to: string;
  params?: Record<string, number>;
}

/** The values a pack's SQL may bind: $from, $to, $as_of and the pack's own parameters. */
interface Bindings {
  dates: Record<'from' | 'to' | 'as_of', string>;
  numbers: Record<string, number>;
}

/** A pack's metrics for P = [from, to) (as_of = to − 1 day), with its breakdowns, read from core as it is. */
export async function runPack(context: WorkbenchContext, request: PackRequest): Promise<PackResult> {
  const pack = await loadPack(context.workspace, request.pack);
  const bindings = bindingsFor(pack, request);
  const { definition } = pack;
  return context.engine.withConnection(async (connection) => {
    await connection.run('SET errors_as_json = true');
    const rowsOf = new Map<string, Record<string, unknown>[]>();
    const read = async (query: string) => {
      if (!rowsOf.has(query)) rowsOf.set(query, (await runPackQuery(connection, pack, query, bindings)).rows);
      return rowsOf.get(query)!;
    };
    const metrics: MetricValues = {};
    for (const metric of definition.metrics) {
      const [row] = await read(metric.query);
      const value = row?.[metric.name];
      if (row && !(metric.name in row)) {
        throw new WorkbenchError({
          code: 'pack_invalid',
          message: `${pack.queries.get(metric.query)!.file} has no column ${metric.name}, which metric ${metric.name} reads.`,
          where: pack.queries.get(metric.query)!.file,
          hint: `Name the metric's column "${metric.name}".`,
        });
      }
      metrics[metric.name] = typeof value === 'number' ? value : null;
    }
    const result: PackResult = { pack: definition.name, ...bindings.dates, metrics };
    const { outputs } = definition;
    if (outputs.by_channel) {
      result.by_channel = Object.fromEntries(
        (await read(outputs.by_channel)).map(({ channel, ...values }) => [String(channel ?? '(none)'), values as MetricValues]),
      );
    }
    if (outputs.attribution) {
      const attribution: NonNullable<PackResult['attribution']> = {};
      for (const row of await read(outputs.attribution)) {
        const model = (attribution[String(row.model)] ??= { by_campaign: {}, by_channel: {} });
        // A row without credit only names a model, so that every model is present.
        if (row.credit === null || row.credit === undefined) continue;
        const credit = Number(row.credit);
        const campaign = String(row.campaign_id ?? '(none)');
        const channel = String(row.channel ?? '(none)');
        model.by_campaign[campaign] = (model.by_campaign[campaign] ?? 0) + credit;
        model.by_channel[channel] = (model.by_channel[channel] ?? 0) + credit;
      }
      result.attribution = attribution;
    }
    if (outputs.mrr_movements) {
      result.mrr_movements = (await read(outputs.mrr_movements)) as NonNullable<PackResult['mrr_movements']>;
    }
    if (outputs.accounts_at_risk) result.accounts_at_risk = await read(outputs.accounts_at_risk);
    return result;
  });
}

/** The rows of one named query of a pack for a period: chart data. */
export async function packQuery(context: WorkbenchContext, request: PackRequest & { query: string }): Promise<PackQueryResult> {
  const pack = await loadPack(context.workspace, request.pack);
  if (!pack.queries.has(request.query)) {
    throw new WorkbenchError({
      code: 'not_found',
      message: `Pack ${request.pack} has no query "${request.query}".`,
      hint: `Its queries: ${[...pack.queries.keys()].join(', ')}.`,
    });
  }
  const bindings = bindingsFor(pack, request);
  return context.engine.withConnection(async (connection) => {
    await connection.run('SET errors_as_json = true');
    return runPackQuery(connection, pack, request.query, bindings);
  });
}

function bindingsFor(pack: LoadedPack, request: PackRequest): Bindings {
  const from = parseDate(request.from, 'from');
  const to = parseDate(request.to, 'to');
  if (to <= from) {
    throw new WorkbenchError({
      code: 'invalid_argument',
      message: `The period [${request.from}, ${request.to}) is empty: "to" must come after "from".`,
      hint: 'Periods include "from" and exclude "to": a year is --from 2025-01-01 --to 2026-01-01.',
    });
  }
  const asOf = new Date(to.getTime() - 86_400_000);
  const numbers: Record<string, number> = Object.fromEntries(pack.definition.parameters.map((parameter) => [parameter.name, parameter.default]));
  for (const [name, value] of Object.entries(request.params ?? {})) {
    if (!(name in numbers)) {
      throw new WorkbenchError({
        code: 'invalid_argument',
        message: `Pack ${pack.definition.name} has no parameter "${name}".`,
        hint: numbers && Object.keys(numbers).length > 0 ? `Its parameters: ${Object.keys(numbers).join(', ')}.` : 'It takes no parameters.',
      });
    }
    numbers[name] = value;
  }
  return { dates: { from: request.from, to: request.to, as_of: asOf.toISOString().slice(0, 10) }, numbers };
}

function parseDate(text: string, name: string): Date {
  const date = new Date(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new WorkbenchError({ code: 'invalid_argument', message: `"${text}" is not a date (${name}).`, hint: 'Write dates as YYYY-MM-DD.' });
  }
  return date;
}

/** Run a named query with its parameters bound by name (never spliced); a broken query names its file. */
async function runPackQuery(connection: DuckDBConnection, pack: LoadedPack, name: string, bindings: Bindings): Promise<PackQueryResult> {
  const query = pack.queries.get(name)!;
  try {
    const prepared = await connection.prepare(query.sql);
    for (let index = 1; index <= prepared.parameterCount; index++) {
      const parameter = prepared.parameterName(index);
      if (parameter in bindings.dates) {
        const [year, month, day] = bindings.dates[parameter as keyof Bindings['dates']].split('-').map(Number);
        prepared.bindDate(index, dateValue({ year, month, day }));
      } else if (parameter in bindings.numbers) {
        prepared.bindDouble(index, bindings.numbers[parameter]);
      } else {
        prepared.destroySync();
        throw new WorkbenchError({
          code: 'pack_invalid',
          message: `${query.file} uses $${parameter}, which is neither a period value ($from, $to, $as_of) nor a parameter of pack ${pack.definition.name}.`,
          where: query.file,
          hint: 'Declare it under parameters: in pack.yml, or fix the name.',
        });
      }
    }
    const reader = await prepared.runAndReadAll();
    prepared.destroySync();
    const columns = reader.columnNames().map((column, i) => ({ name: column, type: reader.columnTypes()[i] }));
    const rows = (reader.getRowObjectsJson() as Record<string, unknown>[]).map((row) => {
      for (const column of columns) if (isNumericType(column.type) && row[column.name] !== null) row[column.name] = Number(row[column.name]);
      return row;
    });
    return { columns: columns.map((column) => ({ name: column.name, type: column.type.toString() })), rows };
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    throw packQueryError(query, error);
  }
}

/** A column or table the pack reads that core does not have, named with the pack file and line. */
function packQueryError(query: { file: string; sql: string }, error: unknown): WorkbenchError {
  const parts = parseDuckDBError(error);
  const where = parts.position === undefined ? query.file : `${query.file}:${lineAndColumn(query.sql, parts.position).line}`;
  const column = /Referenced column "([^"]+)" not found/.exec(parts.message)?.[1];
  const table = /Table with name (\S+) does not exist/.exec(parts.message)?.[1];
  const message = column
    ? `${where}: the pack reads column ${column}, which core does not have (${parts.message.split('\n')[0]})`
    : table
      ? `${where}: the pack reads table ${table}, which does not exist`
      : `${where}: ${parts.type} Error: ${parts.message.split('\n')[0]}`;
  return new WorkbenchError(
    {
      code: 'pack_invalid',
      message,
      where,
      hint: table
        ? 'Build the models first (`bizops build`): packs read the core tables.'
        : 'Packs read only the core tables of the data model (docs/data-model.md); fix the query or the model.',
    },
    { cause: error },
  );
}
