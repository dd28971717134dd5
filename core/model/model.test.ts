import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { openSession, type Session } from '../service.ts';
import { EnvSecretStore } from '../workspace/secrets.ts';
import { buildModels } from './build.ts';
import { modelDocs } from './docs.ts';
import { testModels } from './tests.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/bakery', import.meta.url));

let dir: string;
let root: string;
let session: Session;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-model-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async (test) => {
  root = join(dir, test.task.name.replace(/\W+/g, '-').slice(0, 60));
  await cp(FIXTURE, root, { recursive: true });
  session = await openSession(root, { secrets: new EnvSecretStore({}) });
});

afterEach(async () => {
  await session.close();
});

async function rows(sql: string): Promise<unknown[][]> {
  return session.engine.withConnection(async (connection) => (await connection.runAndReadAll(sql)).getRowsJson());
}

describe('a dbt-shaped project', () => {
  it('builds unmodified: seeds, staging views, a fact table with a Jinja for loop, and passes its tests', async () => {
    const summary = await buildModels(session);
    expect(summary.models.map((model) => `${model.relation}:${model.materialized}`)).toEqual([
      'staging.stg_customers:view',
      'staging.stg_orders:view',
      'staging.stg_payments:view',
      'main.orders:table',
      'main.customers:table',
    ]);
    expect(await rows("select order_id::int, card_amount, cash_amount, voucher_amount, transfer_amount, amount from main.orders where order_id in (4, 9) order by 1")).toEqual([
      [4, 7.3, 0, 5, 0, 12.3],
      [9, 0, 1.25, 10, 0, 11.25],
    ]);
    expect(await rows('select customer_id::int, number_of_orders::int, lifetime_value from main.customers order by 1')).toEqual([
      [1, 3, 44.4], [2, 2, 20.55], [3, 2, 23.55], [4, 1, 36], [5, 2, 27.5], [6, 0, 0],
    ]);
    const tests = await testModels(session);
    expect(tests.results.map((result) => `${result.name}:${result.status}`)).toEqual([
      'unique_customers_customer_id:pass',
      'not_null_customers_customer_id:pass',
      'unique_orders_order_id:pass',
      'not_null_orders_order_id:pass',
      'not_null_orders_customer_id:pass',
      'relationships_orders_customer_id__customer_id:pass',
      'accepted_values_orders_status:pass',
      'not_null_orders_amount:pass',
      'accepted_values_stg_payments_payment_method:pass',
    ]);
  });

  it('documents every model: descriptions in the catalog, columns, upstream and downstream, lineage', async () => {
    await buildModels(session);
    const docs = await modelDocs(session);
    const orders = docs.models.find((model) => model.name === 'orders')!;
    expect(orders).toMatchObject({
      kind: 'model',
      file: 'models/orders.sql',
      relation: 'main.orders',
      description: 'One row per order, with how it was paid.',
      upstream: ['stg_orders', 'stg_payments'],
      downstream: ['customers'],
      rowCount: 10,
    });
    expect(orders.lastBuiltAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(orders.columns.find((column) => column.name === 'status')).toEqual({
      name: 'status',
      type: 'VARCHAR',
      description: 'Where the order is in its life.',
      tests: [{ kind: 'accepted_values', status: null, failures: null }],
    });
    expect(docs.lineage.edges).toContainEqual({ from: 'raw_payments', to: 'stg_payments' });
    const catalog = await session.engine.catalog();
    expect(catalog.tables.find((table) => table.name === 'customers')?.description).toBe('One row per customer, with their order history.');
  });

  it('builds a selection: a model with its upstream (+name) or downstream (name+)', async () => {
    await buildModels(session);
    expect((await buildModels(session, { select: ['stg_payments+'] })).models.map((model) => model.name)).toEqual(['stg_payments', 'orders', 'customers']);
    expect((await buildModels(session, { select: ['+orders'] })).models.map((model) => model.name)).toEqual(['stg_orders', 'stg_payments', 'orders']);
    await expect(buildModels(session, { select: ['order'] })).rejects.toMatchObject({ message: '--select order matches no model.', hint: 'Did you mean orders?' });
  });
});

describe('a broken project keeps the previous build', () => {
  beforeEach(async () => {
    await buildModels(session);
  });

  const previousBuildIsIntact = async () => {
    expect(await rows('select count(*)::int, sum(amount) from main.orders')).toEqual([[10, 152]]);
    expect(await rows('select count(*)::int from main.customers')).toEqual([[6]]);
  };

  it('reports a model\'s SQL error at the line of its file', async () => {
    const file = join(root, 'models/customers.sql');
    await writeFile(file, (await readFile(file, 'utf8')).replace('max(order_date) as most_recent_order', 'max(order_day) as most_recent_order'));
    await writeFile(join(root, 'models/orders.sql'), (await readFile(join(root, 'models/orders.sql'), 'utf8')).replace('orders.status,', 'orders.status, 1 as marker,'));
    const error = await buildModels(session).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'model_failed', where: 'models/customers.sql:15' });
    expect((error as Error).message).toMatch(/^Model customers failed: Binder Error: Referenced column "order_day" not found/);
    await previousBuildIsIntact();
    expect(await rows("select count(*)::int from duckdb_columns() where table_name = 'orders' and column_name = 'marker'")).toEqual([[0]]);
  });

  it('names both files of a cycle', async () => {
    await writeFile(join(root, 'models/staging/stg_orders.sql'), "select * from {{ ref('orders') }}");
    const error = await buildModels(session).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'model_cycle' });
    expect((error as Error).message).toBe('Models read each other in a cycle: models/orders.sql → models/staging/stg_orders.sql → models/orders.sql.');
    await previousBuildIsIntact();
  });

  it('names the file and the missing model of a bad ref', async () => {
    await writeFile(join(root, 'models/customers.sql'), "select * from {{ ref('stg_customer') }}\n");
    const error = await buildModels(session).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'model_missing',
      where: 'models/customers.sql:1',
      hint: "Did you mean ref('stg_customers') (models/staging/stg_customers.sql)?",
    });
    await previousBuildIsIntact();
  });

  it('points at the line of a template error, and of a missing var', async () => {
    await writeFile(join(root, 'models/customers.sql'), "select 1 as x\nfrom {{ ref('orders' }}\n");
    await expect(buildModels(session)).rejects.toMatchObject({ code: 'model_invalid', where: 'models/customers.sql:2' });
    await writeFile(join(root, 'models/customers.sql'), "select {{ var('nowhere') }} as x\n");
    await expect(buildModels(session)).rejects.toMatchObject({ message: "models/customers.sql: var('nowhere') is not set." });
    await previousBuildIsIntact();
  });

  it('reports a failing data test with a count and sample rows, and exits 1', async () => {
    await writeFile(join(root, 'seeds/raw_orders.csv'), (await readFile(join(root, 'seeds/raw_orders.csv'), 'utf8')) + '11,9,2024-02-03,lost\n12,9,2024-02-04,lost\n');
    await buildModels(session);
    const summary = await testModels(session);
    const failing = summary.results.filter((result) => result.status !== 'pass');
    expect(failing.map((result) => [result.name, result.failures])).toEqual([
      ['relationships_orders_customer_id__customer_id', 2],
      ['accepted_values_orders_status', 1],
      ['not_null_orders_amount', 2],
    ]);
    expect(failing[1].sample).toEqual([{ value: 'lost', occurrences: '2' }]);
    expect(failing[1].where).toBe('models/schema.yml:31');
    await session.close();
    const cli = await runCli(['test'], { cwd: root });
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('✗ accepted_values_orders_status (1 failing)\n    at models/schema.yml:31\n    {"value":"lost","occurrences":"2"}');
    expect(cli.stderr).toContain('error: 3 data tests failed.');
    session = await openSession(root, { secrets: new EnvSecretStore({}) });
  });
});
