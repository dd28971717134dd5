import type { ColumnInfo } from '../../../core/api/query.ts';
import type { ChartAggregate, ChartDataRequest } from '../../../core/api/results.ts';
import {
  aggregateFromVega,
  aggregateTitle,
  escapeField,
  timeUnitFromVega,
  unescapeField,
  unshownParts,
  type Aggregate,
  type Spec,
} from './chartSpec.ts';

/** Groups a chart may draw; more are cut (and said). */
const MAX_GROUPS = 10_000;
/** Plain rows Vega is given at most: a random sample when the result has more. */
const MAX_SAMPLE_ROWS = 5_000;

const ENGINE_AGGREGATES: Record<Aggregate, ChartAggregate> = {
  count: 'count',
  distinct: 'count_distinct',
  sum: 'sum',
  mean: 'avg',
  median: 'median',
  min: 'min',
  max: 'max',
};

export interface ChartPlan {
  /** What the engine computes from the kept result (the query id is added by the caller). */
  request: Omit<ChartDataRequest, 'queryId'>;
  /** The engine aggregates (true), or sends plain rows, sampled when there are many (false). */
  aggregated: boolean;
  /** The spec Vega draws: the user's spec over the engine's rows. */
  compile(values: Record<string, unknown>[]): Spec;
}

/**
 * How to draw a spec without shipping the result to the browser. A single view whose encodings aggregate
 * (sum of amount by month of closed_at) is grouped in DuckDB and drawn from the groups; anything else
 * (no aggregates, bins, transforms, layers) is drawn by Vega from the columns it names, sampled when large.
 */
export function planChart(spec: Spec, columns: ColumnInfo[]): ChartPlan {
  const indexOf = new Map<string, number>();
  columns.forEach((column, i) => indexOf.has(column.name) || indexOf.set(column.name, i));
  const defs = encodingDefs(spec);
  const singleView = unshownParts(spec).length === 0;
  if (singleView) {
    const missing = defs.map((def) => def.field).find((field) => typeof field === 'string' && !indexOf.has(unescapeField(field)));
    if (missing !== undefined) {
      throw new Error(`The chart uses the field "${unescapeField(String(missing))}", which is not a column of this result.`);
    }
  }
  if (singleView && defs.some((def) => def.aggregate !== undefined) && defs.every((def) => groupable(def, indexOf)) && oneTimeUnitPerField(defs)) {
    return aggregatedPlan(spec, defs, indexOf);
  }
  const named = [...fieldsIn(spec)].map(unescapeField).filter((name) => indexOf.has(name));
  const shown = named.length > 0 ? named : columns.slice(0, 50).map((column) => column.name);
  return {
    aggregated: false,
    request: { dimensions: shown.map((name) => ({ column: indexOf.get(name)!, as: name })), measures: [], maxRows: MAX_SAMPLE_ROWS },
    compile: (values) => ({ ...spec, data: { values } }),
  };
}

function aggregatedPlan(spec: Spec, defs: Spec[], indexOf: Map<string, number>): ChartPlan {
  const dimensions = new Map<string, { column: number; timeUnit?: ReturnType<typeof timeUnitFromVega>; as: string }>();
  const measures = new Map<string, { column?: number; aggregate: ChartAggregate; as: string }>();
  const taken = new Set(indexOf.keys());
  const aliases = new Map<Spec, string>();
  for (const def of defs) {
    const field = typeof def.field === 'string' ? unescapeField(def.field) : undefined;
    const aggregate = aggregateFromVega(def.aggregate);
    if (aggregate) {
      const key = `${aggregate}(${aggregate === 'count' ? '' : field})`;
      let measure = measures.get(key);
      if (!measure) {
        const as = uniqueName(aggregate === 'count' ? 'count' : `${aggregate}_${field}`, taken);
        measure = { column: aggregate === 'count' ? undefined : indexOf.get(field!), aggregate: ENGINE_AGGREGATES[aggregate], as };
        measures.set(key, measure);
      }
      aliases.set(def, measure.as);
    } else if (field !== undefined) {
      dimensions.set(field, { column: indexOf.get(field)!, timeUnit: timeUnitFromVega(def.timeUnit), as: field });
    }
  }
  return {
    aggregated: true,
    request: {
      dimensions: [...dimensions.values()].map(({ timeUnit, ...rest }) => (timeUnit ? { ...rest, timeUnit } : rest)),
      measures: [...measures.values()],
      maxRows: MAX_GROUPS,
    },
    compile(values) {
      const compiled = structuredClone({ ...spec, data: undefined }) as Spec;
      compiled.data = { values };
      const compiledDefs = encodingDefs(compiled);
      defs.forEach((def, i) => {
        const alias = aliases.get(def);
        if (alias === undefined) return;
        const target = compiledDefs[i];
        const aggregate = aggregateFromVega(def.aggregate)!;
        target.field = escapeField(alias);
        delete target.aggregate;
        target.title ??= aggregateTitle({ aggregate, field: typeof def.field === 'string' ? unescapeField(def.field) : undefined });
      });
      return compiled;
    },
  };
}

/** The field definitions of a spec's encoding, tooltip lists included, in a stable order. */
function encodingDefs(spec: Spec): Spec[] {
  const encoding = (spec.encoding ?? {}) as Record<string, unknown>;
  return Object.values(encoding).flatMap((def) => (Array.isArray(def) ? def : [def])).filter((def): def is Spec => typeof def === 'object' && def !== null);
}

/** A definition DuckDB can compute: a known aggregate or a plain (optionally time-truncated) column. */
function groupable(def: Spec, indexOf: Map<string, number>): boolean {
  if (def.bin !== undefined && def.bin !== false) return false;
  if (typeof def.sort === 'object' && def.sort !== null && !Array.isArray(def.sort)) return false;
  if (def.timeUnit !== undefined && timeUnitFromVega(def.timeUnit) === undefined) return false;
  const field = typeof def.field === 'string' ? unescapeField(def.field) : undefined;
  if (field !== undefined && !indexOf.has(field)) return false;
  if (def.aggregate === undefined) return true;
  const aggregate = aggregateFromVega(def.aggregate);
  return aggregate !== undefined && (aggregate === 'count' || field !== undefined);
}

/** A column grouped by two time units at once (month on x, day in a tooltip) is for Vega to do. */
function oneTimeUnitPerField(defs: Spec[]): boolean {
  const units = new Map<unknown, unknown>();
  for (const def of defs) {
    if (def.aggregate !== undefined || def.field === undefined) continue;
    if (units.has(def.field) && units.get(def.field) !== def.timeUnit) return false;
    units.set(def.field, def.timeUnit);
  }
  return true;
}

/** Every `field` named anywhere in a spec, for drawing plain rows. */
function fieldsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => fieldsIn(item, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'field' && typeof item === 'string') found.add(item);
      else if (key !== 'data') fieldsIn(item, found);
    }
  }
  return found;
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}_${n}`;
  taken.add(candidate);
  return candidate;
}
