import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkbenchEvent } from '../api/events.ts';
import { EnvSecretStore } from '../workspace/secrets.ts';
import { Workspace } from '../workspace/workspace.ts';
import { Workbench } from './workbench.ts';

let dir: string;
let workbench: Workbench;
const events: WorkbenchEvent[] = [];

const call = (method: string, arg: unknown = {}) => workbench.dispatch(method, arg);
const value = async <T = Record<string, unknown>>(method: string, arg: unknown = {}): Promise<T> => {
  const envelope = await call(method, arg);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.value as T;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-workbench-'));
  await Workspace.init(join(dir, 'north'), { name: 'North' });
  await Workspace.init(join(dir, 'south'), { name: 'South' });
  workbench = new Workbench({ appDataDir: join(dir, 'app-data'), secrets: new EnvSecretStore({}) });
  workbench.events.subscribe((event) => events.push(event));
  await workbench.start();
});

afterAll(async () => {
  await workbench.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the workbench across workspaces', () => {
  it('starts with none open on a first launch and says what to do', async () => {
    expect(await call('workspaceInfo')).toMatchObject({ ok: false, error: { code: 'no_workspace', hint: expect.stringContaining('Open a workspace folder') } });
    expect(await value('workspaces')).toEqual({ current: null, recent: [], switchable: true, folderDialog: false });
  });

  it('opens one workspace, then switches to another; the first goes to the recent list', async () => {
    expect(await value('openWorkspace', { path: join(dir, 'north') })).toEqual({ root: join(dir, 'north'), name: 'North' });
    expect(await value('workspaceInfo')).toMatchObject({ name: 'North' });
    await value('runQuery', { sql: 'create table kept as select 1 as n' });

    await value('openWorkspace', { path: join(dir, 'south') });
    expect(await value('workspaceInfo')).toMatchObject({ name: 'South' });
    expect(await value('workspaces')).toMatchObject({
      current: { root: join(dir, 'south'), name: 'South' },
      recent: [{ root: join(dir, 'north'), name: 'North', missing: false }],
    });
    expect(events.filter((event) => event.type === 'workspace.opened').map((event) => (event as { name: string }).name)).toEqual(['North', 'South']);
    // North's database was closed: another session can open it and sees its data.
    const north = new Workbench({ appDataDir: join(dir, 'elsewhere'), secrets: new EnvSecretStore({}) });
    await north.start(join(dir, 'north'));
    expect(await north.dispatch('runQuery', { sql: 'select n from kept' })).toMatchObject({ ok: true, value: { rowCount: 1 } });
    await north.close();
  });

  it('keeps the current workspace open when another cannot be opened', async () => {
    await mkdir(join(dir, 'plain-folder'));
    expect(await call('openWorkspace', { path: join(dir, 'plain-folder') })).toMatchObject({ ok: false, error: { code: 'not_a_workspace' } });
    expect(await value('workspaceInfo')).toMatchObject({ name: 'South' });
  });

  it('reopens the last workspace on the next launch', async () => {
    const next = new Workbench({ appDataDir: join(dir, 'app-data'), secrets: new EnvSecretStore({}) });
    await workbench.close();
    await next.start();
    expect(await next.dispatch('workspaceInfo', {})).toMatchObject({ ok: true, value: { name: 'South' } });
    await next.close();
    workbench = new Workbench({ appDataDir: join(dir, 'app-data'), secrets: new EnvSecretStore({}) });
    workbench.events.subscribe((event) => events.push(event));
    await workbench.start();
  });

  it('creates a workspace with the sample company, synced and built, and opens it', async () => {
    const created = await value<{ root: string; name: string; sample: { accounts: number; models: number } }>('createWorkspace', {
      path: join(dir, 'demo'),
      name: 'Demo company',
      sample: true,
      scale: 0.02,
    });
    expect(created).toMatchObject({ root: join(dir, 'demo'), name: 'Demo company' });
    expect(created.sample.accounts).toBeGreaterThan(50);
    expect(created.sample.models).toBeGreaterThan(10);
    const accounts = await value<{ rowCount: number }>('runQuery', { sql: 'select * from core.accounts' });
    // The generated company deletes a few accounts in the CRM, as real ones do: the model keeps the live ones.
    expect(accounts.rowCount).toBeGreaterThan(created.sample.accounts * 0.9);
    expect(accounts.rowCount).toBeLessThanOrEqual(created.sample.accounts);
    expect(await readFile(join(dir, 'demo', 'bizops.yml'), 'utf8')).toContain('salesforce:');
  }, 60_000);

  it('creates an empty workspace, and refuses to overwrite one', async () => {
    expect(await value('createWorkspace', { path: join(dir, 'blank') })).toEqual({ root: join(dir, 'blank'), name: 'blank' });
    expect(await call('createWorkspace', { path: join(dir, 'north') })).toMatchObject({ ok: false, error: { code: 'already_exists' } });
    expect(await value('workspaceInfo')).toMatchObject({ name: 'blank' });
  });

  it('marks a recent workspace whose folder is gone, and forgets it when asked', async () => {
    await rm(join(dir, 'north'), { recursive: true });
    const { recent } = await value<{ recent: { root: string; missing: boolean }[] }>('workspaces');
    expect(recent.find((entry) => entry.root === join(dir, 'north'))).toMatchObject({ missing: true });
    const after = await value<{ recent: { root: string }[] }>('forgetWorkspace', { path: join(dir, 'north') });
    expect(after.recent.map((entry) => entry.root)).not.toContain(join(dir, 'north'));
  });

  it('asks the host for a folder where it has a dialog, and says to type a path where it has none', async () => {
    expect(await call('chooseFolder', { purpose: 'open' })).toMatchObject({ ok: false, error: { code: 'not_available', hint: expect.stringContaining('full path') } });
    const chooseFolder = vi.fn(async () => '/Users/ada/Analytics');
    const desktop = new Workbench({ appDataDir: join(dir, 'desktop-data'), secrets: new EnvSecretStore({}), chooseFolder });
    expect(await desktop.dispatch('chooseFolder', { purpose: 'create' })).toEqual({ ok: true, value: { path: '/Users/ada/Analytics' } });
    expect(chooseFolder).toHaveBeenCalledWith('create');
    expect(await desktop.dispatch('workspaces', {})).toMatchObject({ ok: true, value: { folderDialog: true } });
    await desktop.close();
  });

  it('picks up a schedule added to bizops.yml by hand while the workspace is open', async () => {
    const file = join(dir, 'blank', 'bizops.yml');
    await mkdir(join(dir, 'blank', 'data', 'crm'), { recursive: true });
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('sources: {}', 'sources:\n  crm:\n    type: files\n    options: { path: data/crm }\n    schedule: { cron: "0 6 * * *" }'));
    await expect
      .poll(async () => (await value<{ sources: { source: string }[] }>('scheduleStatus')).sources.map((entry) => entry.source), { timeout: 5000 })
      .toEqual(['crm']);
    const { running, sources } = await value<{ running: boolean; sources: { nextRunAt: string }[] }>('scheduleStatus');
    expect(running).toBe(true);
    expect(new Date(sources[0].nextRunAt).getHours()).toBe(6);
  });
});
