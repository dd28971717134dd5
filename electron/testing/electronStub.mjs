// Just enough of Electron's main-process API for the main bundle to start under plain Node: the utility process
// is a real child process, the window a recorder. Once the window has loaded, the calls in BIZOPS_STUB_CALLS
// (JSON: [[method, arg], …]) go through the IPC handler as the page's would; each answer is printed as a
// `STUB <kind> <json>` line, then the window is closed and the app quits. (The scheme handler is tested in
// shell.test.ts; here the built UI may not exist yet.)
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const report = (kind, value) => process.stdout.write(`STUB ${kind} ${JSON.stringify(value)}\n`);
const handlers = new Map();
let schemeHandler;
const appEvents = new EventEmitter();

export const app = {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  whenReady: async () => undefined,
  getPath: (name) => (name === 'userData' ? process.env.BIZOPS_STUB_USER_DATA : `/tmp/${name}`),
  on: (event, listener) => appEvents.on(event, listener),
  quit: () => {
    report('quit', true);
    process.exit(0);
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => report('schemes', schemes.map((scheme) => scheme.scheme)),
  handle: (scheme, handler) => (schemeHandler = handler),
};
export const session = { defaultSession: { setPermissionRequestHandler: () => undefined } };
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (text) => Buffer.from(text).reverse(),
  decryptString: (data) => Buffer.from(data).reverse().toString(),
};
export const ipcMain = { handle: (channel, handler) => handlers.set(channel, handler) };
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (template) => report('menu', template.map((item) => item.label ?? item.role)),
};
export const dialog = {
  showErrorBox: (title, text) => report('error-box', { title, text }),
  showMessageBox: async (options) => report('message-box', options),
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
};
export const shell = { openExternal: async () => undefined, openPath: async () => '', showItemInFolder: () => undefined };
export class Notification {
  static isSupported = () => true;
  constructor(options) {
    this.options = options;
  }
  on() {}
  show() {
    report('notification', this.options);
  }
}
export const net = {
  fetch: async (url) => new Response(await readFile(fileURLToPath(url))),
};

export const utilityProcess = {
  fork(modulePath, args, options) {
    const child = fork(modulePath, args, {
      serialization: 'advanced',
      execArgv: ['--import', new URL('./parentPort.mjs', import.meta.url).href],
      stdio: options?.stdio === 'pipe' ? ['ignore', 'pipe', 'pipe', 'ipc'] : 'inherit',
    });
    const service = new EventEmitter();
    child.on('message', (message) => service.emit('message', message));
    child.on('exit', (code) => service.emit('exit', code ?? 0));
    service.postMessage = (message) => child.send(message);
    service.kill = () => child.kill();
    service.stderr = child.stderr;
    report('fork', { modulePath, args });
    return service;
  },
};

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    report('window', { webPreferences: options.webPreferences, width: options.width });
    this.webContents = Object.assign(new EventEmitter(), {
      setWindowOpenHandler: () => undefined,
      send: (channel, event) => event.type !== 'log' && report('event', event.type),
      session: new EventEmitter(),
    });
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  isMaximized = () => false;
  maximize() {}
  show() {}
  focus() {}
  setTitle(title) {
    report('title', title);
  }
  getNormalBounds = () => ({ x: 0, y: 0, width: 1360, height: 860 });

  async loadURL(url) {
    report('load', url);
    report('scheme', typeof schemeHandler);
    const invoke = handlers.get('bizops:invoke');
    const sender = { senderFrame: { url } };
    for (const [method, arg] of JSON.parse(process.env.BIZOPS_STUB_CALLS ?? '[]')) report('answer', await invoke(sender, method, arg));
    this.emit('close');
    appEvents.emit('window-all-closed');
  }
}
