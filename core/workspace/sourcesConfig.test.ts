import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type WorkbenchClient } from '../api/client.ts';
import { openSession, type Session } from '../service.ts';
import { EnvSecretStore, type SecretStore } from './secrets.ts';
import { Workspace } from './workspace.ts';

/** A store that keeps secrets the way the desktop keychain does, in memory. */
class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  async get(scope: string, key: string) {
    return this.values.get(`${scope}.${key}`);
  }
  describe(scope: string, key: string) {
    return `the app's keychain (Sources › ${scope} › ${key})`;
  }
  async set(scope: string, key: string, value: string) {
    this.values.set(`${scope}.${key}`, value);
  }
  async delete(scope: string, key: string) {
    this.values.delete(`${scope}.${key}`);
  }
}

const CONFIG = `# Our company's workspace.
name: acme
currency: EUR

# Where data comes from.
sources:
  crm:
    type: files # exported every night
    options:
      path: data/crm
      primary_key: id

warehouses: {}
`;

let dir: string;
let root: string;
let session: Session;
let store: MemorySecretStore;
let api: WorkbenchClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-sources-config-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

afterEach(async () => {
  await session?.close();
});

async function open(secrets: SecretStore = (store = new MemorySecretStore())): Promise<void> {
  root = join(dir, `ws-${Math.random().toString(36).slice(2, 8)}`);
  await Workspace.init(root, { name: 'acme' });
  await writeFile(join(root, 'bizops.yml'), CONFIG);
  session = await openSession(root, { secrets });
  api = createClient({ invoke: session.dispatch, subscribe: (listener) => session.events.subscribe(listener) });
}

describe('adding and editing sources', () => {
  it('adds a source to bizops.yml, keeping comments and order, and its secrets in the store', async () => {
    await open();
    const saved = await api.saveSource({
      name: 'salesforce',
      type: 'salesforce',
      create: true,
      options: { username: 'ann@example.com', login_url: 'https://test.salesforce.com', query_api: '' },
      tables: ['Opportunity', 'Account'],
      secrets: { password: 'hunter2', security_token: 'T0KEN' },
    });
    expect(saved).toEqual({ name: 'salesforce', secretsStored: ['password', 'security_token'] });
    const text = await readFile(join(root, 'bizops.yml'), 'utf8');
    expect(text).toBe(CONFIG.replace(
      '      primary_key: id\n',
      '      primary_key: id\n  salesforce:\n    type: salesforce\n    options:\n      username: ann@example.com\n      login_url: https://test.salesforce.com\n    tables: [ Opportunity, Account ]\n',
    ));
    expect(text).not.toContain('hunter2');
    expect(store.values).toEqual(new Map([['salesforce.password', 'hunter2'], ['salesforce.security_token', 'T0KEN']]));
    expect((await api.listSources({})).map((source) => source.name)).toEqual(['crm', 'salesforce']);
    expect(await api.sourceSettings({ name: 'salesforce' })).toMatchObject({
      type: 'salesforce',
      options: { username: 'ann@example.com', login_url: 'https://test.salesforce.com' },
      tables: ['Opportunity', 'Account'],
      secrets: expect.arrayContaining([
        { option: 'password', set: true, where: 'the app\'s keychain (Sources › salesforce › password)' },
        { option: 'access_token', set: false, where: 'the app\'s keychain (Sources › salesforce › access_token)' },
      ]),
    });
  });

  it('edits a source in place: changed options, removed ones, tables back to the defaults', async () => {
    await open();
    await api.saveSource({ name: 'crm', type: 'files', options: { path: 'data/crm-2024', mode: 'salesforce_export' }, tables: ['deals'] });
    await api.saveSource({ name: 'crm', type: 'files', options: { path: 'data/crm-2024', mode: 'salesforce_export' }, tables: null });
    expect(await readFile(join(root, 'bizops.yml'), 'utf8')).toBe(
      CONFIG.replace('      path: data/crm\n      primary_key: id\n', '      path: data/crm-2024\n      mode: salesforce_export\n'),
    );
    expect(session.workspace.config.sources.crm).toEqual({ type: 'files', options: { path: 'data/crm-2024', mode: 'salesforce_export' } });
  });

  it('refuses what would break bizops.yml or leak a secret, and changes nothing', async () => {
    await open();
    const attempts: [Parameters<WorkbenchClient['saveSource']>[0], RegExp][] = [
      [{ name: 'crm', type: 'files', create: true, options: { path: 'x' } }, /^A source named "crm" already exists\.$/],
      [{ name: 'pg', type: 'postgres', create: true, options: { host: 'db', database: 'app', user: 'me', port: 'five' } }, /^The options are not valid for a PostgreSQL source: port: /],
      [{ name: 'pg', type: 'postgres', create: true, options: { host: 'db', database: 'app', user: 'me', password: 'hunter2' } }, /^The password is a secret and is never written to bizops\.yml\.$/],
      [{ name: 'x', type: 'nosuch', create: true }, /^There is no connector of type "nosuch"\.$/],
      [{ name: 'ghost', type: 'files', options: { path: 'x' } }, /^There is no source named "ghost"\.$/],
    ];
    for (const [arg, message] of attempts) await expect(api.saveSource(arg)).rejects.toThrow(message);
    expect(await readFile(join(root, 'bizops.yml'), 'utf8')).toBe(CONFIG);
    expect(store.values.size).toBe(0);
  });

  it('says that environment variables cannot be stored, naming them, when the app has no keychain', async () => {
    await open(new EnvSecretStore({}));
    expect(await api.secretStorage({ source: 'warehouse_db', type: 'postgres' })).toEqual({
      writable: false,
      locations: { password: 'the BIZOPS_WAREHOUSE_DB_PASSWORD environment variable' },
    });
    await expect(
      api.saveSource({ name: 'pg', type: 'postgres', create: true, options: { host: 'db', database: 'app', user: 'me' }, secrets: { password: 'x' } }),
    ).rejects.toMatchObject({
      code: 'secrets_not_storable',
      hint: 'Set the BIZOPS_PG_PASSWORD environment variable before starting it, or use the desktop app, which keeps secrets in the keychain.',
    });
    expect(await readFile(join(root, 'bizops.yml'), 'utf8')).toBe(CONFIG);
  });

  it('removes a source and its secrets', async () => {
    await open();
    await api.saveSource({ name: 'pg', type: 'postgres', create: true, options: { host: 'db', database: 'app', user: 'me' }, secrets: { password: 'x' } });
    expect(await api.removeSource({ name: 'pg' })).toEqual({ removed: true });
    expect(await api.removeSource({ name: 'crm' })).toEqual({ removed: true });
    expect(await readFile(join(root, 'bizops.yml'), 'utf8')).toBe(CONFIG.replace(/sources:\n[\s\S]*?\n\n/, 'sources: {}\n\n'));
    expect(store.values.size).toBe(0);
  });
});
