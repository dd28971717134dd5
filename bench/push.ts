import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../core/engine/engine.ts';
import { Workspace } from '../core/workspace/workspace.ts';
import { BIZOPS_BIN } from '../test/cli.ts';
import { startPostgres, type TestPostgres } from '../test/postgres.ts';
import type { Benchmark } from './harness.ts';

const ROWS = Number(process.env.BIZOPS_BENCH_PUSH_ROWS ?? 10_000_000);
const GOAL = 0.9;
const RSS_LIMIT_MB = 500;
const PSQL = '/usr/bin/psql';

/** Eight columns of the kinds a pushed business table has: keys, money, text, times, flags, measures. */
const SOURCE_TABLE = `
  CREATE TABLE orders AS
  SELECT i AS order_id,
         (i % 50000)::INTEGER AS account_id,
         ((i * 7919) % 1000000) / 100 :: DECIMAL(18,2) AS amount,
         'Account ' || (i % 50000) || ' / order ' || i AS description,
         TIMESTAMP '2023-01-01 00:00:00' + to_seconds(i * 3) AS ordered_at,
         DATE '2023-01-01' + (i % 730)::INTEGER AS ship_date,
         i % 7 = 0 AS is_refund,
         (i % 1000) / 7.0 AS score
  FROM range(${ROWS}) t(i)`;

const POSTGRES_COLUMNS = `order_id bigint, account_id integer, amount numeric(18,2), description text,
  ordered_at timestamp without time zone, ship_date date, is_refund boolean, score double precision`;

interface Measured {
  seconds: number;
  peakRssMb: number;
  stdout: string;
}

/**
 * `bizops push` of a 10M-row, 8-column table into a real Postgres against psql's `\copy` of the same rows
 * (as CSV that DuckDB wrote beforehand) into the same server, each as its own process. The ratio compares
 * psql's whole command with the push as `bizops push` reports it (connect, checks, DuckDB export, COPY, swap,
 * commit); the whole command, start-up included, is reported too. Peak RSS is read from /proc.
 */
export const pushToPostgres: Benchmark = {
  name: `push of a ${ROWS.toLocaleString('en-US')}-row, 8-column table to Postgres vs psql \\copy of the same rows`,
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'bizops-bench-push-'));
    let server: TestPostgres | undefined;
    try {
      // Large loads should not be paced by checkpoints in either run.
      server = await startPostgres({ settings: { max_wal_size: '16GB', checkpoint_timeout: '1h', shared_buffers: '512MB' } });
      const database = await server.createDatabase('bench');
      const workspace = await Workspace.init(join(dir, 'ws'), { name: 'bench' });
      await writeFile(
        workspace.configFile,
        `name: bench\nwarehouses:\n  bench: {type: postgres, host: 127.0.0.1, port: ${server.port}, database: ${database}, user: ${server.user}, schema: public, sslmode: disable}\n`,
      );
      await workspace.ensureStateDir();
      const csv = join(dir, 'orders.csv');
      const engine = await Engine.open(workspace.databasePath, { tempDirectory: workspace.tempDir });
      try {
        await engine.withConnection(async (connection) => {
          await connection.run(SOURCE_TABLE);
          await connection.run(`COPY orders TO '${csv}' (FORMAT csv, HEADER false)`);
        });
      } finally {
        await engine.close();
      }
      const env = { ...process.env, PGPASSWORD: server.password, BIZOPS_BENCH_PASSWORD: server.password };
      const db = server;
      const runPsql = async () => {
        await db.query(database, `DROP TABLE IF EXISTS orders_psql; CREATE TABLE orders_psql (${POSTGRES_COLUMNS})`);
        return measure(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', db.host, '-p', String(db.port), '-U', db.user, '-d', database,
          '-c', `\\copy orders_psql from '${csv}' csv`], env);
      };
      const runOurs = async () => {
        await db.query(database, 'DROP TABLE IF EXISTS orders_bizops');
        return measure(process.execPath, [BIZOPS_BIN, 'push', 'orders', '--to', 'bench', '--table', 'orders_bizops', '--workspace', workspace.root], env);
      };
      // psql, ours, ours, psql: drift in the machine's load over the run falls on both sides alike.
      const psqlRuns = [await runPsql()];
      const ourRuns = [await runOurs(), await runOurs()];
      psqlRuns.push(await runPsql());
      const counts = await server.query<{ psql: string; ours: string }>(
        database,
        'SELECT (SELECT count(*) FROM orders_psql) AS psql, (SELECT count(*) FROM orders_bizops) AS ours',
      );
      if (Number(counts[0].psql) !== ROWS || Number(counts[0].ours) !== ROWS) throw new Error(`wrong row counts: ${JSON.stringify(counts[0])}`);
      const psql = summarize(psqlRuns);
      const ours = summarize(ourRuns);
      // The command reports the push's own time: from the call to the commit, without process start-up.
      const pushSeconds = mean(ourRuns.map((run) => Number(/ in ([\d.]+) s /.exec(run.stdout)?.[1] ?? Number.NaN)));
      // Throughput of the push itself; the command's start-up (loading the app's modules) is a fixed cost shown apart.
      const ratio = psql.seconds / pushSeconds;
      return {
        figures: [
          { label: 'bizops push, whole command (mean of 2; a new table each time)', value: ours.seconds, unit: 's' },
          { label: 'of which the push itself, as the command reports it', value: pushSeconds, unit: 's' },
          { label: 'psql \\copy from a CSV file (mean of 2; into a new empty table)', value: psql.seconds, unit: 's' },
          { label: 'bizops push throughput', value: ROWS / pushSeconds, unit: 'rows/s' },
          { label: 'psql \\copy throughput', value: ROWS / psql.seconds, unit: 'rows/s' },
          { label: `bizops push peak RSS (goal < ${RSS_LIMIT_MB} MB)`, value: ours.peakRssMb, unit: 'MB' },
          { label: 'psql peak RSS', value: psql.peakRssMb, unit: 'MB' },
          { label: 'whole bizops command vs psql (start-up included)', value: psql.seconds / ours.seconds, unit: '×' },
        ],
        ratio: {
          value: ratio,
          meaning: 'of psql\'s throughput',
          goal: `≥ ${GOAL}× with peak RSS < ${RSS_LIMIT_MB} MB`,
          met: ratio >= GOAL && ours.peakRssMb < RSS_LIMIT_MB,
        },
      };
    } finally {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

/** Mean time and highest peak memory of a side's runs. */
function summarize(runs: Measured[]): { seconds: number; peakRssMb: number } {
  return { seconds: mean(runs.map((run) => run.seconds)), peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)) };
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Run a command to its end: wall time and the peak resident memory the kernel recorded for it. */
async function measure(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Measured> {
  const started = performance.now();
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peakKb = 0;
  const sample = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // The process has just exited.
    }
  };
  const sampler = setInterval(sample, 50);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${command} failed (${code}): ${stderr}`);
  return { seconds, peakRssMb: peakKb / 1024, stdout };
}
