import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorContext, ExtractItem } from '../types.ts';
import { filesConnector, filesOptions } from './files.ts';

let dir: string;
let context: ConnectorContext;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-files-'));
  context = { signal: new AbortController().signal, tempDir: dir, workspaceDir: dir, log: () => undefined, progress: () => undefined };
  const files: Record<string, string> = {
    'exports/Account.csv': '"Id","Name","NumberOfEmployees","CreatedDate"\n"001A","Acme","120","2024-01-15T10:30:00.000Z"\n',
    'exports/OpportunityHistory.csv': '"Id","OpportunityId","StageName","CreatedDate"\n"008A","006A","Prospecting","2024-01-15T10:30:00.000Z"\n',
    'exports/.DS_Store': 'ignored',
    'mixed/orders.csv': 'id;amount\n1;2.5\n',
    'mixed/events/2024-01.ndjson': '{"at":"2024-01-01T00:00:00","n":1}\n',
    'mixed/events/2024-02.ndjson': '{"at":"2024-02-01T00:00:00","n":2}\n',
    'mixed/notes.md': 'not data',
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(generator: AsyncGenerator<ExtractItem, unknown>): Promise<{ items: ExtractItem[]; end: unknown }> {
  const items: ExtractItem[] = [];
  for (;;) {
    const next = await generator.next();
    if (next.done) return { items, end: next.value };
    items.push(next.value);
  }
}

describe('the files connector', () => {
  it('discovers Salesforce export tables by object, with Salesforce types and Id as the key', async () => {
    const options = filesOptions.parse({ path: 'exports', mode: 'salesforce_export' });
    const tables = await filesConnector.discover(options, context);
    expect(tables.map((table) => [table.name, table.sourceName, table.primaryKey])).toEqual([
      ['account', 'Account', ['Id']],
      ['opportunity_history', 'OpportunityHistory', ['Id']],
    ]);
    expect(tables[0].columns).toEqual([
      { name: 'Id', type: 'VARCHAR' },
      { name: 'Name', type: 'VARCHAR' },
      { name: 'NumberOfEmployees', type: 'INTEGER' },
      { name: 'CreatedDate', type: 'TIMESTAMP' },
    ]);
  });

  it('names a table per file and per folder, and skips what is not data', async () => {
    const options = filesOptions.parse({ path: 'mixed', csv: { delimiter: ';' }, primary_key: { orders: 'id' } });
    const tables = await filesConnector.discover(options, context);
    expect(tables.map((table) => [table.name, table.primaryKey])).toEqual([['events', undefined], ['orders', ['id']]]);
    expect(tables[1].columns).toEqual([{ name: 'id', type: 'BIGINT' }, { name: 'amount', type: 'DOUBLE' }]);
    const events = await collect(filesConnector.extract(options, { table: tables[0], state: undefined, fullRefresh: false }, context));
    expect(events.items.map((item) => item.kind === 'file' && item.label)).toEqual(['mixed/events/2024-01.ndjson', 'mixed/events/2024-02.ndjson']);
    expect(events.end).toMatchObject({ mode: 'snapshot' });
  });

  it('reads a glob into one table when asked, and re-reads only changed files when merging by key', async () => {
    const options = filesOptions.parse({ path: 'mixed/events/*.ndjson', table: 'all_events', primary_key: 'n' });
    const [table] = await filesConnector.discover(options, context);
    expect(table.name).toBe('all_events');
    const first = await collect(filesConnector.extract(options, { table, state: undefined, fullRefresh: false }, context));
    expect(first.items).toHaveLength(2);
    const state = (first.end as { state: unknown }).state;
    await writeFile(join(dir, 'mixed/events/2024-02.ndjson'), '{"at":"2024-02-01T00:00:00","n":2}\n{"at":"2024-02-02T00:00:00","n":3}\n');
    const second = await collect(filesConnector.extract(options, { table, state, fullRefresh: false }, context));
    expect(second.items.map((item) => item.kind === 'file' && item.label)).toEqual(['mixed/events/2024-02.ndjson']);
    expect(second.end).toMatchObject({ mode: 'changes' });
    const full = await collect(filesConnector.extract(options, { table, state, fullRefresh: true }, context));
    expect(full.items).toHaveLength(2);
    expect(full.end).toMatchObject({ mode: 'snapshot' });
  });

  it('tests a path a person can fix', async () => {
    expect(await filesConnector.test(filesOptions.parse({ path: 'exports' }), context)).toBe(true);
    expect(await filesConnector.test(filesOptions.parse({ path: 'nowhere' }), context)).toBe(
      'nowhere does not exist. Fix the source\'s `path` in bizops.yml (relative paths start at the workspace folder).',
    );
  });
});
