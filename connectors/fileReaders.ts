import { open } from 'node:fs/promises';
import { sqlString } from './sql.ts';
import type { CsvDialect, ExtractItem } from './types.ts';

export type FileItem = Extract<ExtractItem, { kind: 'file' }>;

/** A DuckDB table function call that reads a file item, with its values as bound parameters. */
export interface FileRead {
  sql: string;
  params: (string | boolean)[];
}

export interface FileReadOptions {
  /** Every column as given, nothing detected: reads a CSV strictly to find the line that breaks its shape. */
  columns?: Record<string, string>;
}

/**
 * How a file an extract yields is read: DuckDB's own readers (read_csv, read_parquet, read_json), never a
 * parser in JS. CSV follows RFC 4180 unless the dialect says otherwise.
 */
export function fileReadSql(item: FileItem, options: FileReadOptions = {}): FileRead {
  const params: (string | boolean)[] = [item.path];
  const arg = (name: string, value: string | boolean) => {
    params.push(value);
    return `, ${name} = $${params.length}`;
  };
  switch (item.format) {
    case 'parquet':
      return { sql: 'read_parquet($1)', params };
    case 'ndjson':
      return { sql: `read_json($1, format = 'newline_delimited'${columnsArg(options.columns ?? item.types)})`, params };
    case 'json':
      return { sql: `read_json($1, format = 'auto'${columnsArg(options.columns ?? item.types)})`, params };
    case 'csv': {
      const dialect: CsvDialect = { quote: '"', escape: '"', header: true, ...item.csv };
      let sql = 'read_csv($1';
      sql += arg('delim', dialect.delimiter ?? (/\.tsv(\.gz)?$/i.test(item.path) ? '\t' : ','));
      sql += arg('quote', dialect.quote ?? '"');
      sql += arg('escape', dialect.escape ?? '"');
      sql += arg('header', dialect.header ?? true);
      if (dialect.nullString !== undefined) sql += arg('nullstr', dialect.nullString) + ', allow_quoted_nulls = true';
      if (dialect.dateFormat) sql += arg('dateformat', dialect.dateFormat);
      if (dialect.timestampFormat) sql += arg('timestampformat', dialect.timestampFormat);
      if (options.columns) sql += `, auto_detect = false${columnsArg(options.columns)}`;
      else if (item.types && Object.keys(item.types).length > 0) sql += `, types = ${structLiteral(item.types)}`;
      return { sql: `${sql}, strict_mode = true)`, params };
    }
  }
}

function columnsArg(columns: Record<string, string> | undefined): string {
  return columns ? `, columns = ${structLiteral(columns)}` : '';
}

/** `{'Name': 'TYPE', …}` with names escaped as SQL strings and types checked to be type names, nothing else. */
function structLiteral(entries: Record<string, string>): string {
  const parts = Object.entries(entries).map(([name, type]) => {
    if (!/^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\[\])?$/.test(type)) {
      throw new Error(`"${type}" is not a DuckDB type name (column ${name})`);
    }
    return `${sqlString(name)}: ${sqlString(type)}`;
  });
  return `{${parts.join(', ')}}`;
}

const HEADER_BYTES = 64 * 1024;

/** The header row's field names, read without loading the file. */
export async function readCsvHeader(file: string, delimiter: string): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === delimiter) {
        fields.push(field);
        field = '';
      } else if (ch === '\n' || ch === '\r') break;
      else field += ch;
    }
    fields.push(field);
    return fields;
  } finally {
    await handle.close();
  }
}
