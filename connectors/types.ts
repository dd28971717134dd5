import type { z } from 'zod';

/**
 * A connector: a source of tables. It is small on purpose: an options spec, test, discover and extract.
 * Connectors import nothing from core; core/sync lands what they extract in `raw_<source>` atomically.
 */
export interface Connector<Options extends Record<string, unknown> = Record<string, unknown>> {
  /** The `type:` of a source in bizops.yml, e.g. `files`. */
  type: string;
  title: string;
  description: string;
  /**
   * The options as a zod object: defaults, required-ness and validation. Each field may carry
   * `.meta({ title, description, secret })`; see `describeOptions` for the form a UI builds from it.
   */
  options: z.ZodObject<z.ZodRawShape>;
  capabilities: ConnectorCapabilities;
  /** True, or a reason a person can act on ("The password was refused: check it and the security token"). */
  test(options: Options, context: ConnectorContext): Promise<true | string>;
  /** The tables this source can extract, with their columns in DuckDB types. */
  discover(options: Options, context: ConnectorContext): Promise<TableSpec[]>;
  /**
   * Extract one table. Yields batches of rows, files DuckDB can read, or deleted keys; returns how to apply
   * them (a full snapshot or changes since `state`) and the new state, committed together with the data.
   */
  extract(options: Options, request: ExtractRequest, context: ConnectorContext): AsyncGenerator<ExtractItem, ExtractEnd>;
}

export interface ConnectorCapabilities {
  /** Extract can continue from a state (a cursor) and yield only changes. */
  incremental: boolean;
  /** Extract reports deleted records as `deleted` items. */
  deletes: boolean;
}

/** The metadata a connector may put on an option with zod's `.meta()`. */
export interface OptionMeta {
  title?: string;
  description?: string;
  /** Never written to bizops.yml: comes from the keychain or `BIZOPS_<SOURCE>_<OPTION>`. */
  secret?: boolean;
}

export interface ColumnSpec {
  name: string;
  /** A DuckDB type, e.g. `VARCHAR`, `DECIMAL(18,2)`, `TIMESTAMP`. */
  type: string;
  description?: string;
}

export interface TableSpec {
  /** The table's name in `raw_<source>` (snake_case, see `tableNameFor`). */
  name: string;
  /** The source's own name for it: an object, a file pattern, a stream. */
  sourceName: string;
  description?: string;
  columns: ColumnSpec[];
  /** Columns that identify a row, for incremental merges and deletes. */
  primaryKey?: string[];
  /** Extracted when no table list is configured. */
  selectedByDefault?: boolean;
  /** Rows, when the source can tell cheaply (drives progress and some connectors' strategy). */
  rowCountEstimate?: number;
}

export interface ExtractRequest {
  table: TableSpec;
  /** What the previous successful sync of this table returned, or undefined for a first or full sync. */
  state: unknown;
  /** True when the user asked for a full refresh: ignore `state`. */
  fullRefresh: boolean;
}

export interface CsvDialect {
  delimiter?: string;
  quote?: string;
  escape?: string;
  header?: boolean;
  /** Text that means NULL, e.g. `''` or `'NULL'`. */
  nullString?: string;
  dateFormat?: string;
  timestampFormat?: string;
}

/** `json` is a JSON array (or a single object) per file; `ndjson` one object per line. */
export type FileFormat = 'csv' | 'parquet' | 'ndjson' | 'json';

export type ExtractItem =
  /** A batch of records, fields by column name; values JSON-like (strings, numbers, booleans, null). */
  | { kind: 'rows'; rows: Record<string, unknown>[] }
  /**
   * A file for DuckDB's own reader; `types` forces column types by name (for CSV the others are detected, for
   * JSON they are all the columns read); `label` names the file in errors (the original file, an API page).
   */
  | { kind: 'file'; path: string; format: FileFormat; csv?: CsvDialect; types?: Record<string, string>; label?: string }
  /** Primary keys of records deleted at the source, in primary-key column order. */
  | { kind: 'deleted'; keys: unknown[][] };

export interface ExtractEnd {
  /** `snapshot` replaces the table; `changes` merges by primary key and applies deletes. */
  mode: 'snapshot' | 'changes';
  /** Saved with the data, handed back on the next sync. */
  state?: unknown;
}

/** What core gives a connector while it works. */
export interface ConnectorContext {
  /** Aborted when the user cancels; connectors stop promptly and throw. */
  signal: AbortSignal;
  /** A folder of its own for spooled files; emptied after the sync. */
  tempDir: string;
  /** The workspace folder, against which relative paths in options resolve. */
  workspaceDir: string;
  log(message: string): void;
  /** Rows extracted so far, and in total when known: drives progress and ETA. */
  progress(rows: number, totalRows?: number): void;
}

/** An error a person can act on: what went wrong, where (file:line, object), and what to do. */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly where?: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}
