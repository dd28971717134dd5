import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';

let dir: string;
let engine: Engine;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-engine-'));
  engine = await Engine.open(join(dir, 'warehouse.duckdb'));
});

afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

describe('runQuery', () => {
  it('returns the first page as Arrow with exact types and values', async () => {
    const result = await engine.runQuery({
      sql: `select 42 as answer, 12.34::decimal(18,2) as amount, -0.5::decimal(4,1) as small,
                   'héllo wörld, a string longer than twelve bytes' as text, 'short' as s, null::varchar as missing,
                   date '2024-02-29' as day, timestamp '2024-02-29 13:45:00' as at, true as flag,
                   12345678901234::bigint as big, interval 3 day as gap, [1, 2] as list`,
      pageSize: 10,
    });
    expect(result.rowCount).toBe(1);
    expect(result.statementType).toBe('SELECT');
    expect(result.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'answer:INTEGER', 'amount:DECIMAL(18,2)', 'small:DECIMAL(4,1)', 'text:VARCHAR', 's:VARCHAR', 'missing:VARCHAR',
      'day:DATE', 'at:TIMESTAMP', 'flag:BOOLEAN', 'big:BIGINT', 'gap:INTERVAL', 'list:INTEGER[]',
    ]);
    const table = tableFromIPC(result.firstPage.arrow);
    const row = table.get(0)!.toJSON();
    expect(row.answer).toBe(42);
    expect(decimalText(row.amount as Uint32Array, 2)).toBe('12.34');
    expect(decimalText(row.small as Uint32Array, 1)).toBe('-0.5');
    expect(row.text).toBe('héllo wörld, a string longer than twelve bytes');
    expect(row.s).toBe('short');
    expect(row.missing).toBeNull();
    expect(new Date(row.day as number).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(new Date(row.at as number).toISOString()).toBe('2024-02-29T13:45:00.000Z');
    expect(row.flag).toBe(true);
    expect(row.big).toBe(12345678901234n);
    expect(row.gap).toBe('3 days');
    expect(row.list).toBe('[1, 2]');
    expect(table.schema.fields[1].metadata.get('duckdb_type')).toBe('DECIMAL(18,2)');
  });

  it('keeps a large result in the engine and pages it by offset, in order', async () => {
    const result = await engine.runQuery({
      sql: 'select i, i * 2 as doubled from range(1000000) t(i) order by i desc',
      queryId: 'big',
      pageSize: 100,
    });
    expect(result.rowCount).toBe(1_000_000);
    expect(tableFromIPC(result.firstPage.arrow).numRows).toBe(100);
    expect(tableFromIPC(result.firstPage.arrow).get(0)!.toJSON().i).toBe(999_999n);
    const page = await engine.fetchPage('big', 999_990, 50);
    expect(page.rowCount).toBe(10);
    const rows = tableFromIPC(page.arrow).toArray().map((r) => Number(r.toJSON().i));
    expect(rows).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const middle = tableFromIPC((await engine.fetchPage('big', 500_000, 3000)).arrow);
    expect(middle.numRows).toBe(3000);
    expect(Number(middle.get(2999)!.toJSON().i)).toBe(999_999 - 502_999);
    expect(await engine.closeQuery('big')).toBe(true);
    await expect(engine.fetchPage('big', 0, 10)).rejects.toThrow(/no open result/);
  });

  it('runs several statements and keeps the last result; DDL and PRAGMA results page too', async () => {
    const result = await engine.runQuery({
      sql: "create or replace table t as select 1 as x; insert into t values (2), (3); -- comment; with a ';'\nselect * from t order by x",
      pageSize: 10,
    });
    expect(result.rowCount).toBe(3);
    const pragma = await engine.runQuery({ sql: "pragma table_info('t')", pageSize: 10 });
    expect(pragma.rowCount).toBe(1);
    expect(tableFromIPC(pragma.firstPage.arrow).get(0)!.toJSON().name).toBe('x');
    const insert = await engine.runQuery({ sql: 'insert into t values (4)', pageSize: 10 });
    expect(insert.statementType).toBe('INSERT');
    const describe = await engine.runQuery({ sql: 'describe t', pageSize: 10 });
    expect(describe.rowCount).toBe(1);
  });

  it('reports SQL errors with the line and column of the user\'s text', async () => {
    const error = await engine
      .runQuery({ sql: 'select 1;\nselect nosuch\n  from range(3)', pageSize: 10 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sql_error', where: 'query, line 2, column 8' });
    expect((error as Error).message).toMatch(/Binder Error: Referenced column "nosuch" not found/);
    const runtime = await engine.runQuery({ sql: "select 'abc'::integer", pageSize: 10 }).catch((e: unknown) => e);
    expect(runtime).toMatchObject({ code: 'sql_error', where: 'query, line 1, column 13', details: { position: 12 } });
  });

  it('cancels a running query by id', async () => {
    const running = engine.runQuery({
      sql: 'select count(*) from range(100000000) a, range(100) b where a.range + b.range = -1',
      queryId: 'slow',
      pageSize: 10,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(engine.cancelQuery('slow')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(engine.cancelQuery('slow')).toBe(false);
  });
});

describe('catalog', () => {
  it('lists schemas, tables, views and columns with types and comments', async () => {
    await engine.runQuery({
      sql: `create schema if not exists core;
            create or replace table core.accounts (account_id varchar primary key, employees integer);
            comment on table core.accounts is 'One row per customer';
            comment on column core.accounts.account_id is 'Salesforce Account Id';
            insert into core.accounts values ('a', 10), ('b', 20);
            create or replace view core.big_accounts as select * from core.accounts where employees > 15`,
      pageSize: 1,
    });
    const catalog = await engine.catalog();
    expect(catalog.schemas).toContain('core');
    const accounts = catalog.tables.find((t) => t.schema === 'core' && t.name === 'accounts');
    expect(accounts).toMatchObject({ kind: 'table', rowCount: 2, description: 'One row per customer' });
    expect(accounts?.columns).toEqual([
      { name: 'account_id', type: 'VARCHAR', nullable: false, description: 'Salesforce Account Id' },
      { name: 'employees', type: 'INTEGER', nullable: true, description: null },
    ]);
    expect(catalog.tables.find((t) => t.name === 'big_accounts')).toMatchObject({ kind: 'view', rowCount: null });
  });
});

function decimalText(words: Uint32Array, scale: number): string {
  const value = new BigInt64Array(words.buffer, words.byteOffset, 2)[0];
  const digits = (value < 0n ? -value : value).toString().padStart(scale + 1, '0');
  return `${value < 0n ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
