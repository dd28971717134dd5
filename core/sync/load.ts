import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { fileReadSql, readCsvHeader, type FileItem } from '../../connectors/fileReaders.ts';
import { sqlIdentifier } from '../../connectors/sql.ts';
import { WorkbenchError } from '../errors.ts';
import { parseDuckDBError } from '../engine/sqlError.ts';

export interface LoadTarget {
  schema: string;
  table: string;
  /** Replace the table with this file's rows (the first file of a snapshot), or append to it by column name. */
  create: boolean;
}

/** Load one file into a table with DuckDB's own reader; answers with the number of rows loaded. */
export async function loadFile(connection: DuckDBConnection, item: FileItem, target: LoadTarget): Promise<number> {
  if (item.format === 'csv' && existsSync(item.path) && (await stat(item.path)).size === 0) {
    throw new WorkbenchError({
      code: 'source_data_invalid',
      message: `Could not read ${item.label ?? item.path}: the file is empty, without even a header row.`,
      where: item.label ?? item.path,
      hint: 'Export the file again (a table with no rows still has its header). Nothing already synced was changed.',
    });
  }
  const { sql, params } = fileReadSql(item);
  const table = `${sqlIdentifier(target.schema)}.${sqlIdentifier(target.table)}`;
  try {
    if (target.create) {
      const created = await connection.runAndReadAll(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM ${sql}`, params);
      return Number(created.getRows()[0]?.[0] ?? 0);
    }
    await addMissingColumns(connection, table, item, sql, params);
    const inserted = await connection.runAndReadAll(`INSERT INTO ${table} BY NAME SELECT * FROM ${sql}`, params);
    return Number(inserted.getRows()[0]?.[0] ?? 0);
  } catch (error) {
    throw await fileError(item, error);
  }
}

/** A later file may bring columns the table does not have yet: they are added, earlier rows get NULL. */
async function addMissingColumns(connection: DuckDBConnection, table: string, item: FileItem, reader: string, params: unknown[]) {
  const existing = new Set(
    (await connection.runAndReadAll(`DESCRIBE ${table}`)).getRows().map(([name]) => String(name).toLowerCase()),
  );
  // A CSV whose header names only known columns needs no look at its rows (DuckDB's sniffer costs a fifth of a load).
  if (await csvHeaderWithin(item, existing)) return;
  const incoming = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${reader}`, params as never)).getRows();
  for (const [name, type] of incoming) {
    if (!existing.has(String(name).toLowerCase())) {
      await connection.run(`ALTER TABLE ${table} ADD COLUMN ${sqlIdentifier(String(name))} ${String(type)}`);
    }
  }
}

/** Whether a single CSV file's header (standard quoting) names only columns in `columns` (lower case). */
async function csvHeaderWithin(item: FileItem, columns: Set<string>): Promise<boolean> {
  const plain = item.format === 'csv' && item.csv?.header !== false && (item.csv?.quote ?? '"') === '"' && !/\.(gz|zst)$/i.test(item.path);
  if (!plain || !existsSync(item.path)) return false;
  const delimiter = item.csv?.delimiter ?? (/\.tsv$/i.test(item.path) ? '\t' : ',');
  const header = await readCsvHeader(item.path, delimiter);
  return header.length > 0 && header.every((name) => name !== '' && columns.has(name.toLowerCase()));
}

/**
 * What is wrong with a file, in words a person can act on, with the file, line and column. DuckDB's CSV sniffer
 * gives up without a line when rows have different shapes; a strict re-read finds the first such line.
 */
export async function fileError(item: FileItem, error: unknown): Promise<WorkbenchError> {
  const label = item.label ?? item.path;
  let { message } = parseDuckDBError(error);
  if (item.format === 'csv' && /Error when sniffing file|not possible to automatically detect/.test(message)) {
    message = (await strictCsvProblem(item)) ?? message;
  }
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const where = line ? `${label}:${line}` : label;
  const fail = (what: string, hint: string) =>
    new WorkbenchError(
      { code: 'source_data_invalid', message: `Could not read ${label}: ${what}`, where, hint: `${hint} Nothing already synced was changed.` },
      { cause: error },
    );

  const shape = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (shape) {
    return fail(
      `line ${line} has ${shape[2]} fields, but the header has ${shape[1]}.`,
      'Fix that line (a value containing the delimiter must be quoted), then sync again.',
    );
  }
  const conversion = /Error when converting column "([^"]+)"\. Could not convert string "([^"]*)" to '([^']+)'/.exec(message);
  if (conversion) {
    const [, column, value, type] = conversion;
    return fail(
      `column ${column} at line ${line}: "${value}" is not a valid ${type}.`,
      `Correct the value, or set the column's type (\`types\`) or the date/timestamp format (\`csv\`) in the source's options.`,
    );
  }
  if (/Invalid unicode|not utf-8 encoded/i.test(message)) {
    return fail('it is not UTF-8 text.', 'Export or save the file as UTF-8 CSV.');
  }
  const missingTyped = /Columns with names: (.+) do not exist/.exec(message);
  if (missingTyped) {
    return fail(`it has no column ${missingTyped[1]}, which the source's options give a type.`, 'Fix the column name in `types`, or remove it.');
  }
  if (/No files found that match|No such file|Cannot open file/i.test(message)) {
    return fail('the file is missing or cannot be opened.', 'Check that it exists and can be read.');
  }
  if (/magic bytes|not a parquet file|Invalid Parquet/i.test(message)) {
    return fail('it is not a valid Parquet file.', 'Check that the file is complete and really Parquet.');
  }
  const json = /Malformed JSON.*?(?:at byte (\d+))?.*?(?:in record\/value (\d+))?:\s*(.*)/s.exec(message);
  if (/Malformed JSON|JSON parse/i.test(message) && json) {
    return fail(`malformed JSON${json[2] ? ` in record ${json[2]}` : ''}: ${json[3].split('\n')[0]}`, 'Fix the JSON and sync again.');
  }
  return fail(message.split('\n')[0], 'Check the file and the source\'s options.');
}

/** Runs apart from the sync's connection, whose transaction the failure has already aborted. */
async function strictCsvProblem(item: FileItem): Promise<string | undefined> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const header = await readCsvHeader(item.path, item.csv?.delimiter ?? ',');
    if (header.length === 0 || (header.length === 1 && header[0] === '')) return 'CSV Error on Line: 1\nThe file is empty: it has no header row.';
    const columns = Object.fromEntries(header.map((name, i) => [name || `column${i}`, 'VARCHAR']));
    const { sql, params } = fileReadSql(item, { columns });
    await connection.runAndReadAll(`SELECT count(*) FROM ${sql}`, params);
    return undefined;
  } catch (error) {
    return parseDuckDBError(error).message;
  } finally {
    connection.disconnectSync();
    instance.closeSync();
  }
}
