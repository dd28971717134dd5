/**
 * Writes a CoreDataset into a workspace's DuckDB as the `core` schema, with exactly the tables, columns and types
 * that docs/data-model.md lists (read from the document itself, so the two cannot drift apart).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CoreDataset } from './dataset.ts';

const DATA_MODEL = fileURLToPath(new URL('../../docs/data-model.md', import.meta.url));

/** Each `### core.<table>` of the data model with its columns and their DuckDB types, in order. */
export async function coreTableContract(): Promise<Map<string, { name: string; type: string }[]>> {
  const text = await readFile(DATA_MODEL, 'utf8');
  const tables = new Map<string, { name: string; type: string }[]>();
  for (const section of text.split(/^### /m).slice(1)) {
    const table = /^core\.(\w+)/.exec(section)?.[1];
    if (!table) continue;
    const columns = [...section.matchAll(/^\| (\w+) \| ([A-Z][A-Z0-9(), ]*?) \|/gm)].map(([, name, type]) => ({ name, type: type.trim() }));
    tables.set(table, columns);
  }
  return tables;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** A row's value bound as text and cast by DuckDB to the column's type. */
function bindable(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return String(value);
  throw new Error(`A dataset value must be text, a number, a boolean or null, not ${JSON.stringify(value)}.`);
}

/** Replaces the `core` schema with the dataset's rows. A row must have exactly its table's columns. */
export async function loadCoreDataset(connection: DuckDBConnection, data: CoreDataset): Promise<void> {
  const contract = await coreTableContract();
  const missing = [...contract.keys()].filter((table) => !(table in data));
  if (missing.length > 0) throw new Error(`The dataset has no rows list for core.${missing.join(', core.')}.`);
  await connection.run('DROP SCHEMA IF EXISTS core CASCADE');
  await connection.run('CREATE SCHEMA core');
  for (const [table, columns] of contract) {
    await connection.run(`CREATE TABLE core.${quote(table)} (${columns.map((column) => `${quote(column.name)} ${column.type}`).join(', ')})`);
    const insert = `INSERT INTO core.${quote(table)} VALUES (${columns.map((column, index) => `CAST($${index + 1} AS ${column.type})`).join(', ')})`;
    for (const row of data[table as keyof CoreDataset] as object[]) {
      const record = row as Record<string, unknown>;
      const extra = Object.keys(record).filter((key) => !columns.some((column) => column.name === key));
      const absent = columns.filter((column) => !(column.name in record)).map((column) => column.name);
      if (extra.length > 0 || absent.length > 0) {
        throw new Error(`A core.${table} row does not match docs/data-model.md (extra: ${extra.join(', ') || 'none'}; missing: ${absent.join(', ') || 'none'}): ${JSON.stringify(row)}`);
      }
      await connection.run(insert, columns.map((column) => bindable(record[column.name])));
    }
  }
}
