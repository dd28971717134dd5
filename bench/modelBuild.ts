import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../test/cli.ts';
import { sqlIdentifier } from '../connectors/sql.ts';
import { buildModels, compileWorkspace } from '../core/model/build.ts';
import { openSession } from '../core/service.ts';
import { EnvSecretStore } from '../core/workspace/secrets.ts';
import { Workspace } from '../core/workspace/workspace.ts';
import { generateSampleCompany } from '../sample-data/generate.ts';
import { withSampleSources } from '../sample-data/sampleSources.ts';
import type { Benchmark } from './harness.ts';

/** BENCH_MODEL_SCALE=100 measures the build with 100M product events (minutes, several GB of disk); 1 by default. */
const SCALE = Number(process.env.BENCH_MODEL_SCALE ?? 1);
const ROUNDS = SCALE >= 10 ? 1 : 3;

/**
 * `bizops build` of the canonical models on the sample company vs the very same compiled SQL run directly on
 * DuckDB, in order, in one transaction: the difference is what the model builder itself costs.
 */
export const modelBuild: Benchmark = {
  name: `model build of the sample company at scale ${SCALE} vs the same SQL run directly`,
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'bizops-bench-build-'));
    const root = join(dir, 'ws');
    try {
      if (SCALE >= 10) {
        // What grows at scale 100 is product usage: 100M events; the rest of the company stays at scale 1.
        await generateSampleCompany({ dir: root, scale: 1, eventScale: SCALE });
        const workspace = await Workspace.init(root);
        await writeFile(workspace.configFile, withSampleSources(await readFile(workspace.configFile, 'utf8')));
      } else {
        const init = await runCli(['init', root, '--sample', '--scale', String(SCALE)]);
        if (init.code !== 0) throw new Error(init.stderr);
      }
      const sync = await runCli(['sync'], { cwd: root });
      if (sync.code !== 0) throw new Error(sync.stderr);
      const session = await openSession(root, { secrets: new EnvSecretStore({}) });
      let ours = Infinity;
      let direct = Infinity;
      try {
        await buildModels(session);
        const compiled = await compileWorkspace(session);
        const statements = compiled.order.map((name) => {
          const model = compiled.models.get(name)!;
          const relation = `${sqlIdentifier(model.config.schema)}.${sqlIdentifier(name)}`;
          return `CREATE OR REPLACE ${model.config.materialized === 'view' ? 'VIEW' : 'TABLE'} ${relation} AS\n${model.sql}`;
        });
        for (let round = 0; round < ROUNDS; round++) {
          let started = performance.now();
          await session.engine.withConnection(async (connection) => {
            await connection.run('BEGIN TRANSACTION');
            for (const statement of statements) await connection.run(statement);
            await connection.run('COMMIT');
          });
          direct = Math.min(direct, performance.now() - started);
          started = performance.now();
          await buildModels(session);
          ours = Math.min(ours, performance.now() - started);
        }
      } finally {
        await session.close();
      }
      const ratio = ours / direct;
      return {
        figures: [
          { label: `bizops build (${ROUNDS === 1 ? 'one run' : `best of ${ROUNDS}`})`, value: ours, unit: 'ms' },
          { label: 'the same compiled SQL run directly', value: direct, unit: 'ms' },
        ],
        ratio:
          SCALE >= 10
            ? { value: ratio, meaning: 'of running the SQL directly', goal: '≤ 1.1×', met: ratio <= 1.1 }
            : { value: ratio, meaning: `of running the SQL directly (goal: the build under 5 s, it took ${(ours / 1000).toFixed(2)} s)`, goal: '< 5 s', met: ours < 5000 },
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
