import { appendFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryHistory } from './history.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-history-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (sql: string, at = '2024-05-01T10:00:00.000Z') => ({ at, sql, elapsedMs: 3, rowCount: 1 });

describe('query history', () => {
  it('finds entries newest first by SQL or query name, and survives a torn line', async () => {
    const history = new QueryHistory(join(dir, 'history.jsonl'));
    await history.record(entry('select * from core.accounts'));
    await history.record({ ...entry('select 1'), query: 'Pipeline review' });
    // A process killed mid-write leaves a torn line; the next session's history reads and writes on.
    await appendFile(join(dir, 'history.jsonl'), '{"at":"2024-05-01T10:0');
    const nextSession = new QueryHistory(join(dir, 'history.jsonl'));
    await nextSession.record(entry('select count(*) from core.deals'));
    expect((await nextSession.search('', 10)).map((e) => e.sql)).toEqual([
      'select count(*) from core.deals', 'select 1', 'select * from core.accounts',
    ]);
    expect((await nextSession.search('CORE.', 1)).map((e) => e.sql)).toEqual(['select count(*) from core.deals']);
    expect((await nextSession.search('pipeline', 10)).map((e) => e.sql)).toEqual(['select 1']);
  });

  it('cuts itself back to the newest entries when the file grows large', async () => {
    const file = join(dir, 'big.jsonl');
    const history = new QueryHistory(file);
    const padding = 'x'.repeat(50_000);
    for (let i = 0; i < 100; i++) await history.record(entry(`select ${i} -- ${padding}`));
    const { size } = await stat(file);
    expect(size).toBeLessThan(4 * 1024 * 1024);
    expect(size).toBeGreaterThan(1024 * 1024);
    expect((await history.search('', 1))[0].sql).toContain('select 99 ');
  });
});
