/** What every failed call answers with, over IPC, HTTP and in the CLI. */
export interface ErrorInfo {
  /** Stable machine-readable kind, e.g. `invalid_argument`, `sql_error`, `workspace_locked`, `internal`. */
  code: string;
  /** What went wrong, in a sentence a person can read. */
  message: string;
  /** Where: `file:line`, a source, a table, a query position. */
  where?: string;
  /** What to do about it. */
  hint?: string;
  /** Structured extras for the UI, e.g. `{ position: 42 }` for an SQL error. */
  details?: Record<string, unknown>;
}

export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** The error a client proxy throws when a call fails: the envelope's error as an Error. */
export class ApiError extends Error implements ErrorInfo {
  readonly code: string;
  readonly where?: string;
  readonly hint?: string;
  readonly details?: Record<string, unknown>;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.code = info.code;
    this.where = info.where;
    this.hint = info.hint;
    this.details = info.details;
  }
}
