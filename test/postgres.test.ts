import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from './postgres.ts';

let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
});

afterAll(async () => {
  await server?.stop();
});

describe('the embedded Postgres test server', () => {
  it('serves separate databases on a loopback port, behind a password', async () => {
    const first = await server.createDatabase();
    const second = await server.createDatabase('second_db');
    expect(second).toBe('second_db');
    await server.query(first, 'CREATE TABLE t AS SELECT 1 AS n');
    expect(await server.query(first, 'SELECT n FROM t')).toEqual([{ n: 1 }]);
    await expect(server.query(second, 'SELECT n FROM t')).rejects.toThrow('relation "t" does not exist');
    expect(server.host).toBe('127.0.0.1');

    const intruder = new pg.Client({ ...server.connection(first), password: 'wrong' });
    await expect(intruder.connect()).rejects.toThrow(/password authentication failed/);
  });
});
