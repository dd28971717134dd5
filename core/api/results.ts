import { z } from 'zod';
import { method } from './method.ts';
import { queryIdSchema, type ResultPage } from './query.ts';

/** A column of a kept result, by its position (names may repeat in a result). */
const columnIndex = z.number().int().min(0).max(100_000);

export const FILTER_OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'contains', 'starts with', 'is null', 'is not null'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
/** Operators that compare with no value. */
export const VALUELESS_OPERATORS: readonly FilterOperator[] = ['is null', 'is not null'];

const sortSchema = z.object({ column: columnIndex, descending: z.boolean().default(false) }).strict();
const filterSchema = z
  .object({ column: columnIndex, operator: z.enum(FILTER_OPERATORS), value: z.string().max(10_000).optional() })
  .strict()
  .refine(
    (filter) => VALUELESS_OPERATORS.includes(filter.operator) || filter.value !== undefined,
    'this filter operator needs a value',
  );

export type ResultSort = z.input<typeof sortSchema>;
export type ResultFilter = z.input<typeof filterSchema>;

export interface RefinedResult {
  /** Rows after the filters. */
  rowCount: number;
  /** Rows of the result as it ran. */
  unrefinedRowCount: number;
  firstPage: ResultPage;
}

export const EXPORT_FORMATS = ['csv', 'parquet', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedResult {
  /** What a download is called, e.g. `revenue.csv`. */
  fileName: string;
  /** Where the file was written, under the workspace's `.bizops/exports/`. */
  path: string;
  /** The browser host's download address for it, relative to the host. */
  downloadPath: string;
  rowCount: number;
  bytes: number;
}

export const TIME_UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];
export const CHART_AGGREGATES = ['count', 'count_distinct', 'sum', 'avg', 'median', 'min', 'max'] as const;
export type ChartAggregate = (typeof CHART_AGGREGATES)[number];

/** A name for a column of the chart data: any text, quoted when it reaches SQL. */
const outputName = z.string().min(1).max(200);

const chartDataSchema = z
  .object({
    queryId: queryIdSchema,
    /** Columns to group by (or, without measures, to read as they are), truncated to a time unit when given. */
    dimensions: z
      .array(z.object({ column: columnIndex, timeUnit: z.enum(TIME_UNITS).optional(), as: outputName }).strict())
      .max(8),
    /** Aggregates per group; none means plain rows, sampled when there are more than `maxRows`. */
    measures: z
      .array(z.object({ column: columnIndex.optional(), aggregate: z.enum(CHART_AGGREGATES), as: outputName }).strict())
      .max(8),
    maxRows: z.number().int().min(1).max(50_000).default(5_000),
  })
  .strict()
  .refine(
    (arg) => arg.measures.every((measure) => measure.aggregate === 'count' || measure.column !== undefined),
    'every aggregate but count needs a column',
  )
  .refine((arg) => {
    const names = [...arg.dimensions, ...arg.measures].map((part) => part.as);
    return new Set(names).size === names.length;
  }, 'the chart data\'s column names must differ');

export type ChartDataRequest = z.input<typeof chartDataSchema>;

export interface ChartData {
  /** The rows as an Arrow IPC stream. */
  arrow: Uint8Array;
  rowCount: number;
  /** Rows the chart data was made from (the result as shown, filters applied). */
  sourceRowCount: number;
  /** Plain rows: a random sample of `rowCount` rows was taken from more. */
  sampled: boolean;
  /** Groups: there were more than `maxRows`, and only the first ones came back. */
  truncated: boolean;
}

/** Work on a kept result inside the engine: nothing here ships a whole result to the UI. */
export const resultMethods = {
  refineResult: method<RefinedResult>()(
    'Sort and filter a kept result in the engine; its pages, exports and charts then show the refined rows.',
    z
      .object({
        queryId: queryIdSchema,
        sort: z.array(sortSchema).max(16).default([]),
        filters: z.array(filterSchema).max(32).default([]),
        pageSize: z.number().int().min(1).max(100_000).default(500),
      })
      .strict(),
  ),
  exportResult: method<ExportedResult>()(
    'Write a whole kept result (sorted and filtered as shown) to a CSV, Parquet or JSON file.',
    z
      .object({
        queryId: queryIdSchema,
        format: z.enum(EXPORT_FORMATS),
        /** The file's name without extension, e.g. the saved query's name. */
        name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 _.()-]{0,79}$/).optional(),
      })
      .strict(),
  ),
  chartData: method<ChartData>()('Aggregate (or sample) a kept result in the engine for a chart.', chartDataSchema),
};
