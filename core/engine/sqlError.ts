import { WorkbenchError } from '../errors.ts';

/** A DuckDB error taken apart: its kind (Parser, Binder, Catalog, …), message, and offset into the SQL. */
export interface DuckDBErrorParts {
  type: string;
  message: string;
  position?: number;
}

/**
 * DuckDB errors arrive as text ("Binder Error: …") or, on connections with `errors_as_json`, as JSON
 * (sometimes behind a "Parser Error: " prefix) carrying the error's position.
 */
export function parseDuckDBError(error: unknown): DuckDBErrorParts {
  const text = error instanceof Error ? error.message : String(error);
  const json = text.indexOf('{');
  if (json !== -1) {
    try {
      const parsed = JSON.parse(text.slice(json)) as Record<string, string | undefined>;
      if (parsed.exception_type && parsed.exception_message !== undefined) {
        const position = parsed.position === undefined ? undefined : Number(parsed.position);
        return {
          type: parsed.exception_type,
          message: parsed.exception_message,
          ...(Number.isFinite(position) ? { position } : {}),
        };
      }
    } catch {
      // Not JSON after all: a plain message that happens to contain "{".
    }
  }
  const plain = /^([A-Za-z ]+?) Error: ([\s\S]*)$/.exec(text);
  return plain ? { type: plain[1], message: plain[2] } : { type: 'Unknown', message: text };
}

export function isInterrupt(error: unknown): boolean {
  return parseDuckDBError(error).type.toUpperCase() === 'INTERRUPT';
}

export interface SqlErrorContext {
  /** The whole SQL the user submitted, to turn a position into line and column. */
  sql: string;
  /** Where the failing statement starts within `sql`. */
  statementStart?: number;
  /** ASCII characters added in front of the statement before DuckDB saw it (a wrapper). */
  wrapperLength?: number;
  /** A label for the SQL's origin, e.g. a file name; defaults to "query". */
  origin?: string;
}

const hints: Record<string, string> = {
  Parser: 'Check the SQL syntax at the marked position.',
  Binder: 'Check the column and table names at the marked position.',
  Catalog: 'Check the name: the Model page lists every schema, table and column.',
  Conversion: 'Check the values being cast or compared at the marked position.',
  Constraint: 'The data breaks a key or NOT NULL constraint; check the rows being written.',
  'Out of Memory': 'Narrow the query (filter, aggregate or LIMIT) or raise memory_limit.',
};

/** A DuckDB failure as a WorkbenchError with code `sql_error`, pointing at line and column of the user's SQL. */
export function sqlError(error: unknown, context: SqlErrorContext): WorkbenchError {
  if (isInterrupt(error)) {
    return new WorkbenchError({ code: 'cancelled', message: 'The query was cancelled.' }, { cause: error });
  }
  const parts = parseDuckDBError(error);
  const origin = context.origin ?? 'query';
  let where = origin;
  const details: Record<string, unknown> = { errorType: parts.type };
  if (parts.position !== undefined) {
    const statementStart = context.statementStart ?? 0;
    const byteOffset = Math.max(0, parts.position - (context.wrapperLength ?? 0));
    const offset = statementStart + charOffset(context.sql.slice(statementStart), byteOffset);
    const { line, column } = lineAndColumn(context.sql, offset);
    where = `${origin}, line ${line}, column ${column}`;
    Object.assign(details, { position: offset, line, column });
  }
  return new WorkbenchError(
    {
      code: 'sql_error',
      message: `${parts.type} Error: ${parts.message}`,
      where,
      hint: hints[parts.type] ?? 'Check the SQL and the data it reads.',
      details,
    },
    { cause: error },
  );
}

/** DuckDB counts positions in UTF-8 bytes; editors count UTF-16 code units. */
function charOffset(text: string, byteOffset: number): number {
  let bytes = 0;
  let chars = 0;
  for (const ch of text) {
    if (bytes >= byteOffset) break;
    const code = ch.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    chars += ch.length;
  }
  return chars;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
