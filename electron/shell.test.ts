import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSession, type Session } from '../core/service.ts';
import { EnvSecretStore } from '../core/workspace/secrets.ts';
import { Workspace } from '../core/workspace/workspace.ts';

const exposed: Record<string, unknown> = {};
const ipcListeners = new Map<string, (...args: unknown[]) => void>();

vi.mock('electron', () => ({
  app: {},
  BrowserWindow: class {},
  dialog: {},
  ipcMain: {},
  net: {},
  protocol: {},
  session: {},
  shell: {},
  safeStorage: {},
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: vi.fn(async (channel: string, method: string, arg: unknown) => ({ ok: true, value: { channel, method, arg } })),
    on: (channel: string, listener: (...args: unknown[]) => void) => ipcListeners.set(channel, listener),
    removeListener: (channel: string) => ipcListeners.delete(channel),
  },
}));

const { createDispatchHandler, isTrustedSender, windowOptions, workspaceArgument } = await import('./shell.ts');
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
  it('is isolated and sandboxed, with no Node in the page', () => {
    const { webPreferences } = windowOptions('/app/preload.cjs');
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
    const handle = createDispatchHandler(session);
    const trusted = { senderFrame: { url: 'bizops://app/index.html' } } as Parameters<typeof handle>[0];
    expect(await handle(trusted, 'workspaceInfo', {})).toMatchObject({ ok: true, value: { name: 'Desktop' } });
    expect(await handle(trusted, 'runQuery', { sql: '' })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('refuses any other page', async () => {
    const handle = createDispatchHandler(session);
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
