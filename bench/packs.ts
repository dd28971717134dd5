import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dateValue } from '@duckdb/node-api';
import { loadPacks } from '../core/packs/load.ts';
import { runPack } from '../core/packs/run.ts';
import { openSession } from '../core/service.ts';
import { EnvSecretStore } from '../core/workspace/secrets.ts';
import { runCli } from '../test/cli.ts';
import { medianMs, type Benchmark } from './harness.ts';

const PACKS = ['sales', 'marketing', 'saas', 'customer_health'];
const YEAR = { from: '2025-01-01', to: '2026-01-01' };

/**
 * All four packs' metrics for a year on the scale-1 sample (goal: under 2 s together), against executing the
 * same pack SQL directly on DuckDB with the same bound values.
 */
export const packsForAYear: Benchmark = {
  name: 'the four metric packs for a year on the scale-1 sample vs their SQL run directly',
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'bizops-bench-packs-'));
    const root = join(dir, 'ws');
    try {
      for (const args of [['init', root, '--sample'], ['sync', '--workspace', root], ['build', '--workspace', root]]) {
        const run = await runCli(args);
        if (run.code !== 0) throw new Error(run.stderr);
      }
      const session = await openSession(root, { secrets: new EnvSecretStore({}) });
      try {
        const packs = await loadPacks(session.workspace);
        const queries = PACKS.flatMap((name) => {
          const pack = packs.get(name)!;
          const used = new Set([...pack.definition.metrics.map((metric) => metric.query), ...Object.values(pack.definition.outputs)]);
          return [...used].map((query) => ({ sql: pack.queries.get(query)!.sql, params: pack.definition.parameters }));
        });
        const ours = await medianMs(5, async () => {
          for (const pack of PACKS) await runPack(session, { pack, ...YEAR });
        });
        const direct = await medianMs(5, () =>
          session.engine.withConnection(async (connection) => {
            for (const query of queries) {
              const prepared = await connection.prepare(query.sql);
              for (let index = 1; index <= prepared.parameterCount; index++) {
                const name = prepared.parameterName(index);
                if (name === 'from') prepared.bindDate(index, dateValue({ year: 2025, month: 1, day: 1 }));
                else if (name === 'to') prepared.bindDate(index, dateValue({ year: 2026, month: 1, day: 1 }));
                else if (name === 'as_of') prepared.bindDate(index, dateValue({ year: 2025, month: 12, day: 31 }));
                else prepared.bindDouble(index, query.params.find((parameter) => parameter.name === name)!.default);
              }
              await prepared.runAndReadAll();
              prepared.destroySync();
            }
          }),
        );
        return {
          figures: [
            { label: 'runPack × 4 (sales, marketing, saas, customer_health), median of 5', value: ours, unit: 'ms' },
            { label: 'the same queries prepared and run directly', value: direct, unit: 'ms' },
            { label: 'ratio', value: ours / direct, unit: '×' },
          ],
          ratio: { value: ours / direct, meaning: `of the SQL run directly (goal: all four under 2 s; they took ${(ours / 1000).toFixed(2)} s)`, goal: '< 2 s', met: ours < 2000 },
        };
      } finally {
        await session.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
