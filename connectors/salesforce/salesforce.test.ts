import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeSalesforce } from '../testkit/fakeSalesforce.ts';
import { FAKE_LOGIN, generatedOpportunities, standardOrg } from '../testkit/salesforceOrg.ts';
import type { ConnectorContext, ExtractEnd, ExtractItem, TableSpec } from '../types.ts';
import { salesforceOptions, type SalesforceOptions } from './options.ts';
import { salesforceConnector } from './salesforce.ts';

let dir: string;
let fake: FakeSalesforce;
const logged: string[] = [];

function context(signal = new AbortController().signal): ConnectorContext {
  return { signal, tempDir: dir, workspaceDir: dir, log: (message) => logged.push(message), progress: () => undefined };
}

function options(overrides: Record<string, unknown> = {}): SalesforceOptions {
  return salesforceOptions.parse({
    login_url: fake.url,
    username: FAKE_LOGIN.username,
    password: FAKE_LOGIN.password,
    security_token: FAKE_LOGIN.securityToken,
    ...overrides,
  });
}

/** Every item an extract yields, with each file's text read before the connector removes it. */
async function extractAll(opts: SalesforceOptions, table: TableSpec, state?: unknown, signal?: AbortSignal) {
  const items: (ExtractItem & { text?: string })[] = [];
  const extract = salesforceConnector.extract(opts, { table, state, fullRefresh: false }, context(signal));
  for (;;) {
    const next = await extract.next();
    if (next.done) return { items, end: next.value as ExtractEnd };
    items.push(next.value.kind === 'file' ? { ...next.value, ...(await readItem(next.value.path)) } : next.value);
  }
}

/** The text of a file item, read while the extract still holds it. */
async function readItem(path: string): Promise<{ text: string }> {
  return { text: await readFile(path, 'utf8') };
}

async function tableSpec(name: string, opts = options()): Promise<TableSpec> {
  const table = (await salesforceConnector.discover(opts, context())).find((candidate) => candidate.sourceName === name);
  if (!table) throw new Error(`no ${name}`);
  return table;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-sf-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('signing in', () => {
  beforeAll(async () => {
    fake = await FakeSalesforce.start(standardOrg());
  });
  afterAll(async () => fake.close());
  afterEach(() => {
    fake.ipRestricted = false;
    fake.apiDisabled = false;
  });

  it('accepts a username, password and security token, and tells what is left of the API allowance', async () => {
    expect(await salesforceConnector.test(options(), context())).toBe(true);
    expect(logged.at(-1)).toMatch(/the org has 14,99\d of 15,000 daily API requests left/);
  });

  it('tells a wrong password from a missing security token', async () => {
    expect(await salesforceConnector.test(options({ password: 'wrong' }), context())).toMatch(
      /^Salesforce refused the username, password or security token\. Check the password\./,
    );
    expect(await salesforceConnector.test(options({ security_token: undefined }), context())).toMatch(
      /^Salesforce wants a security token: this computer is outside the org's trusted IP ranges\. Provide the security_token secret/,
    );
  });

  it('tells an IP restriction and an org without API access apart', async () => {
    fake.ipRestricted = true;
    expect(await salesforceConnector.test(options(), context())).toMatch(/^Salesforce refused to sign in from this computer's IP address\. Ask a Salesforce admin/);
    expect(
      await salesforceConnector.test(
        options({ auth: 'refresh_token', client_id: FAKE_LOGIN.clientId, client_secret: FAKE_LOGIN.clientSecret, refresh_token: FAKE_LOGIN.refreshToken }),
        context(),
      ),
    ).toMatch(/^Salesforce refused to sign in from this computer's IP address/);
    fake.ipRestricted = false;
    fake.apiDisabled = true;
    expect(await salesforceConnector.test(options(), context())).toMatch(/^API access is turned off for this Salesforce org or user\. An admin must give the user the "API Enabled" permission/);
  });

  it('uses an access token and instance URL, and says so when the token has expired', async () => {
    const token = options({ auth: 'access_token', instance_url: fake.url, access_token: fake.issueAccessToken() });
    expect(await salesforceConnector.test(token, context())).toBe(true);
    fake.expireSessions();
    expect(await salesforceConnector.test(token, context())).toMatch(/^Salesforce refused the access token: it has expired or was revoked\. Get a new access token/);
  });

  it('uses a connected app\'s refresh token, and says so when it was revoked or the secret is wrong', async () => {
    const oauth = { auth: 'refresh_token', client_id: FAKE_LOGIN.clientId, client_secret: FAKE_LOGIN.clientSecret, refresh_token: FAKE_LOGIN.refreshToken };
    expect(await salesforceConnector.test(options(oauth), context())).toBe(true);
    expect(await salesforceConnector.test(options({ ...oauth, client_secret: 'nope' }), context())).toMatch(/^Salesforce refused the client secret\./);
    expect(await salesforceConnector.test(options({ ...oauth, refresh_token: 'revoked' }), context())).toMatch(
      /^Salesforce refused the refresh token: it has expired or was revoked\. Authorize the connected app again/,
    );
  });

  it('says which option a sign-in method is missing', async () => {
    expect(await salesforceConnector.test(options({ auth: 'access_token' }), context())).toBe(
      'Signing in with access token needs the instance URL. Set instance_url, e.g. https://yourcompany.my.salesforce.com.',
    );
  });

  it('signs in again by itself when a session expires in the middle of a sync', async () => {
    const opts = options();
    const table = await tableSpec('Account', opts);
    fake.expireSessions();
    const { items } = await extractAll(opts, table);
    expect(items.filter((item) => item.kind === 'file').map((item) => item.text!.trim().split('\n').length)).toEqual([3]);
  });
});

describe('discovering objects', () => {
  let tables: TableSpec[];
  beforeAll(async () => {
    fake = await FakeSalesforce.start(standardOrg());
    tables = await salesforceConnector.discover(options(), context());
  });
  afterAll(async () => fake.close());

  it('offers standard and custom objects, the data model\'s standard ones selected', () => {
    expect(tables.filter((table) => table.selectedByDefault).map((table) => table.sourceName).sort()).toEqual(
      ['Account', 'Campaign', 'CampaignMember', 'Contact', 'Lead', 'Opportunity', 'OpportunityHistory', 'User'],
    );
    expect(tables.find((table) => table.sourceName === 'Invoice__c')).toMatchObject({ name: 'invoice__c', selectedByDefault: false, rowCountEstimate: 2, primaryKey: ['Id'] });
    expect(tables.find((table) => table.sourceName === 'OpportunityHistory')?.name).toBe('opportunity_history');
  });

  it('maps Salesforce field types to DuckDB types and expands compound fields', () => {
    const columns = (object: string) => Object.fromEntries(tables.find((table) => table.sourceName === object)!.columns.map((column) => [column.name, column.type]));
    expect(columns('Opportunity')).toMatchObject({
      Id: 'VARCHAR', AccountId: 'VARCHAR', StageName: 'VARCHAR', Amount: 'DECIMAL(18,2)', Probability: 'DOUBLE', CloseDate: 'DATE',
      IsWon: 'BOOLEAN', CreatedDate: 'TIMESTAMP', Description: 'VARCHAR',
    });
    const account = columns('Account');
    expect(account).toMatchObject({ NumberOfEmployees: 'INTEGER', AnnualRevenue: 'DECIMAL(18,2)', BillingCity: 'VARCHAR', BillingLatitude: 'DOUBLE', BillingGeocodeAccuracy: 'VARCHAR' });
    expect(account).not.toHaveProperty('BillingAddress');
    const invoice = columns('Invoice__c');
    expect(invoice).toEqual({
      Id: 'VARCHAR', IsDeleted: 'BOOLEAN', Name: 'VARCHAR', Account__c: 'VARCHAR', Total__c: 'DECIMAL(18,2)', Due__c: 'DATE',
      Site__Latitude__s: 'DOUBLE', Site__Longitude__s: 'DOUBLE', CreatedDate: 'TIMESTAMP', SystemModstamp: 'TIMESTAMP',
    });
  });
});

describe('extracting', () => {
  beforeAll(async () => {
    const org = standardOrg({ restBatchSize: 2000, bulkPageSize: 4000 });
    org.objects = org.objects.filter((object) => object.name !== 'Opportunity');
    const opportunities = generatedOpportunities(12_345);
    opportunities.records = Array.from({ length: 12_345 }, (_, i) => opportunities.generated!.record(i));
    delete opportunities.generated;
    org.objects.push(opportunities);
    fake = await FakeSalesforce.start(org);
  });
  afterAll(async () => fake.close());

  it('reads past 10,000 records through REST, following every nextRecordsUrl', async () => {
    const opts = options({ query_api: 'rest' });
    const { items, end } = await extractAll(opts, await tableSpec('Opportunity', opts));
    const pages = items.filter((item) => item.kind === 'file');
    expect(pages.map((page) => page.kind === 'file' && page.format)).toEqual(Array(7).fill('ndjson'));
    expect(pages.reduce((sum, page) => sum + page.text!.trim().split('\n').length, 0)).toBe(12_345);
    expect(pages[0]).toMatchObject({ types: { Amount: 'DECIMAL(18,2)', CloseDate: 'DATE', IsWon: 'BOOLEAN' } });
    expect(end).toEqual({ mode: 'snapshot', state: { cursorField: 'SystemModstamp', since: '2024-06-01T10:00:00.000Z' } });
    expect(fake.requests.filter((request) => /\/query\/01g/.test(request.path))).toHaveLength(6);
  });

  it('switches to Bulk API 2.0 query jobs for large objects, streaming result pages to CSV files in the temp folder', async () => {
    const opts = options({ bulk_threshold: 10_000 });
    const { items, end } = await extractAll(opts, await tableSpec('Opportunity', opts));
    const pages = items.filter((item) => item.kind === 'file');
    expect(pages.every((page) => page.kind === 'file' && page.format === 'csv' && page.path.startsWith(dir) && page.path.endsWith('.csv'))).toBe(true);
    expect(pages[0]).toMatchObject({ csv: { nullString: '', timestampFormat: '%Y-%m-%dT%H:%M:%S.%gZ' }, types: { Amount: 'DECIMAL(18,2)' }, label: 'Opportunity (Bulk API result page 1)' });
    expect(pages.map((page) => page.text!.trim().split('\n').length - 1)).toEqual([4000, 4000, 4000, 345]);
    expect(pages.every((page) => page.text!.startsWith('"Id","IsDeleted","CreatedDate"'))).toBe(true);
    expect(fake.requests.filter((request) => request.path.includes('/results')).map((request) => new URL(request.path, fake.url).searchParams.has('locator'))).toEqual([false, true, true, true]);
    expect(end.mode).toBe('snapshot');
    expect(logged.at(-1)).toMatch(/Opportunity: reading about 12,345 records through the Bulk API 2\.0/);
    // Each page's file is removed once taken: the temp folder does not fill up with a large object's pages.
    expect((await readdir(dir)).filter((file) => file.endsWith('.csv'))).toEqual([]);
  });

  it('backs off and retries when the org is busy or a server fails for a moment', async () => {
    fake.failNext(/\/jobs\/query$/, 403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.' }]);
    fake.failNext(/\/results/, 503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable' }]);
    const opts = options({ query_api: 'bulk' });
    const { items } = await extractAll(opts, await tableSpec('Opportunity', opts));
    expect(items.reduce((sum, item) => sum + (item.text ? item.text.trim().split('\n').length - 1 : 0), 0)).toBe(12_345);
  });

  it('stops before the org\'s daily API allowance is used up', async () => {
    fake.apiUsed = 8990;
    fake.apiLimit = 10_000;
    const opts = options({ query_api: 'rest', api_usage_limit: 90 });
    await expect(extractAll(opts, await tableSpec('Opportunity', opts))).rejects.toThrow(
      /^Stopped before Salesforce's daily API allowance runs out: the org has used 9,00\d of its 10,000 requests for the last 24 hours \(90%\), and this source stops at 90%\.$/,
    );
    fake.apiUsed = 10_000;
    await expect(salesforceConnector.discover(options({ api_usage_limit: 100 }), context())).rejects.toThrow(/The org has used all of its API requests for the last 24 hours/);
    fake.apiUsed = 0;
    fake.apiLimit = 15_000;
  });

  it('stops promptly when cancelled between Bulk API result pages', async () => {
    const cancel = new AbortController();
    const opts = options({ query_api: 'bulk' });
    const table = await tableSpec('Opportunity', opts);
    const extract = salesforceConnector.extract(opts, { table, state: undefined, fullRefresh: false }, context(cancel.signal));
    await extract.next();
    cancel.abort();
    await expect(extract.next()).rejects.toThrow();
  });
});

describe('incremental extracts', () => {
  afterEach(async () => fake.close());

  for (const api of ['rest', 'bulk']) {
    it(`reads records changed since the last sync and the ids deleted since (${api})`, async () => {
      fake = await FakeSalesforce.start(standardOrg());
      const opts = options({ query_api: api });
      const table = await tableSpec('Contact', opts);
      const first = await extractAll(opts, table);
      expect(first.end.mode).toBe('snapshot');
      fake.update('Contact', '003000000000002AAA', { Title: 'CFO' });
      fake.delete('Contact', '003000000000003AAA');
      const second = await extractAll(opts, table, first.end.state);
      expect(second.end.mode).toBe('changes');
      const changed = second.items.filter((item) => item.kind === 'file').map((item) => item.text!).join('');
      expect(changed).toContain('CFO');
      // The deleted record is not among the changes; REST may re-read records stamped exactly at the cursor.
      expect(changed).not.toContain('003000000000003AAA');
      expect(second.items.filter((item) => item.kind === 'deleted')).toEqual([{ kind: 'deleted', keys: [['003000000000003AAA']] }]);
      const queries = fake.requests.map((request) => new URL(request.path, fake.url).searchParams.get('q')).filter(Boolean);
      expect(queries).toContainEqual(expect.stringMatching(/^SELECT Id FROM Contact WHERE IsDeleted = true AND SystemModstamp >= 2024-06-01T\d\d:\d\d:\d\dZ$/));
      expect((second.end.state as { since: string }).since > (first.end.state as { since: string }).since).toBe(true);
    });
  }
});

describe('objects without IsDeleted', () => {
  afterEach(async () => fake.close());

  it('take deletions from getDeleted, and read everything again when the last sync is older than its 30 days', async () => {
    const org = standardOrg();
    const fields = [{ name: 'Id', type: 'id' }, { name: 'Body__c', type: 'string' }, { name: 'SystemModstamp', type: 'datetime' }];
    org.objects.push({ name: 'Note__c', fields, records: ['a', 'b'].map((id) => ({ Id: `a0N00000000000${id}`, Body__c: `note ${id}`, SystemModstamp: '2024-06-01T10:00:00.000Z', IsDeleted: false })) });
    fake = await FakeSalesforce.start(org);
    const opts = options({ query_api: 'rest' });
    const table = await tableSpec('Note__c', opts);
    const first = await extractAll(opts, table);
    fake.delete('Note__c', 'a0N00000000000b');
    const second = await extractAll(opts, table, first.end.state);
    expect(second.items.filter((item) => item.kind === 'deleted')).toEqual([{ kind: 'deleted', keys: [['a0N00000000000b']] }]);
    expect(fake.requests.some((request) => request.path.startsWith('/services/data/v62.0/sobjects/Note__c/deleted/?start='))).toBe(true);

    const stale = await extractAll(opts, table, { cursorField: 'SystemModstamp', since: '2024-01-01T00:00:00.000Z' });
    expect(stale.end.mode).toBe('snapshot');
    expect(stale.items.filter((item) => item.kind === 'file').map((item) => item.text!.trim().split('\n').length)).toEqual([1]);
  });
});
