import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type WorkbenchClient } from '../api/client.ts';
import type { WorkbenchEvent } from '../api/events.ts';
import type { PushProgress } from '../api/warehouse.ts';
import { Engine } from '../engine/engine.ts';
import { openSession, type Session } from '../service.ts';
import { EnvSecretStore } from '../workspace/secrets.ts';
import { Workspace } from '../workspace/workspace.ts';
import { BIZOPS_BIN, runCli } from '../../test/cli.ts';
import { startPostgres, type TestPostgres } from '../../test/postgres.ts';
import { pushToWarehouse } from './push.ts';

let server: TestPostgres;
let database: string;
let dir: string;
let session: Session;
/** A second workspace that this process never opens, for the `bizops push` child processes. */
let cliWorkspace: string;
let secrets: Record<string, string>;

const BIG_ROWS = 1_500_000;

function bizopsYml(port: number, closedPort: number): string {
  const entry = (fields: Record<string, string | number>) =>
    `{${Object.entries({ type: 'postgres', host: '127.0.0.1', port, database, user: 'postgres', ...fields })
      .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
      .join(', ')}}`;
  return [
    'name: push test',
    'warehouses:',
    `  team: ${entry({ schema: 'analytics', database: '${env:BIZOPS_PUSH_TEST_DATABASE}' })}`,
    `  offline: ${entry({ port: closedPort })}`,
    `  wrongpw: ${entry({})}`,
    `  nopw: ${entry({})}`,
    `  strict: ${entry({ sslmode: 'require' })}`,
    `  limited: ${entry({ user: 'limited', schema: 'locked' })}`,
    '',
  ].join('\n');
}

beforeAll(async () => {
  server = await startPostgres();
  database = await server.createDatabase('warehouse');
  await server.query(database, "CREATE ROLE limited LOGIN PASSWORD 'limited-pw'");
  await server.query(database, 'CREATE ROLE reader');
  process.env.BIZOPS_PUSH_TEST_DATABASE = database;
  secrets = {
    BIZOPS_TEAM_PASSWORD: server.password,
    BIZOPS_OFFLINE_PASSWORD: server.password,
    BIZOPS_WRONGPW_PASSWORD: 'not-the-password',
    BIZOPS_STRICT_PASSWORD: server.password,
    BIZOPS_LIMITED_PASSWORD: 'limited-pw',
  };
  dir = await mkdtemp(join(tmpdir(), 'bizops-push-'));
  const closedPort = await unusedPort();
  for (const name of ['ws', 'cli']) {
    const workspace = await Workspace.init(join(dir, name), { name });
    await writeFile(workspace.configFile, bizopsYml(server.port, closedPort));
  }
  session = await openSession(join(dir, 'ws'), { secrets: new EnvSecretStore(secrets) });
  await duck(`
    CREATE SCHEMA core;
    CREATE TYPE stage AS ENUM ('lead', 'won');
    CREATE TABLE core.kinds AS SELECT * FROM (VALUES (
      1::tinyint, 170141183460469231731687303715884105727::hugeint, 18446744073709551615::ubigint,
      '-9223372036854775808'::bigint, 1234567890123456.78::decimal(18,2), 'a,"b"' || chr(10) || 'c', '', true,
      date '2024-02-29', timestamp '2024-02-29 13:14:15.123456', timestamptz '2024-02-29 13:14:15+02',
      interval '1 year 2 months 3 days 04:05:06.5', '\\x00\\x01ab'::blob, [1, 2, NULL], {'a': 1, 'b': 'x'},
      map {'k': 1}, 'nan'::double, 'inf'::double, 0.1::float, uuid '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
      time '12:00:01', 'won'::stage, '{"x": [1]}'::json
    ), (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        NULL, NULL, NULL, NULL, NULL, NULL))
    AS t(tiny, huge, ubig, big, amount, note, empty, flag, day, stamp, stamp_tz, span, bytes, list, struct, map,
         not_a_number, infinite, real_number, id, clock, stage, doc);
    CREATE TABLE core.accounts AS
      SELECT i AS account_id, 'Account ' || i AS name, (i * 10)::decimal(18,2) AS arr FROM range(1, 4) t(i);
    CREATE TABLE core.big AS
      SELECT i AS id, 'row ' || i AS label, i * 0.5 AS score FROM range(${BIG_ROWS}) t(i);
  `);
  const cli = await Workspace.load(join(dir, 'cli'));
  await cli.ensureStateDir();
  const cliEngine = await Engine.open(cli.databasePath);
  await cliEngine.withConnection((connection) =>
    connection.run(`CREATE TABLE big AS SELECT i AS id, 'row ' || i AS label, i * 0.5 AS score FROM range(${BIG_ROWS}) t(i)`),
  );
  await cliEngine.close();
  cliWorkspace = join(dir, 'cli');
});

afterAll(async () => {
  await session?.close();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function duck(sql: string): Promise<void> {
  await session.engine.withConnection((connection) => connection.run(sql));
}

function query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  return server.query<R>(database, sql, params);
}

async function countRows(table: string): Promise<number> {
  return Number((await query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);
}

async function leftoverLoadTables(): Promise<string[]> {
  return (await query<{ relname: string }>("SELECT relname FROM pg_class WHERE relname LIKE 'bizops_push_%'")).map((row) => row.relname);
}

type PushArg = Parameters<WorkbenchClient['pushToWarehouse']>[0];

/** Calls go through the dispatcher, as from the UI: validated, defaults applied, errors as ApiError. */
function api(): WorkbenchClient {
  return createClient({ invoke: session.dispatch, subscribe: (listener) => session.events.subscribe(listener) });
}

function push(arg: Omit<PushArg, 'warehouse'> & { warehouse?: string }) {
  return api().pushToWarehouse({ warehouse: 'team', ...arg });
}

async function pushError(arg: Omit<PushArg, 'warehouse'> & { warehouse?: string }) {
  const error = await push(arg).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'the push should have failed').toBeDefined();
  return error as { code: string; message: string; where?: string; hint?: string };
}

async function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('push types and values', () => {
  it('maps every DuckDB type to its Postgres type and keeps every value, NULLs and empty strings apart', async () => {
    const result = await push({ source: { table: 'core.kinds' } });
    expect(result).toMatchObject({ target: { schema: 'analytics', table: 'kinds' }, mode: 'replace', rows: 2, createdTable: true });
    const types = await query<{ name: string; type: string }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = 'analytics.kinds'::regclass AND attnum > 0 ORDER BY attnum`,
    );
    expect(Object.fromEntries(types.map((column) => [column.name, column.type]))).toEqual({
      tiny: 'smallint', huge: 'numeric(39,0)', ubig: 'numeric(20,0)', big: 'bigint', amount: 'numeric(18,2)',
      note: 'text', empty: 'text', flag: 'boolean', day: 'date', stamp: 'timestamp without time zone',
      stamp_tz: 'timestamp with time zone', span: 'interval', bytes: 'bytea', list: 'jsonb', struct: 'jsonb', map: 'jsonb',
      not_a_number: 'double precision', infinite: 'double precision', real_number: 'real', id: 'uuid',
      clock: 'time without time zone', stage: 'text', doc: 'jsonb',
    });
    const client = await server.connect(database);
    try {
      await client.query("SET TimeZone = 'UTC'");
      const columns = types.map((column) => `${column.name}::text AS ${column.name}`).join(', ');
      const { rows } = await client.query(`SELECT ${columns} FROM analytics.kinds ORDER BY tiny NULLS LAST`);
      expect(rows[0]).toEqual({
        tiny: '1', huge: '170141183460469231731687303715884105727', ubig: '18446744073709551615',
        big: '-9223372036854775808', amount: '1234567890123456.78', note: 'a,"b"\nc', empty: '', flag: 'true',
        day: '2024-02-29', stamp: '2024-02-29 13:14:15.123456', stamp_tz: '2024-02-29 11:14:15+00',
        span: '1 year 2 mons 3 days 04:05:06.5', bytes: '\\x00016162', list: '[1, 2, null]', struct: '{"a": 1, "b": "x"}',
        map: '{"k": 1}', not_a_number: 'NaN', infinite: 'Infinity', real_number: '0.1',
        id: '6ba7b810-9dad-11d1-80b4-00c04fd430c8', clock: '12:00:01', stage: 'won', doc: '{"x": [1]}',
      });
      expect(Object.values(rows[1]).every((value) => value === null)).toBe(true);
    } finally {
      await client.end();
    }
  });

  it('pushes a query result to the table named with --table, quoting names as written', async () => {
    const result = await push({
      source: { sql: 'select account_id as "Account ID", upper(name) as "Name.Upper" from core.accounts where account_id < 3;' },
      target: '"Sales Team"."Top Accounts"',
    });
    expect(result).toMatchObject({ target: { schema: 'Sales Team', table: 'Top Accounts' }, rows: 2 });
    expect(await query('SELECT * FROM "Sales Team"."Top Accounts" ORDER BY 1')).toEqual([
      { 'Account ID': '1', 'Name.Upper': 'ACCOUNT 1' },
      { 'Account ID': '2', 'Name.Upper': 'ACCOUNT 2' },
    ]);
  });

  it('pushes a kept result as the grid shows it, sorted and filtered, and drops its scratch copy', async () => {
    const client = api();
    const result = await client.runQuery({ sql: 'select account_id, name from core.accounts' });
    await client.refineResult({ queryId: result.queryId, sort: [{ column: 0, descending: true }], filters: [{ column: 0, operator: '>', value: '1' }] });
    const pushed = await push({ source: { queryId: result.queryId }, target: 'shown_accounts' });
    expect(pushed).toMatchObject({ target: { schema: 'analytics', table: 'shown_accounts' }, rows: 2 });
    expect(await query('SELECT account_id, name FROM analytics.shown_accounts ORDER BY 1')).toEqual([
      { account_id: '2', name: 'Account 2' },
      { account_id: '3', name: 'Account 3' },
    ]);
    const scratch = await session.engine.withConnection((connection) =>
      connection.runAndReadAll("SELECT count(*) FROM duckdb_tables() WHERE schema_name = '_bizops_scratch'"),
    );
    expect(Number(scratch.getRows()[0][0])).toBe(0);
    expect((await client.catalog({})).schemas).not.toContain('_bizops_scratch');
    expect(await pushError({ source: { queryId: result.queryId } })).toMatchObject({ code: 'invalid_argument' });
    await client.closeQuery({ queryId: result.queryId });
  });

  it('streams through a temporary file where named pipes are missing', async () => {
    const result = await pushToWarehouse(session, { warehouse: 'team', source: { table: 'core.accounts' }, target: 'spooled', mode: 'replace' }, { spool: 'file' });
    expect(result.rows).toBe(3);
    expect(await countRows('analytics.spooled')).toBe(3);
  });
});

describe('replace', () => {
  it('swaps the new rows in and keeps the grants readers had', async () => {
    await push({ source: { table: 'core.accounts' } });
    await query('GRANT SELECT ON analytics.accounts TO reader');
    await duck("INSERT INTO core.accounts VALUES (4, 'Account 4', 40)");
    try {
      const result = await push({ source: { table: 'core.accounts' } });
      expect(result).toMatchObject({ rows: 4, createdTable: false });
    } finally {
      await duck('DELETE FROM core.accounts WHERE account_id = 4');
    }
    expect(await countRows('analytics.accounts')).toBe(4);
    expect(await query("SELECT has_table_privilege('reader', 'analytics.accounts', 'SELECT') AS granted")).toEqual([{ granted: true }]);
    expect(await leftoverLoadTables()).toEqual([]);
    const emptied = await push({ source: { sql: 'select * from core.accounts where false' }, target: 'accounts' });
    expect(emptied.rows).toBe(0);
    expect(await countRows('analytics.accounts')).toBe(0);
  });

  it('lets a concurrent reader see only the old rows or the new rows, never a partial or empty table', async () => {
    await push({ source: { sql: 'select * from core.big limit 1000' }, target: 'big' });
    const reader = await server.connect(database);
    const seen = new Set<number>();
    let polls = 0;
    let done = false;
    const polling = (async () => {
      while (!done) {
        const { rows } = await reader.query<{ n: string }>('SELECT count(*) AS n FROM analytics.big');
        seen.add(Number(rows[0].n));
        polls++;
      }
    })();
    try {
      const result = await push({ source: { table: 'core.big' } });
      expect(result.rows).toBe(BIG_ROWS);
      // A few more reads after the swap committed.
      const after = polls + 3;
      while (polls < after) await new Promise((resolve) => setTimeout(resolve, 5));
    } finally {
      done = true;
      await polling;
      await reader.end();
    }
    expect(polls).toBeGreaterThan(20);
    expect([...seen].sort((a, b) => a - b)).toEqual([1000, BIG_ROWS]);
  });

  it('refuses to drop a table that views depend on, before sending anything', async () => {
    await push({ source: { table: 'core.accounts' }, target: 'with_view' });
    await query('CREATE VIEW analytics.account_names AS SELECT name FROM analytics.with_view');
    const error = await pushError({ source: { table: 'core.accounts' }, target: 'with_view' });
    expect(error).toMatchObject({ code: 'warehouse_dependents', where: 'warehouse team, table analytics.with_view' });
    expect(error.message).toContain('analytics.account_names');
  });
});

describe('append and upsert', () => {
  it('appends rows, creating the table the first time', async () => {
    expect((await push({ source: { table: 'core.accounts' }, target: 'log', mode: 'append' })).createdTable).toBe(true);
    expect((await push({ source: { table: 'core.accounts' }, target: 'log', mode: 'append' })).createdTable).toBe(false);
    expect(await countRows('analytics.log')).toBe(6);
  });

  it('names the column whose type does not fit an existing table, and the one that is missing', async () => {
    await query('CREATE TABLE analytics.narrow (account_id bigint, name text, arr integer)');
    const mismatch = await pushError({ source: { table: 'core.accounts' }, target: 'narrow', mode: 'append' });
    expect(mismatch.code).toBe('warehouse_column_mismatch');
    expect(mismatch.message).toContain('"arr" is DECIMAL(18,2) in the source');
    expect(mismatch.message).toContain('of type integer');
    expect(mismatch.where).toBe('warehouse team, table analytics.narrow, column "arr"');
    await query('CREATE TABLE analytics.fewer (account_id bigint, name text)');
    const missing = await pushError({ source: { table: 'core.accounts' }, target: 'fewer', mode: 'append' });
    expect(missing.message).toContain('The column "arr" (DECIMAL(18,2)) is not in the warehouse table analytics.fewer');
    expect(missing.hint).toContain('ALTER TABLE "analytics"."fewer" ADD COLUMN "arr" numeric(18,2)');
  });

  it('reports the row and column the warehouse rejects, and leaves the table as it was', async () => {
    await query("CREATE TABLE analytics.short_names (account_id bigint, name varchar(9), arr numeric)");
    await query("INSERT INTO analytics.short_names VALUES (0, 'kept', 0)");
    const error = await pushError({
      source: { sql: "select * from core.accounts union all select 9, 'a much longer name', 1 order by 1" },
      target: 'short_names',
      mode: 'append',
    });
    expect(error.code).toBe('warehouse_rejected_rows');
    expect(error.message).toBe('The warehouse rejected a row of query: value too long for type character varying(9) (the value "a much longer name").');
    expect(error.where).toBe('warehouse team, table analytics.short_names, row 4 of the rows sent, column "name"');
    expect(await query('SELECT name FROM analytics.short_names')).toEqual([{ name: 'kept' }]);
  });

  it('upserts on the key: creates the table with that primary key, then updates and inserts', async () => {
    const first = await push({ source: { table: 'core.accounts' }, target: 'merged', mode: 'upsert', key: ['account_id'] });
    expect(first).toMatchObject({ createdTable: true, rows: 3, inserted: 3, updated: 0 });
    const second = await push({
      source: { sql: "select account_id, name || ' (renamed)' as name, arr from core.accounts where account_id = 2 union all select 7, 'Account 7', 70" },
      target: 'merged',
      mode: 'upsert',
      key: ['account_id'],
    });
    expect(second).toMatchObject({ createdTable: false, rows: 2, inserted: 1, updated: 1 });
    expect(await query('SELECT account_id::int AS id, name FROM analytics.merged ORDER BY 1')).toEqual([
      { id: 1, name: 'Account 1' },
      { id: 2, name: 'Account 2 (renamed)' },
      { id: 3, name: 'Account 3' },
      { id: 7, name: 'Account 7' },
    ]);
  });

  it('checks in DuckDB that the key is unique and present before sending anything', async () => {
    const duplicated = await pushError({
      source: { sql: 'select * from core.accounts union all select * from core.accounts where account_id = 2' },
      target: 'merged',
      mode: 'upsert',
      key: ['account_id'],
    });
    expect(duplicated).toMatchObject({ code: 'key_not_unique' });
    expect(duplicated.message).toBe('The key "account_id" is not unique in query: 1 key value occurs more than once, e.g. (2) in 2 rows.');
    const nulls = await pushError({ source: { sql: 'select NULL::bigint as account_id, 1 as x' }, target: 'merged', mode: 'upsert', key: ['account_id'] });
    expect(nulls.message).toContain('1 row of query has no value (NULL) in the key "account_id"');
    const unknown = await pushError({ source: { table: 'core.accounts' }, target: 'merged', mode: 'upsert', key: ['acount_id'] });
    expect(unknown.message).toBe('The key column "acount_id" is not a column of core.accounts.');
    expect(await countRows('analytics.merged')).toBe(4);
  });

  it('needs a unique index on the key in an existing table', async () => {
    await query('CREATE TABLE analytics.no_key (account_id bigint, name text, arr numeric(18,2))');
    const error = await pushError({ source: { table: 'core.accounts' }, target: 'no_key', mode: 'upsert', key: ['account_id'] });
    expect(error.code).toBe('warehouse_no_unique_key');
    expect(error.hint).toBe('Add one: CREATE UNIQUE INDEX ON "analytics"."no_key" ("account_id"); or pass the --key its unique index has.');
  });
});

describe('errors a person can act on', () => {
  it('says which warehouse is unreachable and where it is configured', async () => {
    const error = await pushError({ warehouse: 'offline', source: { table: 'core.accounts' } });
    expect(error.code).toBe('warehouse_unreachable');
    expect(error.message).toMatch(/^Could not reach the warehouse "offline" at 127\.0\.0\.1:\d+: the connection was refused/);
    expect(error.where).toBe(`${join(dir, 'ws', 'bizops.yml')}:4`);
  });

  it('tells a wrong password from a missing one, and where to set it', async () => {
    const wrong = await pushError({ warehouse: 'wrongpw', source: { table: 'core.accounts' } });
    expect(wrong).toMatchObject({ code: 'warehouse_auth_failed', message: 'The warehouse "wrongpw" refused the password of user "postgres".' });
    expect(wrong.hint).toContain('BIZOPS_WRONGPW_PASSWORD');
    const missing = await pushError({ warehouse: 'nopw', source: { table: 'core.accounts' } });
    expect(missing.message).toBe('The warehouse "nopw" asks user "postgres" for a password, and none is set.');
    expect(missing.hint).toContain('Set the password in the BIZOPS_NOPW_PASSWORD environment variable');
  });

  it('explains missing privileges with the GRANT to ask for', async () => {
    const error = await pushError({ warehouse: 'limited', source: { table: 'core.accounts' } });
    expect(error).toMatchObject({ code: 'warehouse_permission_denied', message: 'The warehouse user "limited" may not create the schema "locked".' });
    expect(error.hint).toContain('GRANT CREATE ON DATABASE "warehouse" TO "limited"');
    await query('CREATE SCHEMA locked');
    await query('GRANT USAGE ON SCHEMA locked TO limited');
    const inSchema = await pushError({ warehouse: 'limited', source: { table: 'core.accounts' } });
    expect(inSchema.hint).toContain('GRANT CREATE ON SCHEMA "locked" TO "limited"');
  });

  it('tests a connection: the server, and whether its user may create tables in the schema', async () => {
    expect(await api().testWarehouse({ warehouse: 'team' })).toMatchObject({
      warehouse: 'team', database: 'warehouse', user: 'postgres', schema: 'analytics', schemaExists: true, canCreateTables: true,
      serverVersion: expect.stringMatching(/^PostgreSQL \d+/),
    });
    expect(await api().testWarehouse({ warehouse: 'limited' })).toMatchObject({ user: 'limited', schema: 'locked', canCreateTables: false });
    await expect(api().testWarehouse({ warehouse: 'offline' })).rejects.toMatchObject({ code: 'warehouse_unreachable' });
  });

  it('reports a server without TLS when sslmode requires it', async () => {
    const error = await pushError({ warehouse: 'strict', source: { table: 'core.accounts' } });
    expect(error.code).toBe('warehouse_ssl');
    expect(error.hint).toContain('set sslmode to prefer or disable');
  });

  it('refuses what cannot be pushed before connecting', async () => {
    expect(await pushError({ source: { sql: 'select 1 as n' } })).toMatchObject({ message: 'A pushed query needs the name of the warehouse table to write.' });
    expect((await pushError({ source: { sql: 'delete from core.accounts where false' }, target: 'x' })).message).toContain('a push sends the rows of a SELECT');
    expect((await pushError({ source: { sql: 'select 1; select 2' }, target: 'x' })).message).toContain('has 2 statements');
    expect((await pushError({ source: { table: 'core.nope' } })).message).toBe('The workspace has no table or view "core.nope".');
    expect((await pushError({ warehouse: 'nowhere', source: { table: 'core.accounts' } })).hint).toContain('Use one of: team, offline');
    expect((await pushError({ source: { sql: 'select 1 as a, 2 as "A"' }, target: 'x' })).message).toContain('two columns named "a" and "A"');
  });
});

describe('progress and cancellation', () => {
  it('reports rows sent while streaming, and a cancelled push leaves the table as it was', async () => {
    await push({ source: { sql: 'select * from core.big limit 10' }, target: 'cancelled' });
    const progress: PushProgress[] = [];
    const unsubscribe = session.events.subscribe((event: WorkbenchEvent) => {
      if (event.type !== 'push.progress' || event.pushId !== 'to-cancel') return;
      progress.push(event);
      if (event.rowsSent > 100_000) void api().cancelPush({ pushId: 'to-cancel' });
    });
    try {
      const error = await api()
        .pushToWarehouse({ pushId: 'to-cancel', warehouse: 'team', source: { table: 'core.big' }, target: 'cancelled', mode: 'append' })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'cancelled', message: 'The push to analytics.cancelled was cancelled; the warehouse was left as it was.' });
    } finally {
      unsubscribe();
    }
    const sending = progress.filter((event) => event.phase === 'sending');
    expect(sending.length).toBeGreaterThan(1);
    expect(sending.at(-1)).toMatchObject({ totalRows: BIG_ROWS });
    expect(sending.at(-1)?.rowsPerSecond).toBeGreaterThan(0);
    expect(await countRows('analytics.cancelled')).toBe(10);
    expect(await api().cancelPush({ pushId: 'to-cancel' })).toEqual({ cancelled: false });
  });

  it.each(['replace', 'append'] as const)('a `bizops push --mode %s` killed mid-COPY leaves the table unchanged', async (mode) => {
    const target = `killed_${mode}`;
    await push({ source: { sql: 'select * from core.big limit 5' }, target });
    const child = spawn(process.execPath, [BIZOPS_BIN, 'push', 'big', '--to', 'team', '--table', target, '--mode', mode, '--workspace', cliWorkspace], {
      env: { ...process.env, ...secrets },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitFor(async () => {
        const rows = await query<{ tuples: string }>(
          "SELECT tuples_processed AS tuples FROM pg_stat_progress_copy p JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'bizops push'",
        );
        return rows.length > 0 && Number(rows[0].tuples) > 50_000;
      });
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    await waitFor(async () => (await query("SELECT 1 FROM pg_stat_activity WHERE application_name = 'bizops push'")).length === 0);
    expect(await countRows(`analytics.${target}`)).toBe(5);
    expect(await leftoverLoadTables()).toEqual([]);
  });
});

describe('bizops push', () => {
  it('prints what it pushed, and fails with exit code 1 and the fix for a user error', async () => {
    const ok = await runCli(['push', '--sql', 'select 1 as one', '--to', 'team', '--table', 'cli_one', '--workspace', cliWorkspace], { env: secrets });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/^✓ created team: analytics\.cli_one with 1 row in \d+\.\d s \([\d,]+ rows\/s\)\n$/);
    const failed = await runCli(['push', 'big', '--to', 'team', '--mode', 'upsert', '--workspace', cliWorkspace], { env: secrets });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('error: An upsert needs the key columns that identify a row.');
    expect(failed.stderr).toContain('fix: Pass --key');
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
