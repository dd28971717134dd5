import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { DuckDBConnection } from '@duckdb/node-api';
import { createClient, type WorkbenchClient } from '../core/api/client.ts';
import { createHttpTransport } from '../core/api/httpTransport.ts';
import { startHost } from '../core/host/host.ts';
import { openSession, type Session } from '../core/service.ts';
import { EnvSecretStore } from '../core/workspace/secrets.ts';
import { Workspace } from '../core/workspace/workspace.ts';
import { medianMs, type Benchmark } from './harness.ts';

export const ROWS = 1_000_000;
/** A query an analyst runs (sorted, every column) and the cheapest possible one (a bare scan). */
export const QUERIES = {
  sorted: 'select * from orders order by amount desc, order_id',
  scan: 'select * from orders',
};
const ROUNDS = 7;
const GOAL = 1.2;

/**
 * Time to the first page of a 1M-row query through the browser host (HTTP, frame, Arrow decode, as the UI
 * does it) against DuckDB executing the same query directly on the same database.
 */
async function firstPage(client: WorkbenchClient, sql: string): Promise<void> {
  const result = await client.runQuery({ sql, queryId: 'bench', pageSize: 200 });
  if (result.rowCount !== ROWS || tableFromIPC(result.firstPage.arrow).numRows !== 200) throw new Error('wrong result');
}

function runDirectly(session: Session, sql: string): Promise<void> {
  return session.engine.withConnection(async (connection) => {
    if ((await connection.run(sql)).rowCount !== ROWS) throw new Error('wrong result');
  });
}

export const firstPageThroughHost: Benchmark = {
  name: `first page of a ${ROWS.toLocaleString()}-row query through the browser host vs DuckDB directly`,
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'bizops-bench-'));
    const workspace = await Workspace.init(join(dir, 'ws'), { name: 'bench' });
    const session = await openSession(workspace.root, { secrets: new EnvSecretStore({}) });
    const ui = join(dir, 'ui');
    await mkdir(ui);
    await writeFile(join(ui, 'index.html'), '<!doctype html>');
    const host = await startHost({ dispatch: session.dispatch, events: session.events, staticDir: ui });
    try {
      await session.engine.withConnection(createOrders);
      const client = createClient(createHttpTransport({ baseUrl: `http://127.0.0.1:${host.port}`, token: host.token }));
      const measured = Object.entries(QUERIES).map(([name, sql]) => ({ name, sql, ours: Infinity, anchor: Infinity }));
      // Interleave ours and the anchor so that drift on a shared machine hits both alike; keep each one's best median.
      for (let round = 0; round < 3; round++) {
        for (const query of measured) {
          query.anchor = Math.min(query.anchor, await medianMs(ROUNDS, () => runDirectly(session, query.sql)));
          query.ours = Math.min(query.ours, await medianMs(ROUNDS, () => firstPage(client, query.sql)));
        }
      }
      const worst = Math.max(...measured.map((query) => query.ours / query.anchor));
      return {
        figures: measured.flatMap((query) => [
          { label: `${query.name}: through the browser host (runQuery + first 200 rows as Arrow)`, value: query.ours, unit: 'ms' },
          { label: `${query.name}: DuckDB directly (the same query, fully executed)`, value: query.anchor, unit: 'ms' },
          { label: `${query.name}: ratio`, value: query.ours / query.anchor, unit: '×' },
        ]),
        ratio: { value: worst, meaning: 'of DuckDB\'s own execution time (the worse of the two queries)', goal: `≤ ${GOAL}×`, met: worst <= GOAL },
      };
    } finally {
      await host.close();
      await session.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

/** The `orders` table both first-page benchmarks query: ROWS rows of the usual column types. */
export async function createOrders(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    create table orders as
    select i as order_id, 'A-' || (i % 5000) as account_id, (i % 997) * 1.25::decimal(18,2) as amount,
           date '2023-01-01' + (i % 1000)::int as order_date, ['web', 'partner', 'sales'][1 + i % 3] as channel,
           i % 11 = 0 as is_refund
    from range(${ROWS}) t(i)`);
}
