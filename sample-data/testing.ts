import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export const SALESFORCE_OBJECTS = ['User', 'Account', 'Contact', 'Lead', 'Campaign', 'CampaignMember', 'Opportunity', 'OpportunityHistory'] as const;

/**
 * An in-memory DuckDB over a generated `data/` folder, as an analyst would query it: `sf_<Object>` are the raw
 * Salesforce files loaded as DuckDB reads them, `<Object>` their live rows, plus `subscriptions`, `spend`, `targets`, `events` and `segments`.
 */
export async function openSampleData(dataDir: string): Promise<{ query: <T = Record<string, unknown>>(sql: string) => Promise<T[]>; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const path = (...parts: string[]) => `'${join(dataDir, ...parts).replaceAll("'", "''")}'`;
  for (const object of SALESFORCE_OBJECTS) {
    await connection.run(`CREATE TABLE sf_${object} AS SELECT * FROM read_csv(${path('salesforce', `${object}.csv`)})`);
    await connection.run(`CREATE VIEW "${object}" AS SELECT * FROM sf_${object} WHERE NOT IsDeleted`);
  }
  await connection.run(`CREATE TABLE subscriptions AS SELECT * FROM read_csv(${path('billing', 'subscriptions.csv')})`);
  await connection.run(`CREATE TABLE spend AS SELECT * FROM read_csv(${path('ads', 'marketing_spend.csv')})`);
  await connection.run(`CREATE TABLE targets AS SELECT * FROM read_csv(${path('plan', 'sales_targets.csv')})`);
  await connection.run(`CREATE VIEW events AS SELECT * FROM read_parquet(${path('product', 'events', '*.parquet')})`);
  await connection.run(`
    CREATE VIEW segments AS SELECT Id AS account_id,
      CASE WHEN NumberOfEmployees < 100 THEN 'SMB' WHEN NumberOfEmployees < 1000 THEN 'Mid-Market' ELSE 'Enterprise' END AS segment
    FROM Account`);
  return {
    query: async <T,>(sql: string) => (await runRows(connection, sql)) as T[],
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

async function runRows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value])));
}

/** SHA-256 of every file under `dir`, by relative path with `/` separators. */
export async function hashFiles(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const entry of (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())) {
    const file = join(entry.parentPath, entry.name);
    hashes[relative(dir, file).split(sep).join('/')] = createHash('sha256').update(await readFile(file)).digest('hex');
  }
  return hashes;
}
