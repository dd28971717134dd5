import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchEvent } from '../api/events.ts';
import { openSession, type Session } from '../service.ts';
import { EnvSecretStore } from '../workspace/secrets.ts';
import { Workspace } from '../workspace/workspace.ts';
import type { Dashboard } from './format.ts';
import { dashboardSchemaText } from './schemaFile.ts';

let dir: string;
let session: Session;

const dashboard: Dashboard = {
  title: 'Answers',
  parameters: [],
  tiles: [{ id: 'answer', title: 'The answer', display: 'kpi', sql: 'select 42 as answer' }],
  layout: [{ tile: 'answer', x: 0, y: 0, w: 3, h: 3 }],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-dashboard-files-'));
  await Workspace.init(join(dir, 'ws'));
  session = await openSession(join(dir, 'ws'), { secrets: new EnvSecretStore({}) });
});

afterAll(async () => {
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('dashboard files in the workspace', () => {
  it('are created with the JSON Schema beside them, and saved only over the text they were opened with', async () => {
    const schema = join(session.workspace.root, 'dashboards', 'dashboard.schema.json');
    expect(await readFile(schema, 'utf8')).toBe(dashboardSchemaText());
    await unlink(schema);
    const file = 'dashboards/answers.dashboard.yml';
    const created = await session.handlers.saveDashboard({ file, dashboard, baseText: null });
    expect(created.text.split('\n')[0]).toBe('# yaml-language-server: $schema=./dashboard.schema.json');
    expect(existsSync(schema)).toBe(true);
    await expect(session.handlers.saveDashboard({ file, dashboard, baseText: null })).rejects.toMatchObject({ code: 'already_exists' });

    const changedElsewhere = created.text.replace('title: The answer', 'title: Still the answer');
    await writeFile(join(session.workspace.root, file), changedElsewhere);
    const mine = { ...dashboard, title: 'Mine' };
    await expect(session.handlers.saveDashboard({ file, dashboard: mine, baseText: created.text })).rejects.toMatchObject({
      code: 'changed_on_disk',
      message: `${file} changed on disk since it was opened.`,
    });
    expect(await readFile(join(session.workspace.root, file), 'utf8')).toBe(changedElsewhere);
    await session.handlers.saveDashboard({ file, dashboard: mine, baseText: changedElsewhere });
    expect((await session.handlers.readDashboard({ source: { file } })).dashboard.title).toBe('Mine');
  });

  it('tell the app when a dashboard file changes on disk', async () => {
    await session.handlers.listDashboards({});
    const seen: string[] = [];
    const unsubscribe = session.events.subscribe((event: WorkbenchEvent) => event.type === 'dashboard.changed' && seen.push(event.file));
    await writeFile(join(session.workspace.root, 'dashboards', 'pulled.dashboard.yml'), 'title: Pulled\ntiles:\n  - {id: a, title: A, display: table, sql: select 1}\n');
    await expect.poll(() => seen, { timeout: 5000 }).toEqual(['dashboards/pulled.dashboard.yml']);
    unsubscribe();
  });

  it('run an unsaved draft, and only the tiles asked for', async () => {
    const draft: Dashboard = { ...dashboard, tiles: [...dashboard.tiles, { id: 'other', title: 'Other', display: 'table', sql: 'select 1 as one' }] };
    const run = await session.handlers.runDashboard({ source: { file: 'dashboards/answers.dashboard.yml' }, dashboard: draft, tiles: ['other'] });
    expect(run.tiles).toEqual([{ id: 'other', status: 'ok', columns: [{ name: 'one', type: 'INTEGER' }], rows: [{ one: 1 }] }]);
  });

  it('export for downloading, with an address the browser host serves', async () => {
    const exported = await session.handlers.exportDashboard({ source: { file: 'dashboards/answers.dashboard.yml' }, format: 'svg', tile: 'answer' });
    expect(exported).toMatchObject({ fileName: 'answers-answer.svg', downloadPath: expect.stringMatching(/^\/downloads\/[\w-]+\/answers-answer\.svg$/) });
    expect(await readFile(exported.path, 'utf8')).toContain('>42</text>');
  });
});
