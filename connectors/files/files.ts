import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { z } from 'zod';
import { fileReadSql, readCsvHeader, type FileItem } from '../fileReaders.ts';
import { tableNameFor } from '../naming.ts';
import { knownFieldType } from '../salesforce/fields.ts';
import {
  ConnectorError,
  type ColumnSpec,
  type Connector,
  type ConnectorContext,
  type FileFormat,
  type TableSpec,
} from '../types.ts';

const csvDialect = z
  .object({
    delimiter: z.string().min(1),
    quote: z.string().max(1),
    escape: z.string().max(1),
    header: z.boolean(),
    null_string: z.string(),
    date_format: z.string(),
    timestamp_format: z.string(),
  })
  .partial()
  .strict();

const key = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const filesOptions = z
  .object({
    path: z.string().min(1).meta({
      title: 'Path',
      description: 'A folder, a file, or a glob such as data/*.csv; relative paths start at the workspace folder',
    }),
    format: z.enum(['auto', 'csv', 'parquet', 'ndjson', 'json']).default('auto').meta({
      title: 'Format',
      description: 'auto reads .csv/.tsv as CSV, .parquet as Parquet, .ndjson/.jsonl as NDJSON, .json as JSON',
    }),
    mode: z.enum(['plain', 'salesforce_export']).default('plain').meta({
      title: 'Mode',
      description:
        'salesforce_export reads Salesforce Data Export CSVs: object-named files, field API names, Salesforce date ' +
        'and datetime formats, empty strings as NULL, Id as the key',
    }),
    table: z.string().min(1).optional().meta({
      title: 'Table',
      description: 'Land every matched file in this one table instead of one table per file or folder',
    }),
    primary_key: z.union([key, z.record(z.string(), key)]).optional().meta({
      title: 'Primary key',
      description: 'Column(s) identifying a row, to merge re-synced files by key; a map sets one per table',
    }),
    types: z.record(z.string(), z.string()).optional().meta({
      title: 'Column types',
      description: 'Types to force, by column ("CloseDate") or table and column ("opportunity.CloseDate")',
    }),
    csv: csvDialect.default({}).meta({ title: 'CSV dialect', description: 'Overrides for delimiter, quote, header, …' }),
  })
  .strict();

export type FilesOptions = z.output<typeof filesOptions>;

interface FileTable {
  name: string;
  sourceName: string;
  files: string[];
  format: FileFormat;
}

interface FilesState {
  files: Record<string, { size: number; mtimeMs: number }>;
}

/** Salesforce Data Export writes dates as 2024-01-31 and datetimes in UTC as 2024-01-31T17:45:00.000Z. */
const SALESFORCE_DATE = '%Y-%m-%d';
const SALESFORCE_DATETIME = '%Y-%m-%dT%H:%M:%S.%gZ';

const FORMATS: Record<string, FileFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.parquet': 'parquet',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'json',
};

/** A folder or glob of CSV, Parquet and JSON files, read by DuckDB's own readers. */
export const filesConnector: Connector<FilesOptions> = {
  type: 'files',
  title: 'Files',
  description: 'CSV, Parquet and JSON files in a folder or matching a glob, including Salesforce Data Export files.',
  options: filesOptions,
  capabilities: { incremental: true, deletes: false },

  async test(options, context) {
    try {
      const tables = await findTables(options, context);
      return tables.length > 0 ? true : `No data files were found at ${options.path}.`;
    } catch (error) {
      return error instanceof ConnectorError ? [error.message, error.hint].filter(Boolean).join(' ') : String(error);
    }
  },

  async discover(options, context) {
    const tables = await findTables(options, context);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run("SET TimeZone = 'UTC'");
      const specs: TableSpec[] = [];
      for (const table of tables) {
        const first = await fileItem(options, table, table.files[0], context);
        const { sql, params } = fileReadSql(first);
        let columns: ColumnSpec[];
        try {
          const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${sql}`, params);
          columns = described.getRows().map(([name, type]) => ({ name: String(name), type: String(type) }));
        } catch {
          // The sync reads the file again and reports exactly what is wrong with it, line and column.
          columns = [];
        }
        specs.push({
          name: table.name,
          sourceName: table.sourceName,
          columns: options.mode === 'salesforce_export' ? salesforceColumns(table.sourceName, columns) : columns,
          primaryKey: primaryKeyFor(options, table.name),
          selectedByDefault: true,
        });
      }
      return specs;
    } finally {
      connection.disconnectSync();
      instance.closeSync();
    }
  },

  async *extract(options, request, context) {
    const table = (await findTables(options, context)).find((candidate) => candidate.name === request.table.name);
    if (!table) {
      throw new ConnectorError(
        `The files for table ${request.table.name} are gone from ${options.path}.`,
        resolvePath(options.path, context),
        'Put the files back, or remove the table from the source\'s tables in bizops.yml.',
      );
    }
    const previous = (request.fullRefresh ? undefined : (request.state as FilesState | undefined))?.files;
    // Without a key nothing can be merged: every sync replaces the table with all of its files.
    const merging = previous !== undefined && request.table.primaryKey !== undefined;
    const state: FilesState = { files: {} };
    for (const file of table.files) {
      const { size, mtimeMs } = await stat(file);
      state.files[relativeKey(file, context)] = { size, mtimeMs };
      const before = previous?.[relativeKey(file, context)];
      if (merging && before && before.size === size && before.mtimeMs === mtimeMs) continue;
      context.signal.throwIfAborted();
      yield await fileItem(options, table, file, context);
    }
    return { mode: merging ? 'changes' : 'snapshot', state };
  },
};

async function fileItem(options: FilesOptions, table: FileTable, file: string, context: ConnectorContext): Promise<FileItem> {
  const item: FileItem = { kind: 'file', path: file, format: table.format, label: relative(context.workspaceDir, file) || file };
  if (table.format !== 'csv') return item;
  const { csv } = options;
  item.csv = {
    ...(csv.delimiter !== undefined && { delimiter: csv.delimiter }),
    ...(csv.quote !== undefined && { quote: csv.quote }),
    ...(csv.escape !== undefined && { escape: csv.escape }),
    ...(csv.header !== undefined && { header: csv.header }),
    ...(csv.null_string !== undefined && { nullString: csv.null_string }),
    ...(csv.date_format !== undefined && { dateFormat: csv.date_format }),
    ...(csv.timestamp_format !== undefined && { timestampFormat: csv.timestamp_format }),
  };
  const types: Record<string, string> = {};
  if (options.mode === 'salesforce_export') {
    item.csv.nullString ??= '';
    item.csv.dateFormat ??= SALESFORCE_DATE;
    item.csv.timestampFormat ??= SALESFORCE_DATETIME;
    for (const field of await readCsvHeader(file, item.csv.delimiter ?? ',')) {
      const type = knownFieldType(table.sourceName, field);
      if (type) types[field] = type;
    }
  }
  for (const [column, type] of Object.entries(options.types ?? {})) {
    const [scope, name] = column.includes('.') ? column.split('.', 2) : [undefined, column];
    if (scope === undefined || scope === table.name || scope === table.sourceName) types[name] = type;
  }
  if (Object.keys(types).length > 0) item.types = types;
  return item;
}

/** Tables by file name; a subfolder is one table of all its files; `table` puts everything in one. */
async function findTables(options: FilesOptions, context: ConnectorContext): Promise<FileTable[]> {
  const path = resolvePath(options.path, context);
  const files = /[*?[]/.test(options.path) ? await globFiles(path) : await listPath(path, options.path);
  const tables = new Map<string, FileTable>();
  for (const { file, group } of files) {
    const format = formatOf(file, options);
    if (!format) continue;
    const sourceName = options.table ?? group ?? basename(file).replace(/\.(gz|zst)$/i, '').replace(/\.[^.]+$/, '');
    const name = tableNameFor(sourceName);
    const table = tables.get(name);
    if (!table) {
      tables.set(name, { name, sourceName, files: [file], format });
    } else if (table.format !== format) {
      throw new ConnectorError(
        `Table ${name} would mix ${table.format} and ${format} files (${relative(context.workspaceDir, file)}).`,
        path,
        'Keep one format per table, or set `format` in the source\'s options.',
      );
    } else {
      table.files.push(file);
    }
  }
  if (tables.size === 0) {
    throw new ConnectorError(
      `No CSV, Parquet or JSON files were found at ${options.path}.`,
      path,
      'Put the exported files there, or fix the source\'s `path` in bizops.yml.',
    );
  }
  return [...tables.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function listPath(path: string, shown: string): Promise<{ file: string; group?: string }[]> {
  if (!existsSync(path)) {
    throw new ConnectorError(`${shown} does not exist.`, path, 'Fix the source\'s `path` in bizops.yml (relative paths start at the workspace folder).');
  }
  if (!(await stat(path)).isDirectory()) return [{ file: path }];
  const found: { file: string; group?: string }[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const entryPath = join(path, entry.name);
    if (entry.isDirectory()) {
      const inside = await readdir(entryPath, { recursive: true });
      for (const file of inside.map(String).sort()) {
        if (!basename(file).startsWith('.') && (await stat(join(entryPath, file))).isFile()) {
          found.push({ file: join(entryPath, file), group: entry.name });
        }
      }
    } else if (entry.isFile()) {
      found.push({ file: entryPath });
    }
  }
  return found;
}

async function globFiles(pattern: string): Promise<{ file: string; group?: string }[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const matched = await connection.runAndReadAll('SELECT file FROM glob($1) ORDER BY file', [pattern]);
    return matched.getRows().map(([file]) => ({ file: String(file) }));
  } finally {
    connection.disconnectSync();
    instance.closeSync();
  }
}

function formatOf(file: string, options: FilesOptions): FileFormat | undefined {
  if (options.format !== 'auto') return options.format;
  return FORMATS[extname(file.replace(/\.(gz|zst)$/i, '')).toLowerCase()];
}

function primaryKeyFor(options: FilesOptions, table: string): string[] | undefined {
  const configured = options.primary_key;
  const key =
    configured === undefined || typeof configured === 'string' || Array.isArray(configured) ? configured : configured[table];
  if (key !== undefined) return typeof key === 'string' ? [key] : key;
  return options.mode === 'salesforce_export' ? ['Id'] : undefined;
}

/** Known standard fields get their Salesforce types; other detected columns keep what DuckDB found. */
function salesforceColumns(object: string, detected: ColumnSpec[]): ColumnSpec[] {
  return detected.map((column) => ({ ...column, type: knownFieldType(object, column.name) ?? column.type }));
}

function resolvePath(path: string, context: ConnectorContext): string {
  return isAbsolute(path) ? path : resolve(context.workspaceDir, path);
}

function relativeKey(file: string, context: ConnectorContext): string {
  return relative(context.workspaceDir, file) || file;
}
