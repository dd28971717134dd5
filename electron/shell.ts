import { existsSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  protocol,
  safeStorage,
  session as electronSession,
  shell,
  type BrowserWindowConstructorOptions,
  type IpcMainInvokeEvent,
} from 'electron';
import type { Envelope } from '../core/api/envelope.ts';
import { formatErrorInfo, toErrorInfo } from '../core/errors.ts';
import { CONTENT_SECURITY_POLICY } from '../core/host/csp.ts';
import { setResourceRoot, resourcePath } from '../core/paths.ts';
import { openSession, type Session } from '../core/service.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels.ts';
import { KeychainSecretStore } from './keychain.ts';

/** The renderer is served from this privileged scheme, so it has an origin of its own (workers need one). */
export const APP_SCHEME = 'bizops';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Electron's security guidance, not negotiable: isolated, sandboxed, no Node in the page. */
export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
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

/** Answers `bizops://app/…` from the built renderer, with the CSP on every response. */
export async function serveRenderer(request: Request, rendererDir: string): Promise<Response> {
  const { pathname } = new URL(request.url);
  const relativePath = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '') || 'index.html';
  let file = resolve(rendererDir, relativePath);
  if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
  if (!existsSync(file)) file = join(rendererDir, 'index.html');
  const response = await net.fetch(pathToFileURL(file).toString());
  const headers = new Headers(response.headers);
  headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
  headers.set('x-content-type-options', 'nosniff');
  return new Response(response.body, { status: response.status, headers });
}

export function createDispatchHandler(session: Session) {
  return async (event: IpcMainInvokeEvent, method: unknown, arg: unknown): Promise<Envelope> => {
    if (!isTrustedSender(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'forbidden', message: 'Only the BizOps app\'s own pages may call its API.' } };
    }
    return session.dispatch(String(method), arg);
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

async function chooseWorkspace(): Promise<string | undefined> {
  const choice = await dialog.showOpenDialog({
    title: 'Open a BizOps workspace',
    properties: ['openDirectory', 'createDirectory'],
  });
  return choice.canceled ? undefined : choice.filePaths[0];
}

/** Start the desktop app: one window on one workspace, the API behind one IPC channel. */
export async function startShell(moduleUrl: string): Promise<void> {
  const bundleDir = dirname(fileURLToPath(moduleUrl));
  setResourceRoot(app.isPackaged ? app.getAppPath() : resolve(bundleDir, '..', '..'));
  registerAppScheme();
  await app.whenReady();

  electronSession.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const rendererDir = resolve(resourcePath('renderer', 'dist'));
  protocol.handle(APP_SCHEME, (request) => serveRenderer(request, rendererDir));

  const dir = workspaceArgument(process.argv) ?? (await chooseWorkspace());
  if (!dir) {
    app.quit();
    return;
  }
  let session: Session;
  try {
    session = await openSession(dir, { secrets: new KeychainSecretStore(safeStorage, app.getPath('userData')) });
  } catch (error) {
    dialog.showErrorBox('BizOps Workbench could not open the workspace', formatErrorInfo(toErrorInfo(error)));
    app.quit();
    return;
  }
  ipcMain.handle(INVOKE_CHANNEL, createDispatchHandler(session));

  const window = new BrowserWindow(windowOptions(join(bundleDir, 'preload.cjs')));
  guardNavigation(window);
  const unsubscribe = session.events.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', unsubscribe);
  app.on('window-all-closed', () => {
    void session.close().finally(() => app.quit());
  });
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}
