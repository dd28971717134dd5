import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSalesforce } from '../connectors/testkit/fakeSalesforce.ts';
import { dataExportCsv, FAKE_LOGIN, standardOrg } from '../connectors/testkit/salesforceOrg.ts';
import { openSession, type Session } from '../core/service.ts';
import { syncSource } from '../core/sync/sync.ts';
import { EnvSecretStore } from '../core/workspace/secrets.ts';
import { Workspace } from '../core/workspace/workspace.ts';

let dir: string;
let fake: FakeSalesforce;
let session: Session;

const secrets = { BIZOPS_SALESFORCE_PASSWORD: FAKE_LOGIN.password, BIZOPS_SALESFORCE_SECURITY_TOKEN: FAKE_LOGIN.securityToken };

async function rows(sql: string): Promise<unknown[][]> {
  return session.engine.withConnection(async (connection) => (await connection.runAndReadAll(sql)).getRowsJson());
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-sf-sync-'));
  fake = await FakeSalesforce.start(standardOrg({ restBatchSize: 2 }));
  const root = join(dir, 'ws');
  await Workspace.init(root, { name: 'sf' });
  await mkdir(join(root, 'data', 'export'), { recursive: true });
  for (const object of ['Opportunity', 'OpportunityHistory', 'Account']) {
    await writeFile(join(root, 'data', 'export', `${object}.csv`), dataExportCsv(fake.objects.get(object)!));
  }
  await writeFile(
    join(root, 'bizops.yml'),
    [
      'name: sf',
      'sources:',
      '  salesforce:',
      '    type: salesforce',
      '    options:',
      `      login_url: ${fake.url}`,
      `      username: ${FAKE_LOGIN.username}`,
      '      api_usage_limit: 95',
      '    tables: [Opportunity, OpportunityHistory, Account]',
      '  export:',
      '    type: files',
      '    options:',
      '      path: data/export',
      '      mode: salesforce_export',
      '',
    ].join('\n'),
  );
  session = await openSession(root, { secrets: new EnvSecretStore(secrets) });
});

afterAll(async () => {
  await session?.close();
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a live Salesforce sync', () => {
  it('lands the same tables, columns, types and values as a Data Export of the same org', async () => {
    expect(await syncSource(session, 'salesforce')).toMatchObject({ status: 'success', rows: 9 });
    expect(await syncSource(session, 'export')).toMatchObject({ status: 'success', rows: 9 });
    const columns = (schema: string, table: string) =>
      rows(`select column_name, data_type from duckdb_columns() where schema_name = '${schema}' and table_name = '${table}' order by column_index`);
    for (const table of ['opportunity', 'opportunity_history']) {
      expect(await columns('raw_salesforce', table)).toEqual(await columns('raw_export', table));
      expect(await rows(`select * from raw_salesforce.${table} order by Id`)).toEqual(await rows(`select * from raw_export.${table} order by Id`));
    }
    expect(await rows('select Amount::varchar, CloseDate::varchar, IsWon, CreatedDate::varchar from raw_salesforce.opportunity order by Id')).toEqual([
      ['1000.50', '2024-02-11', false, '2024-06-01 10:00:00'],
      ['2000.50', '2024-03-12', true, '2024-06-01 10:00:00'],
      [null, '2024-04-13', false, '2024-06-01 10:00:00'],
    ]);
    expect(await rows("select Description from raw_salesforce.opportunity where Amount is null")).toEqual([['Two lines,\n"quoted" and, with commas']]);
    const standardAccountColumns = "column_name in ('Id', 'Name', 'NumberOfEmployees', 'AnnualRevenue', 'BillingCity', 'CreatedDate', 'IsDeleted')";
    expect(await rows(`select column_name, data_type from duckdb_columns() where schema_name = 'raw_salesforce' and table_name = 'account' and ${standardAccountColumns} order by all`))
      .toEqual(await rows(`select column_name, data_type from duckdb_columns() where schema_name = 'raw_export' and table_name = 'account' and ${standardAccountColumns} order by all`));
  });

  it('stops before the daily API allowance runs out, changes nothing, and resumes from the last successful sync', async () => {
    fake.update('Opportunity', '006000000000001AAA', { StageName: 'Closed Won', IsWon: true });
    const state = await rows("select table_name, state::varchar from _bizops.sync_state where source = 'salesforce' order by 1");
    fake.apiUsed = Math.ceil(fake.apiLimit * 0.95);
    const stopped = await syncSource(session, 'salesforce');
    expect(stopped.status).toBe('failed');
    expect(stopped.error?.message).toMatch(/^Stopped before Salesforce's daily API allowance runs out: the org has used 14,25\d of its 15,000 requests/);
    expect(stopped.error?.hint).toMatch(/^Nothing was changed; the next sync resumes from the last successful one/);
    expect(await rows("select StageName from raw_salesforce.opportunity where Id = '006000000000001AAA'")).toEqual([['StageName 1']]);
    expect(await rows("select table_name, state::varchar from _bizops.sync_state where source = 'salesforce' order by 1")).toEqual(state);

    fake.apiUsed = 0;
    const resumed = await syncSource(session, 'salesforce');
    expect(resumed.tables.map((table) => table.mode)).toEqual(['changes', 'changes', 'changes']);
    expect(await rows("select StageName, IsWon from raw_salesforce.opportunity where Id = '006000000000001AAA'")).toEqual([['Closed Won', true]]);
    expect(await rows('select count(*)::int from raw_salesforce.opportunity')).toEqual([[3]]);
  });
});
