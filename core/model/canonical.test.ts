import { readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { openSession, type Session } from '../service.ts';
import { EnvSecretStore } from '../workspace/secrets.ts';
import { buildModels } from './build.ts';
import { testModels } from './tests.ts';

const DATA_MODEL = fileURLToPath(new URL('../../docs/data-model.md', import.meta.url));

/** The `core` tables of docs/data-model.md: every `### core.<table>` heading and its column table. */
async function contract(): Promise<Map<string, [string, string][]>> {
  const text = await readFile(DATA_MODEL, 'utf8');
  const tables = new Map<string, [string, string][]>();
  for (const section of text.split(/^### /m).slice(1)) {
    const table = /^core\.(\w+)/.exec(section)?.[1];
    if (!table) continue;
    const columns = [...section.matchAll(/^\| (\w+) \| ([A-Z][A-Z0-9(), ]*?) \|/gm)].map(([, name, type]) => [name, type.replace(/\s+/g, '')] as [string, string]);
    tables.set(table, columns);
  }
  return tables;
}

let dir: string;
let session: Session;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-canonical-'));
  const init = await runCli(['init', join(dir, 'ws'), '--sample', '--scale', '0.05']);
  expect(init.code, init.stderr).toBe(0);
  const sync = await runCli(['sync'], { cwd: join(dir, 'ws') });
  expect(sync.code, sync.stderr).toBe(0);
  session = await openSession(join(dir, 'ws'), { secrets: new EnvSecretStore({}) });
  await buildModels(session);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

async function rows(sql: string): Promise<unknown[][]> {
  return session.engine.withConnection(async (connection) => (await connection.runAndReadAll(sql)).getRowsJson());
}

describe('the canonical models on the sample company', () => {
  it('build every core table of the data model, with exactly its columns and types', async () => {
    const expected = await contract();
    expect([...expected.keys()].sort()).toEqual([
      'accounts', 'campaign_touches', 'campaigns', 'contacts', 'leads', 'marketing_spend', 'opportunities',
      'opportunity_stage_history', 'product_events', 'sales_targets', 'subscriptions',
    ]);
    for (const [table, columns] of expected) {
      const actual = await rows(
        `select column_name, replace(data_type, ' ', '') from duckdb_columns() where schema_name = 'core' and table_name = '${table}' order by column_index`,
      );
      expect(actual, `core.${table}`).toEqual(columns);
      expect(Number((await rows(`select count(*) from core.${table}`))[0][0]), `core.${table} has rows`).toBeGreaterThan(0);
    }
  });

  it('pass every data test of schema.yml', async () => {
    const summary = await testModels(session);
    expect(summary.results.filter((result) => result.status !== 'pass')).toEqual([]);
    expect(summary.passed).toBeGreaterThan(40);
  });

  it('never let a deleted Salesforce row reach core', async () => {
    for (const [raw, core, key] of [
      ['account', 'accounts', 'account_id'], ['contact', 'contacts', 'contact_id'], ['lead', 'leads', 'lead_id'],
      ['opportunity', 'opportunities', 'opportunity_id'], ['campaign', 'campaigns', 'campaign_id'],
      ['campaign_member', 'campaign_touches', 'touch_id'],
    ]) {
      const deleted = await rows(`select count(*)::int from raw_salesforce.${raw} where IsDeleted`);
      expect(deleted[0][0], `${raw} has deleted rows in the sample`).toBeGreaterThan(0);
      expect(await rows(`select count(*)::int from core.${core} where ${key} in (select Id from raw_salesforce.${raw} where IsDeleted)`)).toEqual([[0]]);
    }
  });

  it('map opportunity types and segments through vars, and use MQL dates only where the org has the field', async () => {
    expect(await rows('select distinct opportunity_type from core.opportunities order by 1')).toEqual([['expansion'], ['new_business'], ['renewal']]);
    expect(await rows("select count(*)::int from core.leads where mql_at is not null")).not.toEqual([[0]]);
    const bizops = join(dir, 'ws', 'bizops.yml');
    const original = await readFile(bizops, 'utf8');
    await writeFile(
      bizops,
      original
        .replace('      - Existing Customer - Renewal\n', '')
        .replace('lead_mql_date_field: MQL_Date__c', 'lead_mql_date_field: Marketing_Qualified__c')
        .replace('enterprise: 1000', 'enterprise: 100000'),
    );
    await session.close();
    session = await openSession(join(dir, 'ws'), { secrets: new EnvSecretStore({}) });
    await buildModels(session);
    expect(await rows('select distinct opportunity_type from core.opportunities order by 1')).toEqual([['expansion'], ['new_business']]);
    expect(await rows('select count(*)::int from core.leads where mql_at is not null')).toEqual([[0]]);
    expect(await rows("select count(*)::int from core.accounts where segment = 'Enterprise'")).toEqual([[0]]);
    await writeFile(bizops, original);
    await session.close();
    session = await openSession(join(dir, 'ws'), { secrets: new EnvSecretStore({}) });
    await buildModels(session);
  });
});
