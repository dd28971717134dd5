import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { exportResult } from './export.ts';
import { refineResult } from './refine.ts';

let dir: string;
let exportsDir: string;
let engine: Engine;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-export-'));
  exportsDir = join(dir, 'exports');
  engine = await Engine.open(join(dir, 'warehouse.duckdb'));
  await engine.runQuery({
    sql: `select i as order_id, 'A-' || i as account_id, (i * 1.25)::decimal(18,2) as amount, null::varchar as note
          from range(300000) t(i)`,
    queryId: 'orders',
    pageSize: 100,
  });
});

afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

const exported = (format: 'csv' | 'parquet' | 'json') =>
  engine.withResultTable('orders', (result) => exportResult(result, { exportsDir, format, name: 'orders' }));

describe('exporting a kept result', () => {
  it('writes every row as CSV, not only the pages the grid read', async () => {
    const file = await exported('csv');
    expect(file).toMatchObject({ fileName: 'orders.csv', rowCount: 300_000 });
    expect(file.downloadPath).toMatch(/^\/downloads\/[A-Za-z0-9_-]+\/orders\.csv$/);
    const lines = (await readFile(file.path, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(300_001);
    expect(lines[0]).toBe('order_id,account_id,amount,note');
    expect(lines[300_000]).toBe('299999,A-299999,374998.75,');
    expect(file.bytes).toBe((await stat(file.path)).size);
  });

  it('writes Parquet and JSON that DuckDB reads back with the same rows and types', async () => {
    const parquet = await exported('parquet');
    const json = await exported('json');
    const check = await engine.withConnection(async (connection) => {
      const fromParquet = await connection.runAndReadAll(
        `select count(*), sum(amount)::varchar, any_value(typeof(amount)) from read_parquet($1)`,
        [parquet.path],
      );
      const fromJson = await connection.runAndReadAll(`select count(*), max(order_id) from read_json($1)`, [json.path]);
      return [fromParquet.getRowsJS()[0], fromJson.getRowsJS()[0]];
    });
    expect(check[0]).toEqual([300_000n, '56249812500.00', 'DECIMAL(18,2)']);
    expect(check[1]).toEqual([300_000n, 299_999n]);
    expect((await readFile(json.path, 'utf8')).startsWith('[')).toBe(true);
  });

  it('exports the rows as refined: filtered and sorted', async () => {
    await engine.withResultTable('orders', (result) =>
      refineResult(result, { sort: [{ column: 0, descending: true }], filters: [{ column: 0, operator: '<', value: '3' }] }),
    );
    const file = await exported('csv');
    expect(file.rowCount).toBe(3);
    expect(await readFile(file.path, 'utf8')).toBe('order_id,account_id,amount,note\n2,A-2,2.50,\n1,A-1,1.25,\n0,A-0,0.00,\n');
    await engine.withResultTable('orders', (result) => refineResult(result, { sort: [], filters: [] }));
  });

  it('says why a failed export failed and leaves no file behind', async () => {
    const before = await readdir(exportsDir);
    const failure = engine.withResultTable('orders', (result) =>
      exportResult({ ...result, view: { table: 'no_such_table', rowCount: 0 } }, { exportsDir, format: 'csv', name: 'orders' }),
    );
    await expect(failure).rejects.toMatchObject({ code: 'export_failed', message: expect.stringContaining('no_such_table') });
    expect(await readdir(exportsDir)).toEqual(before);
  });
});
