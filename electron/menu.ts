import type { MenuItemConstructorOptions } from 'electron';
import type { WorkbenchEvent } from '../core/api/events.ts';
import type { RecentWorkspace } from '../core/api/workspaces.ts';

export type AppCommand = Extract<WorkbenchEvent, { type: 'app.command' }>['command'];

/** What the menu's items do; the shell binds them to the window, the engine and the dialogs. */
export interface MenuActions {
  /** Tell the page to do something it knows how to (run, new tab, save, find, the new-workspace form). */
  command(command: AppCommand): void;
  openWorkspaceFolder(): void;
  openRecent(root: string): void;
  about(): void;
  openLogFile(): void;
  showLogFolder(): void;
}

/**
 * The application menu with the usual shortcuts. Run and Find keep their keys in the page (the SQL editor
 * handles Ctrl/Cmd+Enter and Ctrl/Cmd+F where the cursor is), so the menu shows them without taking them.
 */
export function menuTemplate(actions: MenuActions, recent: RecentWorkspace[], platform: NodeJS.Platform, developer: boolean): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? recent.map((entry) => ({ label: `${entry.name} — ${entry.root}`, enabled: !entry.missing, click: () => actions.openRecent(entry.root) }))
    : [{ label: 'No recent workspaces', enabled: false }];
  const about: MenuItemConstructorOptions = { label: 'About BizOps Workbench', click: actions.about };

  return [
    ...(mac
      ? [{ label: 'BizOps Workbench', submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] } as MenuItemConstructorOptions]
      : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.command('newWorkspace') },
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: actions.openWorkspaceFolder },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        { label: 'New Query Tab', accelerator: 'CmdOrCtrl+T', click: () => actions.command('newQuery') },
        { label: 'Save Query', accelerator: 'CmdOrCtrl+S', click: () => actions.command('save') },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Find', accelerator: 'CmdOrCtrl+F', registerAccelerator: false, click: () => actions.command('find') },
      ],
    },
    {
      label: '&Query',
      submenu: [
        { label: 'Run Statement or Selection', accelerator: 'CmdOrCtrl+Enter', registerAccelerator: false, click: () => actions.command('runStatement') },
        { label: 'Run All', accelerator: 'CmdOrCtrl+Shift+Enter', registerAccelerator: false, click: () => actions.command('runAll') },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(developer ? [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[] : []),
      ],
    },
    ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&Help',
      role: 'help',
      submenu: [
        { label: 'Open Log File', click: actions.openLogFile },
        { label: 'Show Log Folder', click: actions.showLogFolder },
        ...(mac ? [] : [{ type: 'separator' }, about] as MenuItemConstructorOptions[]),
      ],
    },
  ];
}

/** The About box's text: the versions a bug report needs. */
export function aboutDetail(versions: { app: string; duckdb?: string; electron?: string; chrome?: string; node?: string }): string {
  return [
    `Version ${versions.app}`,
    `DuckDB ${versions.duckdb ?? 'not started'}`,
    `Electron ${versions.electron ?? '?'} (Chromium ${versions.chrome ?? '?'}, Node ${versions.node ?? '?'})`,
  ].join('\n');
}
