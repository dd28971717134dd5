import { existsSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  Notification,
  protocol,
  safeStorage,
  screen,
  session as electronSession,
  shell,
  utilityProcess,
  type BrowserWindowConstructorOptions,
  type DownloadItem,
  type IpcMainInvokeEvent,
} from 'electron';
import { DOWNLOADS_PATH } from '../core/api/httpTransport.ts';
import type { Envelope } from '../core/api/envelope.ts';
import type { WorkbenchEvent } from '../core/api/events.ts';
import type { WorkspacesInfo } from '../core/api/workspaces.ts';
import { LogFile } from '../core/desktop/logFile.ts';
import { exportsDir } from '../core/engine/export.ts';
import { formatErrorInfo } from '../core/errors.ts';
import { CONTENT_SECURITY_POLICY } from '../core/host/csp.ts';
import { attachmentDisposition, downloadFile } from '../core/host/host.ts';
import { resourcePath, setResourceRoot } from '../core/paths.ts';
import { APP_VERSION } from '../core/version.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels.ts';
import { EngineService } from './engineService.ts';
import { KeychainSecretStore } from './keychain.ts';
import { aboutDetail, menuTemplate, type AppCommand, type MenuActions } from './menu.ts';
import { serviceArgv, type Question } from './messages.ts';
import { printPdfInWindow } from './printPdf.ts';
import { restoredWindowState, saveWindowState, DEFAULT_WINDOW, type WindowState } from './windowState.ts';

/** The renderer is served from this privileged scheme, so it has an origin of its own (workers need one). */
export const APP_SCHEME = 'bizops';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Electron's security guidance, not negotiable: isolated, sandboxed, no Node in the page. */
export function windowOptions(preload: string, state: WindowState = DEFAULT_WINDOW): BrowserWindowConstructorOptions {
  return {
    ...state.bounds,
    minWidth: 900,
    minHeight: 560,
    title: 'BizOps Workbench',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      spellcheck: false,
    },
  };
}

/** `--workspace DIR` (or `--workspace=DIR`) from the command line. */
export function workspaceArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workspace') return argv[i + 1];
    if (argv[i].startsWith('--workspace=')) return argv[i].slice('--workspace='.length);
  }
  return undefined;
}

/** Only the app's own pages may call the API. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  return frameUrl !== undefined && frameUrl.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Answers `bizops://app/…`: exports at `/downloads/<id>/<file>` as attachments (so "Export" asks where to save),
 * everything else from the built renderer; the CSP on every response.
 */
export async function serveApp(request: Request, rendererDir: string, downloadsDir: () => string | undefined): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname.startsWith(DOWNLOADS_PATH)) {
    const file = downloadFile(downloadsDir(), pathname.slice(DOWNLOADS_PATH.length));
    if (!file) return new Response('Not found', { status: 404 });
    return withHeaders(await net.fetch(pathToFileURL(file).toString()), { 'content-disposition': attachmentDisposition(file.split(sep).at(-1)!), 'cache-control': 'no-store' });
  }
  const relativePath = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '') || 'index.html';
  let file = resolve(rendererDir, relativePath);
  if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
  if (!existsSync(file)) file = join(rendererDir, 'index.html');
  return withHeaders(await net.fetch(pathToFileURL(file).toString()), {});
}

function withHeaders(response: Response, extra: Record<string, string>): Response {
  const headers = new Headers(response.headers);
  headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
  headers.set('x-content-type-options', 'nosniff');
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Response(response.body, { status: response.status, headers });
}

export function createDispatchHandler(invoke: (method: string, arg: unknown) => Promise<Envelope>) {
  return async (event: IpcMainInvokeEvent, method: unknown, arg: unknown): Promise<Envelope> => {
    if (!isTrustedSender(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'forbidden', message: 'Only the BizOps app\'s own pages may call its API.' } };
    }
    return invoke(String(method), arg);
  };
}

/** Links leave the app for the system browser; the window itself never navigates away. */
export function guardNavigation(window: BrowserWindow): void {
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (url.startsWith(`${APP_ORIGIN}/`)) return;
    event.preventDefault();
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
  });
}

/** An export the page hands over is saved where the person chooses, starting in their Downloads folder. */
export function askWhereToSave(item: DownloadItem, downloadsFolder: string, log: LogFile): void {
  item.setSaveDialogOptions({ title: 'Save the export', defaultPath: join(downloadsFolder, item.getFilename()), buttonLabel: 'Save' });
  item.once('done', (_event, state) => {
    if (state === 'completed') log.write('info', `Saved an export to ${item.getSavePath()}`);
    else if (state === 'interrupted') {
      log.write('error', `Saving ${item.getFilename()} to ${item.getSavePath()} failed`);
      dialog.showErrorBox('The export could not be saved', `${item.getFilename()} could not be written to ${item.getSavePath()}. Check that the folder exists and is writable, then export again.`);
    }
  });
}

/** What the main process does for the engine: the keychain, the folder dialog, and Chromium to print with. */
export interface MainServices {
  keychain: KeychainSecretStore;
  chooseFolder(purpose: 'open' | 'create'): Promise<string | null>;
  printPdf(html: string, out: string): Promise<void>;
}

/** Answer what the engine asks of the main process. */
export async function answerQuestion(question: Question, services: MainServices): Promise<unknown> {
  switch (question.type) {
    case 'secret.get':
      return services.keychain.get(question.scope, question.key);
    case 'secret.set':
      return services.keychain.set(question.scope, question.key, question.value);
    case 'secret.delete':
      return services.keychain.delete(question.scope, question.key);
    case 'chooseFolder':
      return services.chooseFolder(question.purpose);
    case 'printPdf':
      return services.printPdf(question.html, question.out);
  }
}

/** A scheduled refresh that failed, as a desktop notification (the app may be in the background all day). */
export function refreshFailureNotice(event: WorkbenchEvent): { title: string; body: string } | undefined {
  if (event.type !== 'schedule.refreshed' || event.outcome.status !== 'failed') return undefined;
  const step = event.outcome.step === 'build' ? 'building the models after syncing' : 'syncing';
  return { title: `Scheduled refresh of ${event.source} failed`, body: `While ${step} ${event.source}: ${event.outcome.error?.message ?? 'unknown error'}` };
}

async function chooseFolderDialog(window: BrowserWindow | undefined, purpose: 'open' | 'create'): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: purpose === 'open' ? 'Open a BizOps workspace' : 'Choose a folder for the new workspace',
    buttonLabel: purpose === 'open' ? 'Open' : 'Choose',
    properties: ['openDirectory', 'createDirectory'],
  };
  const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return choice.canceled ? null : (choice.filePaths[0] ?? null);
}

/** Start the desktop app: one window; the engine in a utility process behind the one IPC channel. */
export async function startShell(moduleUrl: string): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    // A second launch hands its command line to the first (see 'second-instance') and leaves.
    app.quit();
    return;
  }
  const bundleDir = dirname(fileURLToPath(moduleUrl));
  const resources = app.isPackaged ? join(process.resourcesPath, 'bizops') : resolve(bundleDir, '..', '..');
  // The engine runs from outside the asar archive, beside the native modules it loads.
  const serviceBundle = join(bundleDir.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`).replace(/app\.asar$/, 'app.asar.unpacked'), 'service.mjs');
  setResourceRoot(resources);
  registerAppScheme();
  await app.whenReady();

  const dataDir = app.getPath('userData');
  const log = new LogFile(join(dataDir, 'logs', 'bizops.log'));
  log.write('info', `BizOps Workbench ${APP_VERSION} started (Electron ${process.versions.electron}, ${process.platform}-${process.arch})`);
  electronSession.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const keychain = new KeychainSecretStore(safeStorage, dataDir);
  const windowFile = join(dataDir, 'window.json');
  const state = restoredWindowState(windowFile, screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow(windowOptions(join(bundleDir, 'preload.cjs'), state));
  if (state.maximized) window.maximize();
  guardNavigation(window);
  window.webContents.session.on('will-download', (_event, item) => askWhereToSave(item, app.getPath('downloads'), log));
  window.on('close', () => void saveWindowState(windowFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() }));
  window.once('ready-to-show', () => window.show());

  let engineVersions: { duckdb: string; node: string } | undefined;
  const send = (event: WorkbenchEvent) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
  };

  const engine: EngineService = new EngineService({
    initialWorkspace: workspaceArgument(process.argv),
    fork: (workspace) => {
      const child = utilityProcess.fork(serviceBundle, serviceArgv({ resources, appData: dataDir, workspace }), { serviceName: 'BizOps engine', stdio: 'pipe' });
      child.stderr?.on('data', (chunk: Buffer) => log.write('warn', `engine: ${chunk.toString().trimEnd()}`));
      return child;
    },
    answer: (question) => answerQuestion(question, { keychain, chooseFolder: (purpose) => chooseFolderDialog(window, purpose), printPdf: printPdfInWindow }),
    onEvent: (event) => {
      log.record(event);
      send(event);
      if (event.type === 'workspace.opened') {
        window.setTitle(`${event.name} — BizOps Workbench`);
        void refreshMenu();
      }
      const notice = refreshFailureNotice(event);
      if (notice && Notification.isSupported()) {
        const notification = new Notification(notice);
        notification.on('click', () => window.show());
        notification.show();
      }
    },
    onReady: (ready) => {
      engineVersions = ready.versions;
      if (ready.opened) window.setTitle(`${ready.opened.name} — BizOps Workbench`);
      if (ready.error) {
        log.write('error', `The workspace could not be opened: ${formatErrorInfo(ready.error)}`);
        dialog.showErrorBox('BizOps Workbench could not open the workspace', formatErrorInfo(ready.error));
      }
      void refreshMenu();
    },
    onCrash: (message, restarting) => {
      log.write('error', message);
      send({ type: 'log', level: 'error', message: `${message} ${restarting ? 'It was restarted.' : 'Restart the app.'}`, at: new Date().toISOString() });
      if (!restarting) dialog.showErrorBox('The BizOps engine stopped', `${message}\nRestart the app; the log is at ${log.file}.`);
    },
  });

  const openWorkspace = async (path: string) => {
    const opened = await engine.invoke('openWorkspace', { path });
    if (!opened.ok) dialog.showErrorBox('The workspace could not be opened', formatErrorInfo(opened.error));
  };
  const actions: MenuActions = {
    command: (command: AppCommand) => send({ type: 'app.command', command }),
    openWorkspaceFolder: () =>
      void chooseFolderDialog(window, 'open').then((path) => {
        if (path) return openWorkspace(path);
      }),
    openRecent: (root) => void openWorkspace(root),
    about: () =>
      void dialog.showMessageBox({
        type: 'info',
        title: 'About BizOps Workbench',
        message: 'BizOps Workbench',
        detail: aboutDetail({ app: APP_VERSION, duckdb: engineVersions?.duckdb, electron: process.versions.electron, chrome: process.versions.chrome, node: engineVersions?.node }),
      }),
    openLogFile: () => void shell.openPath(log.file),
    showLogFolder: () => shell.showItemInFolder(log.file),
  };
  const refreshMenu = async () => {
    const info = await engine.invoke('workspaces', {});
    const recent = info.ok ? (info.value as WorkspacesInfo).recent : [];
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, recent, process.platform, !app.isPackaged)));
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, [], process.platform, !app.isPackaged)));

  const rendererDir = resolve(resourcePath('renderer', 'dist'));
  // Exports are written to the open workspace's .bizops/exports (see Workspace.stateDir).
  const downloadsDir = () => engine.currentWorkspace && exportsDir(join(engine.currentWorkspace, '.bizops'));
  protocol.handle(APP_SCHEME, (request) => serveApp(request, rendererDir, downloadsDir));
  ipcMain.handle(INVOKE_CHANNEL, createDispatchHandler((method, arg) => engine.invoke(method, arg)));

  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (window.isMinimized()) window.restore();
    window.focus();
    const dir = workspaceArgument(argv);
    if (dir) void openWorkspace(resolve(workingDirectory, dir));
  });
  app.on('window-all-closed', () => {
    log.write('info', 'BizOps Workbench closed');
    void engine.stop().finally(() => app.quit());
  });
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}
