import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../service.ts';
import { EnvSecretStore } from '../workspace/secrets.ts';
import { Workspace } from '../workspace/workspace.ts';

let dir: string;
let session: Session;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-run-'));
  await Workspace.init(join(dir, 'ws'), { name: 'Runs' });
  session = await openSession(join(dir, 'ws'), { secrets: new EnvSecretStore({}) });
  await session.handlers.runQuery({
    sql: `create schema core; create schema staging; create schema analytics;
          create table staging.accounts as select 'staging' as origin;
          create table core.accounts as select 'core' as origin;
          create table analytics.deals as select 'analytics' as origin;`,
    pageSize: 10,
  });
});

afterAll(async () => {
  await session.close();
  await rm(dir, { recursive: true, force: true });
});

const firstValue = (arrow: Uint8Array) => Object.values(tableFromIPC(arrow).get(0)!.toJSON())[0];

describe('running part of the editor\'s text', () => {
  const text = 'select 1 as one;\nselect 2 as two;\nselect 3 as three';

  it('runs the statement under the cursor and says which part ran', async () => {
    const result = await session.handlers.runQuery({ sql: text, cursor: text.indexOf('2 as'), pageSize: 10 });
    expect(result.columns[0].name).toBe('two');
    expect(result.ran).toEqual({ start: 17, end: 32 });
  });

  it('runs a selection', async () => {
    const start = text.indexOf('select 3');
    const result = await session.handlers.runQuery({ sql: text, selection: { start, end: text.length }, pageSize: 10 });
    expect(result.columns[0].name).toBe('three');
  });

  it('points an error in a selection or statement at the editor\'s line and column', async () => {
    const sql = 'select 1;\n\nselect id,\n       nosuch\nfrom range(3) t(id)';
    const cursor = sql.indexOf('id,');
    const failure = await session.handlers.runQuery({ sql, cursor, pageSize: 10 }).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: 'sql_error',
      where: 'query, line 4, column 8',
      details: { position: sql.indexOf('nosuch'), line: 4, column: 8 },
    });
    const selected = await session.handlers
      .runQuery({ sql, selection: { start: sql.indexOf('select id'), end: sql.length }, pageSize: 10 })
      .catch((error: unknown) => error);
    expect(selected).toMatchObject({ details: { position: sql.indexOf('nosuch') } });
  });
});

describe('ref() in the editor', () => {
  it('runs against core before staging before other schemas', async () => {
    const result = await session.handlers.runQuery({ sql: "select * from {{ ref('accounts') }}", pageSize: 10 });
    expect(firstValue(result.firstPage.arrow)).toBe('core');
    const other = await session.handlers.runQuery({ sql: 'select * from {{ ref("deals") }}', pageSize: 10 });
    expect(firstValue(other.firstPage.arrow)).toBe('analytics');
  });

  it('tells which statement the result holds, refs resolved, so a dashboard tile can run it again', async () => {
    const result = await session.handlers.runQuery({ sql: "create temp table t as select 1;\nselect * from {{ ref('accounts') }} -- all\n;", pageSize: 10 });
    expect(result.statement).toMatch(/^select \* from "?core"?\."?accounts"? -- all$/);
  });

  it('names a ref with no table and points at it; errors after a ref point at the right place', async () => {
    const sql = "select 1;\nselect * from {{ ref('acounts') }}";
    const missing = await session.handlers.runQuery({ sql, cursor: sql.length, pageSize: 10 }).catch((error: unknown) => error);
    expect(missing).toMatchObject({
      code: 'sql_error',
      message: expect.stringContaining("ref('acounts') names no table"),
      where: 'query, line 2, column 15',
    });
    const after = "select origin from {{ ref('accounts') }} where nosuch > 1";
    const failure = await session.handlers.runQuery({ sql: after, pageSize: 10 }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ details: { position: after.indexOf('nosuch') } });
  });
});

describe('query history', () => {
  it('records editor runs, failures included, and finds them by text, newest first', async () => {
    await session.handlers.runQuery({ sql: 'select 42 as answer', pageSize: 10, history: { query: 'Answers' } });
    await session.handlers.runQuery({ sql: 'select nope', pageSize: 10, history: {} }).catch(() => undefined);
    await session.handlers.runQuery({ sql: 'select 43 as not_recorded', pageSize: 10 });
    const { entries } = await session.handlers.queryHistory({ search: '', limit: 10 });
    expect(entries.map((entry) => entry.sql)).toEqual(['select nope', 'select 42 as answer']);
    expect(entries[0].error).toContain('Referenced column "nope" was not found');
    expect(entries[1]).toMatchObject({ query: 'Answers', rowCount: 1 });
    expect((await session.handlers.queryHistory({ search: 'ANSWER', limit: 10 })).entries).toHaveLength(1);
    const file = await readFile(join(session.workspace.stateDir, 'history.jsonl'), 'utf8');
    expect(file.trim().split('\n')).toHaveLength(2);
  });
});

describe('SQL vocabulary', () => {
  it('lists DuckDB\'s functions once each, with signatures, and its keywords', async () => {
    const { functions, keywords } = await session.handlers.sqlVocabulary({});
    const dateTrunc = functions.find((f) => f.name === 'date_trunc');
    expect(dateTrunc).toMatchObject({ kind: 'scalar', signature: 'date_trunc(part, timestamp)' });
    expect(functions.filter((f) => f.name === 'date_trunc')).toHaveLength(1);
    expect(functions.some((f) => !/^[a-z][a-z0-9_]*$/.test(f.name))).toBe(false);
    expect(keywords).toContainEqual({ name: 'select', reserved: true });
  });
});
