import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openSession } from '../core/service.ts';
import { syncSource } from '../core/sync/sync.ts';
import { EnvSecretStore } from '../core/workspace/secrets.ts';
import { Workspace } from '../core/workspace/workspace.ts';
import type { Benchmark } from './harness.ts';

const ROWS = 10_000_000;
const ROUNDS = 3;
const GOAL = 0.9;

/** `bizops sync` of a 10M-row CSV through the files connector vs DuckDB's bare read_csv into a table. */
export const filesConnectorCsv: Benchmark = {
  name: `files connector: a ${ROWS.toLocaleString('en-US')}-row CSV vs DuckDB's bare read_csv into a table`,
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'bizops-bench-files-'));
    try {
      const csv = join(dir, 'data', 'orders', 'orders.csv');
      await mkdir(join(dir, 'data', 'orders'), { recursive: true });
      const generator = await DuckDBInstance.create(':memory:');
      const writer = await generator.connect();
      await writer.run(`COPY (
          SELECT i AS order_id, 'A-' || (i % 50000) AS account_id, ((i % 9973) * 1.37)::DECIMAL(18,2) AS amount,
                 DATE '2023-01-01' + (i % 1000)::INT AS order_date, ['web', 'partner', 'sales'][1 + i % 3] AS channel,
                 i % 17 = 0 AS is_refund
          FROM range(${ROWS}) t(i)) TO '${csv}' (HEADER)`);
      writer.disconnectSync();
      generator.closeSync();

      const workspace = await Workspace.init(join(dir, 'ws'), { name: 'bench' });
      await writeFile(workspace.configFile, `name: bench\nsources:\n  shop:\n    type: files\n    options:\n      path: ${join(dir, 'data', 'orders')}\n`);
      const session = await openSession(workspace.root, { secrets: new EnvSecretStore({}) });
      const anchorDb = await DuckDBInstance.create(join(dir, 'anchor.duckdb'));
      const anchor = await anchorDb.connect();
      let oursBest = Infinity;
      let anchorBest = Infinity;
      try {
        for (let round = 0; round < ROUNDS; round++) {
          let started = performance.now();
          await anchor.run(`CREATE OR REPLACE TABLE orders AS SELECT * FROM read_csv('${csv}')`);
          anchorBest = Math.min(anchorBest, performance.now() - started);
          started = performance.now();
          const summary = await syncSource(session, 'shop', { fullRefresh: true });
          if (summary.status !== 'success' || summary.rows !== ROWS) throw new Error(`the sync failed: ${JSON.stringify(summary.error)}`);
          oursBest = Math.min(oursBest, performance.now() - started);
        }
      } finally {
        anchor.disconnectSync();
        anchorDb.closeSync();
        await session.close();
      }
      const ratio = anchorBest / oursBest;
      return {
        figures: [
          { label: 'bizops sync (files connector, whole run), best of 3', value: oursBest, unit: 'ms' },
          { label: 'DuckDB read_csv into a table, best of 3', value: anchorBest, unit: 'ms' },
          { label: 'throughput, ours', value: ROWS / (oursBest / 1000), unit: 'rows/s' },
        ],
        ratio: { value: ratio, meaning: 'of DuckDB\'s bare read_csv throughput', goal: `≥ ${GOAL}×`, met: ratio >= GOAL },
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
