import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../test/postgres.ts';
import { fileReadSql, type FileItem } from '../fileReaders.ts';
import { seedCustomers } from '../testkit/subjects/postgres.ts';
import type { ConnectorContext, ExtractEnd, TableSpec } from '../types.ts';
import { postgresConnector, postgresOptions, type PostgresOptions } from './postgres.ts';

let dir: string;
let server: TestPostgres;
let database: string;

function context(signal = new AbortController().signal): ConnectorContext {
  return { signal, tempDir: dir, workspaceDir: dir, log: () => undefined, progress: () => undefined };
}

function options(overrides: Record<string, unknown> = {}): PostgresOptions {
  return postgresOptions.parse({
    host: server.host, port: server.port, database, user: server.user, password: server.password, sslmode: 'disable', ...overrides,
  });
}

/** Extracts a table and loads its files into DuckDB the way the sync does, answering rows of `select`. */
async function extractAndRead(opts: PostgresOptions, table: TableSpec, select: string, state?: unknown) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const extract = postgresConnector.extract(opts, { table, state, fullRefresh: false }, context());
  let files = 0;
  try {
    await connection.run("SET TimeZone = 'UTC'");
    let end: ExtractEnd;
    for (;;) {
      const next = await extract.next();
      if (next.done) {
        end = next.value;
        break;
      }
      const { sql, params } = fileReadSql(next.value as FileItem);
      await connection.run(`${files++ === 0 ? 'CREATE TABLE t AS' : 'INSERT INTO t BY NAME'} SELECT * FROM ${sql}`, params);
    }
    return { rows: (await connection.runAndReadAll(select)).getRowsJson(), end, files };
  } finally {
    connection.disconnectSync();
    instance.closeSync();
  }
}

async function spec(name: string, opts = options()): Promise<TableSpec> {
  const found = (await postgresConnector.discover(opts, context())).find((table) => table.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-pg-source-'));
  server = await startPostgres();
  database = await server.createDatabase();
  await seedCustomers(server, database);
  await server.query(database, `
    CREATE SCHEMA billing;
    CREATE TYPE mood AS ENUM ('happy', 'sad');
    CREATE TABLE billing.invoices (
      invoice_id uuid PRIMARY KEY, customer_id integer, total numeric(12,2), issued date, paid_at timestamp,
      note text, tags text[], payload jsonb, mood mood, ok boolean, ratio double precision);
    COMMENT ON TABLE billing.invoices IS 'Invoices sent';
    INSERT INTO billing.invoices VALUES
      ('6f1c2a0e-0000-4000-8000-000000000001', 1, 1250.50, '2024-03-31', '2024-04-02 10:15:00', 'Net 30, "early" payer', '{a,b}', '{"lines": 2}', 'happy', true, 0.25),
      ('6f1c2a0e-0000-4000-8000-000000000002', 2, 99.99, '2024-04-30', NULL, '', NULL, NULL, NULL, false, NULL),
      ('6f1c2a0e-0000-4000-8000-000000000003', 3, 10, '2024-05-31', NULL, E'two\\nlines', '{}', '[]', 'sad', NULL, 1e-7);
    CREATE VIEW billing.open_invoices AS SELECT invoice_id, total FROM billing.invoices WHERE paid_at IS NULL;`);
});

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a Postgres source', () => {
  it('offers the tables and views of its schemas, with keys, types and row estimates, and custom queries', async () => {
    const opts = options({ schemas: ['public', 'billing'], queries: { big_customers: 'SELECT id, name, mrr * 12 AS arr FROM customers WHERE mrr > 100' } });
    const tables = await postgresConnector.discover(opts, context());
    expect(tables.map((table) => [table.name, table.sourceName, table.primaryKey])).toEqual([
      ['billing_invoices', 'billing.invoices', ['invoice_id']],
      ['billing_open_invoices', 'billing.open_invoices', undefined],
      ['public_customers', 'public.customers', ['id']],
      ['big_customers', 'big_customers', undefined],
    ]);
    expect(tables[0]).toMatchObject({ description: 'Invoices sent' });
    expect(tables[0].columns).toEqual([
      { name: 'invoice_id', type: 'UUID' }, { name: 'customer_id', type: 'INTEGER' }, { name: 'total', type: 'DECIMAL(12,2)' },
      { name: 'issued', type: 'DATE' }, { name: 'paid_at', type: 'TIMESTAMP' }, { name: 'note', type: 'VARCHAR' },
      { name: 'tags', type: 'VARCHAR' }, { name: 'payload', type: 'JSON' }, { name: 'mood', type: 'VARCHAR' },
      { name: 'ok', type: 'BOOLEAN' }, { name: 'ratio', type: 'DOUBLE' },
    ]);
    // numeric(12,2) * 12 is an unconstrained numeric: DOUBLE.
    expect(tables[3].columns).toEqual([{ name: 'id', type: 'INTEGER' }, { name: 'name', type: 'VARCHAR' }, { name: 'arr', type: 'DOUBLE' }]);
    expect((await spec('customers')).primaryKey).toEqual(['id']);
  });

  it('copies every value exactly: NULL apart from an empty string, quoted newlines, decimals, JSON, timestamps', async () => {
    const opts = options({ schemas: ['billing'] });
    const { rows, end, files } = await extractAndRead(
      opts,
      await spec('invoices', opts),
      'SELECT customer_id, total::VARCHAR, issued::VARCHAR, paid_at::VARCHAR, note, tags, payload::VARCHAR, mood, ok, ratio FROM t ORDER BY customer_id',
    );
    expect(files).toBe(1);
    expect(rows).toEqual([
      [1, '1250.50', '2024-03-31', '2024-04-02 10:15:00', 'Net 30, "early" payer', '{a,b}', '{"lines": 2}', 'happy', true, 0.25],
      [2, '99.99', '2024-04-30', null, '', null, null, null, false, null],
      [3, '10.00', '2024-05-31', null, 'two\nlines', '{}', '[]', 'sad', null, 1e-7],
    ]);
    expect(end).toEqual({ mode: 'snapshot' });
  });

  it('reads only rows at or past the cursor on an incremental sync, the new high-water mark with them', async () => {
    const opts = options({ cursors: { customers: 'updated_at' } });
    const table = await spec('customers', opts);
    const first = await extractAndRead(opts, table, 'SELECT id, updated_at::VARCHAR FROM t ORDER BY id');
    expect(first.rows).toHaveLength(3);
    expect(first.end).toEqual({ mode: 'snapshot', state: { cursor: 'updated_at', value: '2024-05-03 09:00:00+00' } });
    await server.query(database, "UPDATE customers SET plan = 'enterprise', updated_at = '2024-06-01 09:00:00+00' WHERE id = 2");
    const second = await extractAndRead(opts, table, 'SELECT id, plan FROM t ORDER BY id', first.end.state);
    expect(second.rows).toEqual([[2, 'enterprise'], [3, 'pro']]);
    expect(second.end).toEqual({ mode: 'changes', state: { cursor: 'updated_at', value: '2024-06-01 09:00:00+00' } });
    expect((await readdir(dir)).filter((file) => file.endsWith('.csv'))).toEqual([]);
  });

  it('tells a wrong password, a missing database, a server without TLS and an unreachable port apart', async () => {
    expect(await postgresConnector.test(options(), context())).toBe(true);
    expect(await postgresConnector.test(options({ password: 'nope' }), context())).toBe(
      `Postgres refused the password of user ${server.user}. Check the password (kept in the keychain or the BIZOPS_<SOURCE>_PASSWORD environment variable) and the user.`,
    );
    expect(await postgresConnector.test(options({ database: 'nosuch' }), context())).toMatch(/^Postgres at 127\.0\.0\.1:\d+ has no database nosuch\. Check the database name\.$/);
    expect(await postgresConnector.test(options({ sslmode: 'require' }), context())).toMatch(
      /^The TLS connection to Postgres at .* failed \(sslmode require\): .*does not support SSL.* The server does not offer TLS: set sslmode to prefer or disable/,
    );
    expect(await postgresConnector.test(options({ sslmode: 'prefer' }), context())).toBe(true);
    expect(await postgresConnector.test(options({ port: 1 }), context())).toMatch(/^Could not reach Postgres at 127\.0\.0\.1:1: .*ECONNREFUSED/);
  });

  it('stops a running copy when cancelled', async () => {
    await server.query(database, 'CREATE TABLE big AS SELECT n, md5(n::text) AS hash FROM generate_series(1, 2000000) AS n');
    const cancel = new AbortController();
    const table = await spec('big');
    const extract = postgresConnector.extract(options(), { table, state: undefined, fullRefresh: false }, context(cancel.signal));
    const first = extract.next();
    setTimeout(() => cancel.abort(), 50);
    await expect(first).rejects.toThrow();
    const active = await server.query<{ count: string }>(database, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'bizops sync' AND state = 'active'");
    expect(Number(active[0].count)).toBe(0);
  });
});
