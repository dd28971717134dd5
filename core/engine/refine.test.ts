import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { refineResult, refineSelect } from './refine.ts';

let dir: string;
let engine: Engine;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-refine-'));
  engine = await Engine.open(join(dir, 'warehouse.duckdb'));
});

afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

const ACCOUNTS = `select * from (values
  ('A-1', 'Acme', 'Enterprise', 1200.50::decimal(18,2)),
  ('A-2', 'Bolt', 'SMB', 80.00),
  ('A-3', 'Crux', 'Enterprise', null),
  ('A-4', 'acme labs', 'Mid-Market', 310.25),
  ('A-5', 'Dune', 'SMB', 80.00)) t(account_id, account_name, segment, arr)`;

const ids = (arrow: Uint8Array) => tableFromIPC(arrow).toArray().map((row) => String(row.toJSON().account_id));

describe('refineSelect', () => {
  it('builds one SELECT with quoted names, bound values and a stable order', () => {
    const { sql, params } = refineSelect('bizops_result', ['segment', 'odd "name"'], {
      sort: [{ column: 1, descending: true }],
      filters: [
        { column: 0, operator: '=', value: 'SMB' },
        { column: 1, operator: 'contains', value: "'; drop table x; --" },
        { column: 1, operator: 'is not null' },
      ],
    });
    expect(sql).toBe(
      'SELECT * FROM bizops_result WHERE "segment" = $1 AND contains(lower(CAST("odd ""name""" AS VARCHAR)), lower($2))' +
        ' AND "odd ""name""" IS NOT NULL ORDER BY "odd ""name""" DESC NULLS LAST, rowid',
    );
    expect(params).toEqual(['SMB', "'; drop table x; --"]);
  });

  it('names a column the result does not have', () => {
    expect(() => refineSelect('t', ['a'], { sort: [{ column: 3, descending: false }], filters: [] })).toThrow(
      'The result has no column 4; it has 1.',
    );
  });
});

describe('refining a kept result', () => {
  it('sorts and filters in DuckDB, pages the refined rows, and goes back when cleared', async () => {
    await engine.runQuery({ sql: ACCOUNTS, queryId: 'accounts', pageSize: 10 });
    const sorted = await engine.withResultTable('accounts', (result) =>
      refineResult(result, { sort: [{ column: 3, descending: true }], filters: [] }),
    );
    expect(sorted.rowCount).toBe(5);
    // Ties (80.00) keep the result's order; NULL goes last.
    expect(ids((await engine.fetchPage('accounts', 0, 10)).arrow)).toEqual(['A-1', 'A-4', 'A-2', 'A-5', 'A-3']);

    const filtered = await engine.withResultTable('accounts', (result) =>
      refineResult(result, {
        sort: [],
        filters: [
          { column: 1, operator: 'contains', value: 'ACME' },
          { column: 3, operator: '>', value: '300' },
        ],
      }),
    );
    expect(filtered.rowCount).toBe(2);
    expect(ids((await engine.fetchPage('accounts', 0, 10)).arrow)).toEqual(['A-1', 'A-4']);

    await engine.withResultTable('accounts', (result) => refineResult(result, { sort: [], filters: [] }));
    expect(ids((await engine.fetchPage('accounts', 0, 10)).arrow)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
  });

  it('treats a value as a value, never as SQL', async () => {
    await engine.runQuery({ sql: ACCOUNTS, queryId: 'injection', pageSize: 10 });
    const refined = await engine.withResultTable('injection', (result) =>
      refineResult(result, { sort: [], filters: [{ column: 2, operator: '=', value: "SMB' or '1'='1" }] }),
    );
    expect(refined.rowCount).toBe(0);
  });

  it('explains a value that does not fit the column, and keeps the previous view', async () => {
    await engine.runQuery({ sql: ACCOUNTS, queryId: 'bad', pageSize: 10 });
    await engine.withResultTable('bad', (result) =>
      refineResult(result, { sort: [], filters: [{ column: 2, operator: '=', value: 'SMB' }] }),
    );
    const failure = engine.withResultTable('bad', (result) =>
      refineResult(result, { sort: [], filters: [{ column: 3, operator: '>', value: 'lots' }] }),
    );
    await expect(failure).rejects.toMatchObject({
      code: 'invalid_filter',
      message: expect.stringContaining('Conversion Error'),
      where: 'arr > "lots"',
    });
    expect(ids((await engine.fetchPage('bad', 0, 10)).arrow)).toEqual(['A-2', 'A-5']);
  });

  it('refuses results that are not tables of rows', async () => {
    await engine.runQuery({ sql: 'create table made as select 1 as x', queryId: 'ddl', pageSize: 10 });
    await expect(engine.withResultTable('ddl', async () => 1)).rejects.toMatchObject({ code: 'unsupported' });
  });
});
