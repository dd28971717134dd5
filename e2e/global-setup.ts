import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIZOPS_BIN, runCli } from '../test/cli.ts';
import { startPostgres } from '../test/postgres.ts';

/**
 * Workspaces served by the real `bizops serve` for the whole run; tests find them through BIZOPS_E2E_URL (the
 * printed address, token included) and BIZOPS_E2E_SAMPLE_URL (the sample company, synced and built).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'bizops-e2e-'));
  const workspace = join(dir, 'workspace');
  // The recent-workspaces list of every `bizops serve` in the run stays in the run's own folder.
  process.env.BIZOPS_APP_DATA = join(dir, 'app-data');
  const init = await runCli(['init', workspace, '--name', 'E2E company']);
  if (init.code !== 0) throw new Error(`bizops init failed: ${init.stderr}`);
  const seed = await runCli(['query', SEED_SQL, '--workspace', workspace]);
  if (seed.code !== 0) throw new Error(`seeding the workspace failed: ${seed.stderr}`);

  const server = spawn(process.execPath, [BIZOPS_BIN, 'serve', '--workspace', workspace], { stdio: ['ignore', 'pipe', 'pipe'] });
  process.env.BIZOPS_E2E_URL = await printedAddress(server);
  process.env.BIZOPS_E2E_WORKSPACE = workspace;

  // A second workspace with the sample company synced and built, for the metric packs and dashboards.
  const sample = join(dir, 'sample');
  for (const args of [['init', sample, '--sample', '--scale', '0.05', '--name', 'Sample company'], ['sync', '--workspace', sample], ['build', '--workspace', sample]]) {
    const run = await runCli(args);
    if (run.code !== 0) throw new Error(`bizops ${args[0]} of the sample workspace failed: ${run.stderr}`);
  }
  // A real Postgres as the sample workspace's warehouse "team", for pushing from the app.
  const postgres = await startPostgres();
  const warehouseDatabase = await postgres.createDatabase('analytics');
  process.env.BIZOPS_E2E_POSTGRES = JSON.stringify(postgres.connection(warehouseDatabase));
  const sampleConfig = join(sample, 'bizops.yml');
  await writeFile(
    sampleConfig,
    (await readFile(sampleConfig, 'utf8')).replace(
      'warehouses: {}',
      `warehouses:\n  team:\n    type: postgres\n    host: ${postgres.host}\n    port: ${postgres.port}\n    database: ${warehouseDatabase}\n    user: ${postgres.user}\n    sslmode: disable`,
    ),
  );
  const sampleServer = spawn(process.execPath, [BIZOPS_BIN, 'serve', '--workspace', sample], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BIZOPS_TEAM_PASSWORD: postgres.password },
  });
  process.env.BIZOPS_E2E_SAMPLE_URL = await printedAddress(sampleServer);
  process.env.BIZOPS_E2E_SAMPLE_WORKSPACE = sample;
  return async () => {
    for (const running of [server, sampleServer]) {
      running.kill('SIGINT');
      await new Promise((resolve) => running.once('close', resolve));
    }
    await postgres.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

const WIDE_COLUMNS = Array.from({ length: 3000 }, (_, i) => `i * ${i} as metric_${String(i).padStart(4, '0')}`).join(', ');

const SEED_SQL = `
create schema core;
create schema staging;
create table core.accounts as
  select 'A-' || lpad(i::varchar, 4, '0') as account_id, 'Account ' || i as account_name,
         ['SMB', 'Mid-Market', 'Enterprise'][1 + i % 3] as segment, timestamp '2024-01-01' + to_days(i) as created_at,
         case when i % 10 = 0 then null when i % 10 = 1 then '' else 'Notes on account ' || i || ': ' || repeat('renewal risk discussed; ', 12) end as notes
  from range(250) t(i);
comment on table core.accounts is 'One row per customer or prospect company';
comment on column core.accounts.segment is 'SMB, Mid-Market or Enterprise, from employee count';
create table staging.accounts as select 'staging copy' as account_id;
create table core.opportunities as
  select 'O-' || i as opportunity_id, 'A-' || lpad((i % 250)::varchar, 4, '0') as account_id,
         ['Prospecting', 'Proposal', 'Closed Won', 'Closed Lost'][1 + i % 4] as stage,
         ((i * 37) % 5000 + 500)::decimal(18,2) as amount, date '2023-01-01' + (i % 730)::int as close_date
  from range(2000) t(i);
comment on table core.opportunities is 'Sales opportunities, one row per deal';
create table core.wide_metrics as select ${WIDE_COLUMNS} from range(3) t(i);
`;

/** The address `bizops serve` prints, token included, once it is listening. */
export function printedAddress(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`bizops serve printed no address:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server.stdout?.on('data', read);
    server.stderr?.on('data', read);
    server.once('exit', (code) => reject(new Error(`bizops serve exited (${code}):\n${output}`)));
  });
}
