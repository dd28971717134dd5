import { describe, expect, it } from 'vitest';
import type { SavedQuery } from '../../../core/api/savedQueries.ts';
import { QueryTabs } from './queryTabs.ts';

/** The saved-query API over an in-memory folder, counting writes and letting a test hold them. */
function fakeApi() {
  const files = new Map<string, string>();
  const writes: string[] = [];
  let hold: Promise<void> | undefined;
  const saved = (name: string): SavedQuery => ({ name, file: `queries/${name}.sql`, modifiedAt: '2024-05-01T00:00:00Z' });
  return {
    files,
    writes,
    holdWrites(until: Promise<void>) {
      hold = until;
    },
    api: {
      async listQueries() {
        return { queries: [...files.keys()].map(saved) };
      },
      async openQuery({ name }: { name: string }) {
        return { ...saved(name), sql: files.get(name)! };
      },
      async createQuery({ name = 'Untitled', sql = '' }: { name?: string; sql?: string }) {
        let candidate = name;
        for (let n = 2; files.has(candidate); n++) candidate = `${name} ${n}`;
        files.set(candidate, sql);
        writes.push(`create ${candidate}: ${sql}`);
        return { ...saved(candidate), sql };
      },
      async saveQuery({ name, sql }: { name: string; sql: string }) {
        await hold;
        files.set(name, sql);
        writes.push(`save ${name}: ${sql}`);
        return saved(name);
      },
      async renameQuery({ name, to }: { name: string; to: string }) {
        files.set(to, files.get(name)!);
        files.delete(name);
        return saved(to);
      },
      async closeQuery() {
        return { closed: true };
      },
    },
  };
}

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

describe('query tabs', () => {
  it('create the file on the first save, then save edits; the latest text wins', async () => {
    const fake = fakeApi();
    fake.files.set('Untitled', 'taken');
    const tabs = new QueryTabs(fake.api, '/ws', memoryStorage(), 0);
    await tabs.load();
    const [tab] = tabs.snapshot.tabs;
    expect(tab).toMatchObject({ name: null, sql: '' });

    tabs.edit(tab.key, 'select 1');
    await tabs.save(tab.key);
    expect(tabs.snapshot.tabs[0]).toMatchObject({ name: 'Untitled 2', saved: 'saved' });

    let release!: () => void;
    fake.holdWrites(new Promise<void>((resolve) => (release = resolve)));
    tabs.edit(tab.key, 'select 12');
    const first = tabs.save(tab.key);
    tabs.edit(tab.key, 'select 123');
    const second = tabs.save(tab.key);
    release();
    await Promise.all([first, second]);
    expect(fake.files.get('Untitled 2')).toBe('select 123');
    expect(fake.writes).toEqual(['create Untitled 2: select 1', 'save Untitled 2: select 12', 'save Untitled 2: select 123']);
    expect(tabs.snapshot.tabs[0].saved).toBe('saved');
  });

  it('reopen the queries that were open, in order, with the same one active', async () => {
    const fake = fakeApi();
    const storage = memoryStorage();
    const before = new QueryTabs(fake.api, '/ws', storage, 0);
    await before.load();
    await before.newTab('select 1', 'Revenue');
    const pipeline = await before.newTab('select 2', 'Pipeline');
    await before.newTab('select 3', 'Churn');
    before.activate(pipeline);
    fake.files.delete('Churn');

    const after = new QueryTabs(fake.api, '/ws', storage, 0);
    await after.load();
    expect(after.snapshot.tabs.map((tab) => tab.name)).toEqual(['Revenue', 'Pipeline']);
    const active = after.snapshot.tabs.find((tab) => tab.key === after.snapshot.activeKey);
    expect(active).toMatchObject({ name: 'Pipeline', sql: 'select 2' });
  });

  it('rename a tab that was never saved by saving it under the new name', async () => {
    const fake = fakeApi();
    const tabs = new QueryTabs(fake.api, '/ws', memoryStorage(), 0);
    await tabs.load();
    const [tab] = tabs.snapshot.tabs;
    tabs.edit(tab.key, 'select 42');
    await tabs.rename(tab.key, 'Answer');
    expect(tabs.snapshot.tabs[0].name).toBe('Answer');
    expect([...fake.files]).toEqual([['Answer', 'select 42']]);
  });
});
