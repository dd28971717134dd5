import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSession, type Session } from '../core/service.ts';
import { EnvSecretStore } from '../core/workspace/secrets.ts';
import { Workspace } from '../core/workspace/workspace.ts';

const exposed: Record<string, unknown> = {};
const ipcListeners = new Map<string, (...args: unknown[]) => void>();

const errorBoxes: string[][] = [];

vi.mock('electron', () => ({
  app: {},
  BrowserWindow: class {},
  dialog: { showErrorBox: (title: string, text: string) => errorBoxes.push([title, text]) },
  ipcMain: {},
  Menu: {},
  Notification: class {},
  net: { fetch: async (url: string) => new Response(await readFile(fileURLToPath(url)), { headers: { 'content-type': 'application/octet-stream' } }) },
  protocol: {},
  screen: {},
  session: {},
  shell: {},
  safeStorage: {},
  utilityProcess: {},
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: vi.fn(async (channel: string, method: string, arg: unknown) => ({ ok: true, value: { channel, method, arg } })),
    on: (channel: string, listener: (...args: unknown[]) => void) => ipcListeners.set(channel, listener),
    removeListener: (channel: string) => ipcListeners.delete(channel),
  },
}));

const { answerQuestion, askWhereToSave, createDispatchHandler, isTrustedSender, refreshFailureNotice, serveApp, windowOptions, workspaceArgument } = await import('./shell.ts');
const { LogFile } = await import('../core/desktop/logFile.ts');
const { KeychainSecretStore } = await import('./keychain.ts');

let dir: string;
let session: Session;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-electron-'));
  await Workspace.init(join(dir, 'ws'), { name: 'Desktop' });
  session = await openSession(join(dir, 'ws'), { secrets: new EnvSecretStore({}) });
});

afterAll(async () => {
  await session.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the window', () => {
  it('is isolated and sandboxed, with no Node in the page, at the size and place it had', () => {
    const { webPreferences, x, width } = windowOptions('/app/preload.cjs', { bounds: { x: 40, y: 30, width: 1200, height: 800 }, maximized: false });
    expect({ x, width }).toEqual({ x: 40, width: 1200 });
    expect(webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
    });
  });

  it('reads --workspace from the command line', () => {
    expect(workspaceArgument(['electron', 'main.mjs', '--workspace', '/w'])).toBe('/w');
    expect(workspaceArgument(['electron', '--workspace=/x'])).toBe('/x');
    expect(workspaceArgument(['electron'])).toBeUndefined();
  });
});

describe('the IPC channel', () => {
  it('answers the app\'s own pages through the same dispatcher as the browser host', async () => {
    const handle = createDispatchHandler(session.dispatch);
    const trusted = { senderFrame: { url: 'bizops://app/index.html' } } as Parameters<typeof handle>[0];
    expect(await handle(trusted, 'workspaceInfo', {})).toMatchObject({ ok: true, value: { name: 'Desktop' } });
    expect(await handle(trusted, 'runQuery', { sql: '' })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('refuses any other page', async () => {
    const handle = createDispatchHandler(session.dispatch);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'bizops://app.evil/', undefined]) {
      const sender = { senderFrame: url === undefined ? null : { url } } as Parameters<typeof handle>[0];
      expect(await handle(sender, 'workspaceInfo', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(isTrustedSender('bizops://app/index.html#/sql')).toBe(true);
  });
});

describe('the preload', () => {
  it('exposes invoke and subscribe, nothing else', async () => {
    await import('./preload.ts');
    const bridge = exposed.bizops as { invoke: (m: string, a: unknown) => Promise<unknown>; subscribe: (l: (e: unknown) => void) => () => void };
    expect(Object.keys(exposed)).toEqual(['bizops']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    expect(await bridge.invoke('catalog', {})).toEqual({ ok: true, value: { channel: 'bizops:invoke', method: 'catalog', arg: {} } });
    const received: unknown[] = [];
    const unsubscribe = bridge.subscribe((event) => received.push(event));
    ipcListeners.get('bizops:event')?.({ sender: 'ipc' }, { type: 'catalog.changed' });
    expect(received).toEqual([{ type: 'catalog.changed' }]);
    unsubscribe();
    expect(ipcListeners.has('bizops:event')).toBe(false);
  });
});

describe('the keychain secret store', () => {
  const sealing = {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`),
    decryptString: (data: Buffer) => Buffer.from(data.toString().slice('sealed:'.length), 'hex').toString(),
  };

  it('keeps only ciphertext on disk, outside the workspace', async () => {
    const store = new KeychainSecretStore(sealing as never, join(dir, 'appdata'));
    await store.set('salesforce', 'password', 'hunter2');
    expect(await store.get('salesforce', 'password')).toBe('hunter2');
    expect(await readFile(join(dir, 'appdata', 'secrets.json'), 'utf8')).not.toContain('hunter2');
    await store.delete('salesforce', 'password');
    expect(await store.get('salesforce', 'password')).toBeUndefined();
  });

  it('says what to do where the OS offers no keychain', async () => {
    const store = new KeychainSecretStore({ ...sealing, getSelectedStorageBackend: () => 'basic_text' } as never, join(dir, 'plain'));
    await expect(store.set('team', 'password', 'x')).rejects.toMatchObject({
      code: 'keychain_unavailable',
      hint: expect.stringContaining('Secret Service'),
    });
  });
});

describe('the app scheme', () => {
  it('serves the built UI with the CSP, and an export as an attachment so that it is saved where the person chooses', async () => {
    const rendererDir = join(dir, 'renderer');
    const downloads = join(dir, 'exports');
    await mkdir(join(downloads, 'abc123'), { recursive: true });
    await mkdir(rendererDir, { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>BizOps</title>');
    await writeFile(join(downloads, 'abc123', 'pipeline.csv'), 'stage,amount\nWon,10\n');

    const page = await serveApp(new Request('bizops://app/index.html'), rendererDir, () => downloads);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<title>BizOps</title>');

    const exported = await serveApp(new Request('bizops://app/downloads/abc123/pipeline.csv'), rendererDir, () => downloads);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="pipeline.csv"; filename*=UTF-8\'\'pipeline.csv');
    expect(await exported.text()).toBe('stage,amount\nWon,10\n');
    // A dotted path is resolved by the URL parser before it arrives: it names the app, never a file outside.
    expect(await (await serveApp(new Request('bizops://app/downloads/../../etc/passwd'), rendererDir, () => downloads)).text()).toContain('<title>BizOps</title>');
    for (const path of ['/downloads/abc123/missing.csv', '/downloads/abc123%2F..%2F..%2Fsecrets.json/x', '/downloads/abc123/..%2F..%2Fws%2Fbizops.yml']) {
      expect((await serveApp(new Request(`bizops://app${path}`), rendererDir, () => downloads)).status).toBe(404);
    }
    expect((await serveApp(new Request('bizops://app/downloads/abc123/pipeline.csv'), rendererDir, () => undefined)).status).toBe(404);
  });

  it('asks where to save an export, starting in Downloads, and says so when it cannot be written', () => {
    const log = new LogFile(join(dir, 'logs', 'bizops.log'));
    const listeners: Record<string, (event: unknown, state: string) => void> = {};
    const item = {
      options: undefined as unknown,
      setSaveDialogOptions(options: unknown) {
        this.options = options;
      },
      getFilename: () => 'pipeline.csv',
      getSavePath: () => '/media/usb/pipeline.csv',
      once: (event: string, listener: (event: unknown, state: string) => void) => (listeners[event] = listener),
    };
    askWhereToSave(item as never, '/home/ada/Downloads', log);
    expect(item.options).toMatchObject({ defaultPath: '/home/ada/Downloads/pipeline.csv', buttonLabel: 'Save' });
    listeners.done({}, 'interrupted');
    expect(errorBoxes.at(-1)).toEqual(['The export could not be saved', expect.stringContaining('could not be written to /media/usb/pipeline.csv')]);
  });
});

describe('what the main process does for the engine', () => {
  it('keeps secrets in the keychain, asks for folders with the dialog and prints with Electron', async () => {
    const sealing = { isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'keychain', encryptString: (text: string) => Buffer.from(text).reverse(), decryptString: (data: Buffer) => Buffer.from(data).reverse().toString() };
    const keychain = new KeychainSecretStore(sealing as never, join(dir, 'relay'));
    const services = { keychain, chooseFolder: vi.fn(async () => '/Users/ada/Analytics'), printPdf: vi.fn(async () => undefined) };
    await answerQuestion({ type: 'secret.set', scope: 'crm', key: 'password', value: 's3cret' }, services);
    expect(await answerQuestion({ type: 'secret.get', scope: 'crm', key: 'password' }, services)).toBe('s3cret');
    await answerQuestion({ type: 'secret.delete', scope: 'crm', key: 'password' }, services);
    expect(await answerQuestion({ type: 'secret.get', scope: 'crm', key: 'password' }, services)).toBeUndefined();
    expect(await answerQuestion({ type: 'chooseFolder', purpose: 'open' }, services)).toBe('/Users/ada/Analytics');
    await answerQuestion({ type: 'printPdf', html: '<html></html>', out: '/tmp/x.pdf' }, services);
    expect(services.printPdf).toHaveBeenCalledWith('<html></html>', '/tmp/x.pdf');
  });

  it('turns a failed scheduled refresh into a notification, and nothing else', () => {
    const failed = { startedAt: '', finishedAt: '', status: 'failed' as const, step: 'build' as const, error: { code: 'sql_error', message: 'column x not found' } };
    expect(refreshFailureNotice({ type: 'schedule.refreshed', source: 'crm', outcome: failed })).toEqual({
      title: 'Scheduled refresh of crm failed',
      body: 'While building the models after syncing crm: column x not found',
    });
    expect(refreshFailureNotice({ type: 'schedule.refreshed', source: 'crm', outcome: { ...failed, status: 'success', error: undefined } })).toBeUndefined();
    expect(refreshFailureNotice({ type: 'catalog.changed' })).toBeUndefined();
  });
});
