import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openSession } from '../core/service.ts';
import { syncSource } from '../core/sync/sync.ts';
import { EnvSecretStore } from '../core/workspace/secrets.ts';
import { Workspace } from '../core/workspace/workspace.ts';
import { startPostgres } from '../test/postgres.ts';
import type { Benchmark } from './harness.ts';

const ROWS = 10_000_000;
const ROUNDS = 2;
const GOAL = 1.0;

/**
 * 10M rows from a real Postgres into DuckDB through the postgres connector (COPY … TO STDOUT, split into parts
 * DuckDB loads while the rest arrives) vs the plain way: psql's \copy to a file, then DuckDB loading that file.
 */
export const postgresSource: Benchmark = {
  name: `postgres connector: ${ROWS.toLocaleString('en-US')} rows vs psql \\copy to a CSV file plus a DuckDB load of it`,
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'bizops-bench-pg-'));
    const server = await startPostgres({ settings: { shared_buffers: '512MB' } });
    try {
      const database = await server.createDatabase('bench');
      await server.query(database, `
        CREATE TABLE orders AS
        SELECT i AS order_id, 'A-' || (i % 50000) AS account_id, ((i % 9973) * 1.37)::numeric(18,2) AS amount,
               DATE '2023-01-01' + (i % 1000) AS order_date, (ARRAY['web', 'partner', 'sales'])[1 + i % 3] AS channel,
               i % 17 = 0 AS is_refund, TIMESTAMPTZ '2023-01-01 00:00:00+00' + i * INTERVAL '1 second' AS created_at
        FROM generate_series(1, ${ROWS}) AS i;
        ALTER TABLE orders ADD PRIMARY KEY (order_id);
        ANALYZE orders;`);

      const root = join(dir, 'ws');
      await Workspace.init(root, { name: 'bench' });
      await writeFile(
        join(root, 'bizops.yml'),
        `name: bench\nsources:\n  app:\n    type: postgres\n    options:\n      host: ${server.host}\n      port: ${server.port}\n` +
          `      database: ${database}\n      user: ${server.user}\n      sslmode: disable\n    tables: [orders]\n`,
      );
      const session = await openSession(root, { secrets: new EnvSecretStore({ BIZOPS_APP_PASSWORD: server.password }) });
      const anchorDb = await DuckDBInstance.create(join(dir, 'anchor.duckdb'));
      const anchor = await anchorDb.connect();
      await anchor.run("SET TimeZone = 'UTC'");
      const csv = join(dir, 'orders.csv');
      let oursMs = Infinity;
      let anchorMs = Infinity;
      let copyMs = 0;
      try {
        for (let round = 0; round < ROUNDS; round++) {
          let started = performance.now();
          await psqlCopy(server, database, csv);
          const copied = performance.now() - started;
          started = performance.now();
          await anchor.run(`CREATE OR REPLACE TABLE orders AS SELECT * FROM read_csv('${csv}')`);
          const total = copied + performance.now() - started;
          if (total < anchorMs) [anchorMs, copyMs] = [total, copied];
          await rm(csv);

          started = performance.now();
          const summary = await syncSource(session, 'app', { fullRefresh: true });
          if (summary.status !== 'success' || summary.rows !== ROWS) throw new Error(`the sync failed: ${JSON.stringify(summary.error)}`);
          oursMs = Math.min(oursMs, performance.now() - started);
        }
      } finally {
        anchor.disconnectSync();
        anchorDb.closeSync();
        await session.close();
      }
      const ratio = anchorMs / oursMs;
      return {
        figures: [
          { label: `bizops sync (postgres connector, whole run), best of ${ROUNDS}`, value: oursMs, unit: 'ms' },
          { label: 'throughput, ours', value: ROWS / (oursMs / 1000), unit: 'rows/s' },
          { label: `psql \\copy to CSV + DuckDB read_csv into a table, best of ${ROUNDS}`, value: anchorMs, unit: 'ms' },
          { label: 'of which psql \\copy', value: copyMs, unit: 'ms' },
        ],
        ratio: { value: ratio, meaning: 'of psql \\copy + DuckDB load throughput', goal: `≥ ${GOAL}×`, met: ratio >= GOAL },
      };
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

function psqlCopy(server: Awaited<ReturnType<typeof startPostgres>>, database: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'psql',
      ['-h', server.host, '-p', String(server.port), '-U', server.user, '-d', database, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy (SELECT * FROM orders) TO '${file}' WITH (FORMAT csv, HEADER true)`],
      { env: { ...process.env, PGPASSWORD: server.password }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`psql failed (${code}): ${stderr}`))));
  });
}
