import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SavedQueries } from './savedQueries.ts';

let root: string;
let queries: SavedQueries;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bizops-queries-'));
  queries = new SavedQueries(root);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('saved queries', () => {
  it('are .sql files in queries/, created under a free name', async () => {
    const first = await queries.create('Untitled', 'select 1');
    const second = await queries.create('Untitled', '');
    const third = await queries.create('Untitled 2', '');
    expect([first.name, second.name, third.name]).toEqual(['Untitled', 'Untitled 2', 'Untitled 3']);
    expect(first.file).toBe('queries/Untitled.sql');
    expect(await readFile(join(root, 'queries', 'Untitled.sql'), 'utf8')).toBe('select 1');
  });

  it('save, open and list in a natural order, with files written by hand included', async () => {
    await queries.save('Untitled', 'select 2 -- é');
    expect((await queries.open('Untitled')).sql).toBe('select 2 -- é');
    await writeFile(join(root, 'queries', 'Revenue by month.sql'), 'select 3');
    await writeFile(join(root, 'queries', 'notes.txt'), 'not a query');
    expect((await queries.list()).map((query) => query.name)).toEqual([
      'Revenue by month', 'Untitled', 'Untitled 2', 'Untitled 3',
    ]);
  });

  it('keeps many quick saves of one query whole, the last one winning', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => queries.save('Busy', `select ${i}`)));
    expect((await queries.open('Busy')).sql).toBe('select 19');
  });

  it('rename without overwriting another query, and delete', async () => {
    await expect(queries.rename('Untitled 2', 'Revenue by month')).rejects.toMatchObject({
      code: 'already_exists',
      message: 'There is already a saved query named "Revenue by month".',
    });
    expect((await queries.rename('Untitled 2', 'Pipeline')).file).toBe('queries/Pipeline.sql');
    expect(await queries.delete('Pipeline')).toBe(true);
    expect(await queries.delete('Pipeline')).toBe(false);
    await expect(queries.open('Pipeline')).rejects.toMatchObject({ code: 'not_found', where: 'queries/Pipeline.sql' });
  });
});
