import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutDetail, menuTemplate, type MenuActions } from './menu.ts';

function actions(): MenuActions & { commands: string[] } {
  const commands: string[] = [];
  return {
    commands,
    command: (command) => commands.push(command),
    openWorkspaceFolder: vi.fn(),
    openRecent: vi.fn(),
    about: vi.fn(),
    openLogFile: vi.fn(),
    showLogFolder: vi.fn(),
  };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

const item = (template: MenuItemConstructorOptions[], label: string) => {
  const found = items(template).find((candidate) => candidate.label === label);
  if (!found) throw new Error(`no menu item "${label}"`);
  return found;
};

const click = (entry: MenuItemConstructorOptions) => (entry.click as () => void)();

describe('the application menu', () => {
  const recent = [
    { root: '/work/north', name: 'North', openedAt: '2025-01-02T00:00:00Z', missing: false },
    { root: '/gone/south', name: 'South', openedAt: '2025-01-01T00:00:00Z', missing: true },
  ];

  it('has the usual shortcuts, each telling the page what to do', () => {
    const bound = actions();
    const template = menuTemplate(bound, recent, 'linux', false);
    expect(item(template, 'New Query Tab').accelerator).toBe('CmdOrCtrl+T');
    expect(item(template, 'Save Query').accelerator).toBe('CmdOrCtrl+S');
    expect(item(template, 'Open Workspace…').accelerator).toBe('CmdOrCtrl+O');
    expect(item(template, 'New Workspace…').accelerator).toBe('CmdOrCtrl+Shift+N');
    for (const label of ['New Query Tab', 'Save Query', 'New Workspace…', 'Find', 'Run Statement or Selection', 'Run All']) click(item(template, label));
    expect(bound.commands).toEqual(['newQuery', 'save', 'newWorkspace', 'find', 'runStatement', 'runAll']);
  });

  it('leaves the SQL editor its own keys for run and find, and only shows them', () => {
    const template = menuTemplate(actions(), [], 'linux', false);
    expect(item(template, 'Run Statement or Selection')).toMatchObject({ accelerator: 'CmdOrCtrl+Enter', registerAccelerator: false });
    expect(item(template, 'Run All')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+Enter', registerAccelerator: false });
    expect(item(template, 'Find')).toMatchObject({ accelerator: 'CmdOrCtrl+F', registerAccelerator: false });
  });

  it('lists recent workspaces, a missing one greyed out', () => {
    const bound = actions();
    const template = menuTemplate(bound, recent, 'win32', false);
    const open = item(template, 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(open.map((entry) => [entry.label, entry.enabled])).toEqual([
      ['North — /work/north', true],
      ['South — /gone/south', false],
    ]);
    click(open[0]);
    expect(bound.openRecent).toHaveBeenCalledWith('/work/north');
    expect((item(menuTemplate(bound, [], 'win32', false), 'Open Recent').submenu as MenuItemConstructorOptions[])[0]).toMatchObject({ label: 'No recent workspaces', enabled: false });
  });

  it('puts About in the app menu on macOS and under Help elsewhere; the log is reachable from Help', () => {
    const mac = menuTemplate(actions(), [], 'darwin', false);
    expect(mac[0].label).toBe('BizOps Workbench');
    expect((mac[0].submenu as MenuItemConstructorOptions[])[0].label).toBe('About BizOps Workbench');
    const linux = menuTemplate(actions(), [], 'linux', false);
    const help = linux.find((entry) => entry.role === 'help')!.submenu as MenuItemConstructorOptions[];
    expect(help.map((entry) => entry.label).filter(Boolean)).toEqual(['Open Log File', 'Show Log Folder', 'About BizOps Workbench']);
  });

  it('offers developer tools only to a build from source', () => {
    expect(items(menuTemplate(actions(), [], 'linux', false)).some((entry) => entry.role === 'toggleDevTools')).toBe(false);
    expect(items(menuTemplate(actions(), [], 'linux', true)).some((entry) => entry.role === 'toggleDevTools')).toBe(true);
  });

  it('says which versions run in the About box', () => {
    expect(aboutDetail({ app: '0.1.0', duckdb: 'v1.4.2', electron: '38.1.0', chrome: '140.0', node: '22.19.0' })).toBe(
      'Version 0.1.0\nDuckDB v1.4.2\nElectron 38.1.0 (Chromium 140.0, Node 22.19.0)',
    );
  });
});
