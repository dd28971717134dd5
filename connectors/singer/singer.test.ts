import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileReadSql, type FileItem } from '../fileReaders.ts';
import { initialCustomers, TAP_FIXTURE, writeTapData } from '../testkit/subjects/singer.ts';
import type { ConnectorContext, ExtractEnd, ExtractItem, TableSpec } from '../types.ts';
import { singerConnector, singerOptions, type SingerOptions } from './singer.ts';

let dir: string;
let dataFile: string;

function context(signal = new AbortController().signal): ConnectorContext {
  return { signal, tempDir: dir, workspaceDir: dir, log: () => undefined, progress: () => undefined };
}

function options(config: Record<string, unknown> = {}, password = 'open sesame', extra: Record<string, unknown> = {}): SingerOptions {
  return singerOptions.parse({
    command: process.execPath,
    args: [TAP_FIXTURE],
    config: { data_file: dataFile, ...config },
    secret_config: JSON.stringify({ password }),
    ...extra,
  });
}

async function extractAll(opts: SingerOptions, table: TableSpec, state?: unknown) {
  const items: (ExtractItem & { text?: string })[] = [];
  const extract = singerConnector.extract(opts, { table, state, fullRefresh: false }, context());
  for (;;) {
    const next = await extract.next();
    if (next.done) return { items, end: next.value as ExtractEnd };
    items.push(next.value.kind === 'file' ? { ...next.value, text: await readFile(next.value.path, 'utf8') } : next.value);
  }
}

async function table(name: string, opts = options()): Promise<TableSpec> {
  return (await singerConnector.discover(opts, context())).find((candidate) => candidate.sourceName === name)!;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-singer-'));
  dataFile = join(dir, 'data.json');
  await writeTapData(dataFile, { customers: initialCustomers(), events: [{ at: '2024-05-01T00:00:00Z', kind: 'login', detail: { ip: '10.0.0.1' } }] });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a Singer tap', () => {
  it('offers the streams of its --discover catalog with JSON Schema types mapped to DuckDB', async () => {
    const tables = await singerConnector.discover(options(), context());
    expect(tables.map((spec) => [spec.name, spec.primaryKey])).toEqual([['customers', ['id']], ['events', undefined]]);
    expect(tables[0].columns).toEqual([
      { name: 'id', type: 'BIGINT' }, { name: 'name', type: 'VARCHAR' }, { name: 'plan', type: 'VARCHAR' },
      { name: 'mrr', type: 'DECIMAL(18,2)' }, { name: 'signed_up', type: 'DATE' }, { name: 'updated_at', type: 'TIMESTAMPTZ' },
      { name: 'tags', type: 'JSON' },
    ]);
  });

  it('reads RECORD messages in batches DuckDB loads with the schema\'s types, and returns the last STATE', async () => {
    const { items, end } = await extractAll(options({}, 'open sesame'), await table('customers'), undefined);
    const files = items.filter((item): item is FileItem & { text: string } => item.kind === 'file');
    expect(files.map((file) => file.text.trim().split('\n').length)).toEqual([3]);
    expect(end).toEqual({ mode: 'snapshot', state: { bookmarks: { customers: { updated_at: '2024-05-03T09:00:00Z' } } } });

    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run("SET TimeZone = 'UTC'");
      const { sql, params } = fileReadSql({ ...files[0], text: undefined } as FileItem);
      const read = await connection.runAndReadAll(`SELECT id, mrr::VARCHAR, signed_up::VARCHAR, updated_at::VARCHAR, tags::VARCHAR FROM ${sql} ORDER BY id`, params);
      expect(read.getRowsJson()).toEqual([
        ['1', '990.50', '2024-01-03', '2024-05-01 09:00:00+00', '["churn-risk"]'],
        ['2', '120.00', '2024-02-10', '2024-05-02 07:00:00+00', null],
        ['3', '450.25', '2024-03-15', '2024-05-03 09:00:00+00', null],
      ]);
    } finally {
      connection.disconnectSync();
      instance.closeSync();
    }
  });

  it('passes the saved state back so the tap sends only changes, merged by key', async () => {
    const opts = options({}, 'open sesame', { batch_records: 1 });
    const state = { bookmarks: { customers: { updated_at: '2024-05-02T12:00:00Z' } } };
    const { items, end } = await extractAll(opts, await table('customers', opts), state);
    expect(items.filter((item) => item.kind === 'file').map((item) => JSON.parse(item.text!).id)).toEqual([3]);
    expect(end.mode).toBe('changes');
  });

  it('replaces a stream whose tap activates a version (a full table)', async () => {
    const { items, end } = await extractAll(options(), await table('events'), { bookmarks: {} });
    expect(items.filter((item) => item.kind === 'file').map((item) => item.text!.trim())).toEqual(['{"at":"2024-05-01T00:00:00Z","kind":"login","detail":{"ip":"10.0.0.1"}}']);
    expect(end.mode).toBe('snapshot');
  });

  it('fails with the tail of its stderr when the tap crashes or exits non-zero', async () => {
    const attempt = extractAll(options({ crash_after: 2, exit_code: 3 }, 'open sesame', { batch_records: 1 }), await table('customers'));
    await expect(attempt).rejects.toMatchObject({
      message: `The tap ${process.execPath} exited with code 3: ERROR requests.exceptions.ConnectionError: the API closed the connection`,
      hint: expect.stringMatching(/^Its error output ended with:\nINFO Starting tap-fixture\nERROR requests\.exceptions\.ConnectionError.*\nThe previous data is unchanged/s),
    });
  });

  it('fails on junk in its output, naming the line', async () => {
    await expect(extractAll(options({ junk_after: 1 }), await table('customers'))).rejects.toMatchObject({
      message: `The tap ${process.execPath} printed something that is not a Singer message (stdout line 3): Traceback (most recent call last): not a Singer message`,
    });
  });

  it('tells a refused password and a missing tap in words a person can act on', async () => {
    expect(await singerConnector.test(options({}, 'wrong'), context())).toMatch(
      new RegExp(`^The tap .+ exited with code 1: CRITICAL authentication failed: the API refused the password Its error output ended with:`),
    );
    expect(await singerConnector.test(singerOptions.parse({ command: 'tap-that-is-not-installed' }), context())).toBe(
      'The tap tap-that-is-not-installed was not found. Install it (for example `pipx install tap-…`) so it is on PATH, or give its full path as the source\'s command.',
    );
  });
});
