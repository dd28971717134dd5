import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addedConnectors } from '../../connectors/index.ts';
import type { Connector, ExtractItem } from '../../connectors/types.ts';
import { BIZOPS_BIN, runCli } from '../../test/cli.ts';
import type { WorkbenchEvent } from '../api/events.ts';
import { openSession, type Session } from '../service.ts';
import { EnvSecretStore } from '../workspace/secrets.ts';
import { Workspace } from '../workspace/workspace.ts';
import { syncSource, syncSources } from './sync.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-sync-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A workspace whose bizops.yml declares `sources` (YAML text) and whose data folder holds `files`. */
async function workspaceWith(name: string, sources: string, files: Record<string, string> = {}): Promise<string> {
  const root = join(dir, name);
  await Workspace.init(root, { name });
  await writeFile(join(root, 'bizops.yml'), `name: ${name}\nsources:\n${sources}`);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

async function rows(session: Session, sql: string): Promise<unknown[][]> {
  return session.engine.withConnection(async (connection) => (await connection.runAndReadAll(sql)).getRowsJson());
}

describe('syncing files', () => {
  let session: Session;
  afterEach(async () => session?.close());

  it('lands each file as raw_<source>.<table> and merges a re-synced file by key', async () => {
    const root = await workspaceWith('merge', '  crm:\n    type: files\n    options:\n      path: data/crm\n      primary_key: id\n', {
      'data/crm/deals.csv': 'id,name,amount\n1,Acme,10.50\n2,"Beta, Inc",20\n',
      'data/crm/Sales Targets.csv': 'quarter,amount\n2024-Q1,100\n',
    });
    session = await openSession(root, { secrets: new EnvSecretStore({}) });
    const first = await syncSource(session, 'crm');
    expect(first).toMatchObject({ status: 'success', rows: 3 });
    expect(first.tables.map((table) => table.name)).toEqual(['deals', 'sales_targets']);
    expect(await rows(session, 'select id::int, name, amount from raw_crm.deals order by id')).toEqual([
      [1, 'Acme', 10.5],
      [2, 'Beta, Inc', 20],
    ]);

    await writeFile(join(root, 'data/crm/deals.csv'), 'id,name,amount,stage\n2,"Beta, Inc",25,won\n3,Gamma,30,open\n');
    const second = await syncSource(session, 'crm');
    expect(second.tables.find((table) => table.name === 'deals')).toEqual({ name: 'deals', rows: 3, mode: 'changes' });
    expect(await rows(session, 'select id::int, name, amount, stage from raw_crm.deals order by id')).toEqual([
      [1, 'Acme', 10.5, null],
      [2, 'Beta, Inc', 25, 'won'],
      [3, 'Gamma', 30, 'open'],
    ]);

    const full = await syncSource(session, 'crm', { fullRefresh: true });
    expect(full.tables.find((table) => table.name === 'deals')).toEqual({ name: 'deals', rows: 2, mode: 'snapshot' });
    expect(await rows(session, 'select source, status, rows::int from _bizops.sync_runs order by started_at')).toEqual([
      ['crm', 'success', 3],
      ['crm', 'success', 4],
      ['crm', 'success', 3],
    ]);
  });

  it('lands a folder of CSV files as one table by column name, adding the columns a later file brings', async () => {
    const root = await workspaceWith('by-name', '  shop:\n    type: files\n    options:\n      path: data/orders\n      table: orders\n', {
      'data/orders/2024.csv': 'id,amount\n1,10\n2,20\n',
      'data/orders/2025.csv': 'amount,id\n30,3\n',
      'data/orders/2026.csv': 'id,region,amount\n4,EMEA,40\n',
    });
    session = await openSession(root, { secrets: new EnvSecretStore({}) });
    expect(await syncSource(session, 'shop')).toMatchObject({ status: 'success', rows: 4 });
    expect(await rows(session, 'select id::int, amount::int, region from raw_shop.orders order by id')).toEqual([
      [1, 10, null],
      [2, 20, null],
      [3, 30, null],
      [4, 40, 'EMEA'],
    ]);
  });

  it('reads Salesforce Data Export files with Salesforce types, empty strings as NULL', async () => {
    const root = await workspaceWith('export', '  salesforce:\n    type: files\n    options:\n      path: data/sf\n      mode: salesforce_export\n', {
      'data/sf/Opportunity.csv':
        '"Id","IsDeleted","AccountId","Amount","CloseDate","CreatedDate","IsWon","MQL_Date__c"\n' +
        '"006A","false","001A","12500.00","2024-03-31","2024-01-15T10:30:00.000Z","true","2024-01-02"\n' +
        '"006B","true","001B","","","2024-02-01T08:00:00.000Z","false",""\n',
      'data/sf/OpportunityHistory.csv': '"Id","OpportunityId","StageName","CreatedDate"\n"008A","006A","Prospecting","2024-01-15T10:30:00.000Z"\n',
    });
    session = await openSession(root, { secrets: new EnvSecretStore({}) });
    expect((await syncSource(session, 'salesforce')).status).toBe('success');
    const columns = await rows(session, "select column_name, data_type from duckdb_columns() where table_name = 'opportunity'");
    expect(columns).toEqual([
      ['Id', 'VARCHAR'], ['IsDeleted', 'BOOLEAN'], ['AccountId', 'VARCHAR'], ['Amount', 'DECIMAL(18,2)'],
      ['CloseDate', 'DATE'], ['CreatedDate', 'TIMESTAMP'], ['IsWon', 'BOOLEAN'], ['MQL_Date__c', 'DATE'],
    ]);
    expect(await rows(session, 'select Id, Amount, CloseDate, CreatedDate from raw_salesforce.opportunity order by Id')).toEqual([
      ['006A', '12500.00', '2024-03-31', '2024-01-15 10:30:00'],
      ['006B', null, null, '2024-02-01 08:00:00'],
    ]);
    expect(await rows(session, 'select count(*)::int from raw_salesforce.opportunity_history')).toEqual([[1]]);
  });
});

describe('bad input gets a clear error and loses nothing', () => {
  const good = 'id,name,closed\n1,Acme,2024-01-02\n2,Beta,2024-02-03\n';
  const cases: { name: string; files?: Record<string, string | Buffer>; options?: string; message: RegExp; where?: RegExp }[] = [
    { name: 'a ragged row', files: { 'deals.csv': 'id,name,closed\n1,Acme,2024-01-02\n2,Beta,2024-02-03,extra\n3,Gamma,2024-03-04\n' }, message: /deals\.csv: line 3 has 4 fields, but the header has 3\./, where: /deals\.csv:3$/ },
    { name: 'a bad date', files: { 'deals.csv': 'id,name,closed\n1,Acme,2024-01-02\n2,Beta,2024-13-45\n' }, options: '      types:\n        closed: DATE\n', message: /column closed at line 3: "2024-13-45" is not a valid DATE/, where: /deals\.csv:3$/ },
    { name: 'a file that is not UTF-8', files: { 'deals.csv': Buffer.from([0x69, 0x64, 0x0a, 0xff, 0xfe, 0x41, 0x0a]) }, message: /deals\.csv: it is not UTF-8 text/ },
    { name: 'an empty file', files: { 'deals.csv': '' }, message: /deals\.csv: the file is empty/ },
    { name: 'a broken Parquet file', files: { 'deals.parquet': 'PAR1 not really' }, message: /deals\.parquet: it is not a valid Parquet file/ },
    { name: 'malformed JSON', files: { 'deals.ndjson': '{"id": 1}\n{"id": 2,,}\n' }, message: /deals\.ndjson: malformed JSON/ },
    { name: 'an empty folder', files: {}, message: /No CSV, Parquet or JSON files were found at data\/in/ },
  ];

  for (const testCase of cases) {
    it(`reports ${testCase.name}`, async () => {
      const root = await workspaceWith(`bad-${testCase.name.replace(/\W+/g, '-')}`, `  crm:\n    type: files\n    options:\n      path: data/in\n${testCase.options ?? ''}`, {
        'data/in/deals.csv': good,
      });
      const session = await openSession(root, { secrets: new EnvSecretStore({}) });
      try {
        expect((await syncSource(session, 'crm')).status).toBe('success');
        const before = await rows(session, 'select * from raw_crm.deals order by id');
        await rm(join(root, 'data/in'), { recursive: true });
        await mkdir(join(root, 'data/in'));
        for (const [file, content] of Object.entries(testCase.files ?? {})) await writeFile(join(root, 'data/in', file), content);
        const failed = await syncSource(session, 'crm');
        expect(failed.status).toBe('failed');
        expect(failed.error?.message).toMatch(testCase.message);
        if (testCase.where) expect(failed.error?.where).toMatch(testCase.where);
        expect(failed.error?.hint).toBeTruthy();
        expect(await rows(session, 'select * from raw_crm.deals order by id')).toEqual(before);
        expect(await rows(session, "select status from _bizops.sync_runs order by started_at")).toEqual([['success'], ['failed']]);
      } finally {
        await session.close();
      }
    });
  }

  it('reports a type given for a column the file does not have', async () => {
    const root = await workspaceWith('bad-typed', '  crm:\n    type: files\n    options:\n      path: data/in\n      types:\n        nosuch: DATE\n', { 'data/in/deals.csv': good });
    const session = await openSession(root, { secrets: new EnvSecretStore({}) });
    try {
      const failed = await syncSource(session, 'crm');
      expect(failed.error?.message).toBe('Could not read data/in/deals.csv: it has no column "nosuch", which the source\'s options give a type.');
    } finally {
      await session.close();
    }
  });

  it('refuses a secret written in bizops.yml and an unknown option, naming the line', async () => {
    const root = await workspaceWith('bad-options', '  crm:\n    type: files\n    options:\n      path: data/in\n      primary_kee: id\n', { 'data/in/deals.csv': good });
    const session = await openSession(root, { secrets: new EnvSecretStore({}) });
    try {
      const failed = await syncSource(session, 'crm');
      expect(failed.error?.message).toBe('Invalid bizops.yml: ' + join(root, 'bizops.yml') + ':7: unknown key "sources.crm.options.primary_kee" (did you mean "primary_key"?)');
      await expect(syncSources(session, ['nosuch'])).rejects.toMatchObject({ code: 'not_found', hint: 'Sources in this workspace: crm.' });
    } finally {
      await session.close();
    }
  });
});

describe('any connector: rows, changes, deletes, state, failures', () => {
  const extracted: { state: unknown; fullRefresh: boolean }[] = [];
  /** What the next extract yields, and the error it then fails with, if any. */
  let script: (state: unknown) => { items: ExtractItem[]; fail?: string } = () => ({ items: [] });
  const memoryConnector: Connector = {
    type: 'memory',
    title: 'In-memory test source',
    description: 'Yields what each test scripts.',
    options: z.object({ token: z.string().meta({ secret: true }) }).strict(),
    capabilities: { incremental: true, deletes: true },
    async test() {
      return true;
    },
    async discover() {
      return [{ name: 'people', sourceName: 'People', primaryKey: ['id'], columns: [{ name: 'id', type: 'INTEGER' }, { name: 'name', type: 'VARCHAR' }, { name: 'seen', type: 'TIMESTAMP' }] }];
    },
    async *extract(_options, request) {
      extracted.push({ state: request.state, fullRefresh: request.fullRefresh });
      const planned = script(request.state);
      for (const item of planned.items) yield item;
      if (planned.fail) throw new Error(planned.fail);
      return { mode: request.state === undefined ? 'snapshot' : 'changes', state: { cursor: extracted.length } };
    },
  };
  let session: Session;

  beforeAll(async () => {
    addedConnectors.push(memoryConnector);
    const root = await workspaceWith('memory', '  people:\n    type: memory\n');
    session = await openSession(root, { secrets: new EnvSecretStore({ BIZOPS_PEOPLE_TOKEN: 's3cret' }) });
  });

  afterAll(async () => {
    addedConnectors.splice(addedConnectors.indexOf(memoryConnector), 1);
    await session.close();
  });

  it('lands batches of records with the table\'s types, then merges changes and applies deletes with the new state', async () => {
    script = () => ({
      items: [{ kind: 'rows', rows: [{ id: 1, name: 'Ann', seen: '2024-01-01T09:00:00Z' }, { id: 2, name: 'Bo', seen: null }, { id: 3, name: 'Cy', seen: null }] }],
    });
    const events: WorkbenchEvent[] = [];
    expect(await syncSource(session, 'people', { emit: (event) => events.push(event) })).toMatchObject({ status: 'success', rows: 3 });
    expect(await rows(session, "select data_type from duckdb_columns() where table_name = 'people' and column_name = 'seen'")).toEqual([['TIMESTAMP']]);
    expect(events.at(-1)).toMatchObject({ type: 'sync.finished', status: 'success', rows: 3 });
    expect(events.some((event) => event.type === 'sync.progress' && event.table === 'people' && event.rows === 3 && event.percent === 100)).toBe(true);

    script = () => ({
      items: [
        { kind: 'rows', rows: [{ id: 2, name: 'Bob', seen: null }, { id: 4, name: 'Di', seen: null }] },
        { kind: 'rows', rows: [{ id: 2, name: 'Bobby', seen: null }] },
        { kind: 'deleted', keys: [[3]] },
      ],
    });
    expect(await syncSource(session, 'people')).toMatchObject({ status: 'success', tables: [{ name: 'people', rows: 3, mode: 'changes' }] });
    expect(await rows(session, 'select id, name from raw_people.people order by id')).toEqual([[1, 'Ann'], [2, 'Bobby'], [4, 'Di']]);
    expect(extracted.at(-1)).toEqual({ state: { cursor: 1 }, fullRefresh: false });
    expect(await rows(session, "select state::varchar from _bizops.sync_state where source = 'people'")).toEqual([['{"cursor":2}']]);
  });

  it('rolls back everything, state included, when the source fails midway', async () => {
    const before = await rows(session, 'select * from raw_people.people order by id');
    script = () => ({ items: [{ kind: 'rows', rows: [{ id: 9, name: 'Zed', seen: null }] }], fail: 'the API went away' });
    const failed = await syncSource(session, 'people');
    expect(failed).toMatchObject({ status: 'failed', error: { message: 'the API went away', where: 'people' } });
    expect(await rows(session, 'select * from raw_people.people order by id')).toEqual(before);
    expect(await rows(session, "select state::varchar from _bizops.sync_state where source = 'people'")).toEqual([['{"cursor":2}']]);
  });

  it('stops on cancel and keeps the previous data', async () => {
    const before = await rows(session, 'select * from raw_people.people order by id');
    const cancel = new AbortController();
    script = () => {
      cancel.abort();
      return { items: [{ kind: 'rows', rows: [{ id: 7, name: 'Eve', seen: null }] }] };
    };
    const cancelled = await syncSource(session, 'people', { signal: cancel.signal });
    expect(cancelled.status).toBe('cancelled');
    expect(await rows(session, 'select * from raw_people.people order by id')).toEqual(before);
  });

  it('reads secrets from the environment, never from bizops.yml', async () => {
    const root = await workspaceWith('memory-secret', '  people:\n    type: memory\n    options:\n      token: hunter2\n');
    const other = await openSession(root, { secrets: new EnvSecretStore({}) });
    try {
      const failed = await syncSource(other, 'people');
      expect(failed.error).toMatchObject({
        code: 'secret_in_config',
        message: 'The token of source "people" is a secret and must not be written in bizops.yml.',
        hint: 'Remove it, and provide it through the BIZOPS_PEOPLE_TOKEN environment variable instead.',
      });
      expect(failed.error?.where).toMatch(/bizops\.yml:6$/);
    } finally {
      await other.close();
    }
  });
});

describe('a sync killed midway', () => {
  it('leaves the previous tables and state exactly as they were', async () => {
    const root = await workspaceWith('killed', '  crm:\n    type: files\n    options:\n      path: data/crm\n', {
      'data/crm/accounts.csv': 'id,name\n1,Acme\n2,Beta\n',
      'data/crm/events/part-00.csv': 'i,payload\n1,first\n',
    });
    const first = await runCli(['sync'], { cwd: root });
    expect(first.code).toBe(0);
    const snapshot = async () => {
      const instance = await DuckDBInstance.create(join(root, '.bizops/warehouse.duckdb'));
      const connection = await instance.connect();
      try {
        const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowsJson();
        return {
          tables: await read("select schema_name, table_name from duckdb_tables() where schema_name = 'raw_crm' order by all"),
          accounts: await read('select * from raw_crm.accounts order by id'),
          events: await read('select count(*)::int, sum(i)::varchar from raw_crm.events'),
          state: await read('select source, table_name, state::varchar from _bizops.sync_state order by all'),
        };
      } finally {
        connection.disconnectSync();
        instance.closeSync();
      }
    };

    // Make the second sync long: new accounts first, then many large event files.
    await writeFile(join(root, 'data/crm/accounts.csv'), 'id,name\n1,Acme\n2,Beta\n3,Gamma\n');
    const generator = await DuckDBInstance.create(':memory:');
    const writer = await generator.connect();
    for (let part = 0; part < 12; part++) {
      await writer.run(`COPY (SELECT range AS i, md5(range::varchar) AS payload FROM range(${part * 400_000}, ${(part + 1) * 400_000}))
                        TO '${join(root, `data/crm/events/part-${String(part).padStart(2, '0')}.csv`)}' (HEADER)`);
    }
    writer.disconnectSync();
    generator.closeSync();
    const before = await snapshot();
    expect(before.accounts).toHaveLength(2);

    const child = spawn(process.execPath, [BIZOPS_BIN, 'sync'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // The accounts table has landed inside the open transaction; the events are loading.
        if (/crm › accounts \[1\/2\].*100%/.test(stderr)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`the sync ended before it could be killed:\n${stderr}`)));
    });
    await new Promise((resolve) => child.once('close', resolve));

    expect(await snapshot()).toEqual(before);
    const next = await runCli(['sync'], { cwd: root });
    expect(next.code).toBe(0);
    const after = await snapshot();
    expect(after.accounts).toHaveLength(3);
    expect(after.events).toEqual([[4_800_000, String((4_800_000 * 4_799_999) / 2)]]);
    const statuses = await runCli(['query', 'select status from _bizops.sync_runs order by started_at', '--format', 'csv'], { cwd: root });
    expect(statuses.stdout).toBe('status\r\nsuccess\r\ninterrupted\r\nsuccess\r\n');
  });
});
