import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DescribedField } from '../salesforce/fields.ts';
import { matches, parseSoql, SoqlError, type SoqlQuery } from './soql.ts';

/**
 * A fake Salesforce org on 127.0.0.1 that answers like the documented APIs, so the real jsforce talks to it
 * unchanged: SOAP login, the OAuth token endpoint, REST describe/query/queryMore/queryAll/getDeleted/limits,
 * Bulk API 2.0 query jobs with locator paging, the `Sforce-Limit-Info` header and Salesforce's error bodies.
 */
export type FakeValue = string | number | boolean | null;
/** Field values as Salesforce stores them: datetimes as `2024-01-15T10:30:00.000Z`, dates as `2024-01-15`. */
export type FakeRecord = Record<string, FakeValue>;

export interface FakeObject {
  name: string;
  label?: string;
  custom?: boolean;
  fields: DescribedField[];
  /** The records, deleted ones (IsDeleted true, in the recycle bin) included. */
  records: FakeRecord[];
  /** A large object made on the fly instead of `records` (benchmarks): its count and its i-th record. */
  generated?: { count: number; record(index: number): FakeRecord };
}

export interface FakeOrgOptions {
  objects: FakeObject[];
  username?: string;
  password?: string;
  securityToken?: string;
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  /** The org's daily API request allowance and what has been used of it. */
  apiLimit?: number;
  apiUsed?: number;
  /** Records per REST query page (Salesforce's default is 2,000). */
  restBatchSize?: number;
  /** At most this many records per Bulk 2.0 result page, whatever maxRecords the client asks for. */
  bulkPageSize?: number;
  /** The time the fake org starts at; each change moves it forward by a second. */
  now?: string;
  /** Serve a query job's results again for the same query instead of rendering them anew (benchmarks). */
  reuseBulkResults?: boolean;
}

export interface FakeRequest {
  method: string;
  path: string;
}

interface InjectedFailure {
  match: RegExp;
  status: number;
  body: unknown;
  times: number;
}

interface QueryCursor {
  records: FakeRecord[];
  object: FakeObject;
  fields: string[];
  offset: number;
}

interface BulkJob {
  id: string;
  object: FakeObject;
  query: SoqlQuery;
  operation: 'query' | 'queryAll';
  soql: string;
  createdDate: string;
  state: 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';
  file: string;
  /** Byte offset of each record's line in `file`, and of the end: offsets[count] = file size. */
  offsets: number[];
  headerBytes: number;
  ready: Promise<void>;
}

const API_VERSION_PATH = /^\/services\/data\/v(\d+\.\d+)(\/.*)?$/;
const ORG_ID = '00D000000000001EAA';
const USER_ID = '005000000000001AAA';

export class FakeSalesforce {
  readonly requests: FakeRequest[] = [];
  /** Logins through SOAP or OAuth fail as from an IP address outside the allowed ranges. */
  ipRestricted = false;
  /** The org has no API access (e.g. an edition without it). */
  apiDisabled = false;
  apiUsed: number;
  apiLimit: number;
  readonly objects = new Map<string, FakeObject>();
  private readonly sessions = new Set<string>();
  private readonly refreshTokens = new Set<string>();
  private readonly cursors = new Map<string, QueryCursor>();
  private readonly jobs = new Map<string, BulkJob>();
  private readonly failures: InjectedFailure[] = [];
  private clock: number;
  private sequence = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly dir: string,
    private readonly options: FakeOrgOptions,
  ) {
    this.apiUsed = options.apiUsed ?? 0;
    this.apiLimit = options.apiLimit ?? 15_000;
    this.clock = Date.parse(options.now ?? '2024-06-01T12:00:00.000Z');
    for (const object of options.objects) this.objects.set(object.name, object);
    if (options.refreshToken) this.refreshTokens.add(options.refreshToken);
  }

  static async start(options: FakeOrgOptions): Promise<FakeSalesforce> {
    const dir = await mkdtemp(join(tmpdir(), 'bizops-fake-sf-'));
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('the fake Salesforce has no port');
    const fake = new FakeSalesforce(server, `http://127.0.0.1:${address.port}`, dir, options);
    server.on('request', (request, response) => {
      fake.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) fake.json(response, 500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: String(error) }]);
        else response.destroy();
      });
    });
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all([...this.jobs.values()].map((job) => job.ready.catch(() => undefined)));
    await rm(this.dir, { recursive: true, force: true });
  }

  /** A session the org accepts, as an admin would copy it from a working login. */
  issueAccessToken(): string {
    const token = `${ORG_ID}!${randomBytes(16).toString('hex')}`;
    this.sessions.add(token);
    return token;
  }

  /** Every session ends, as when they time out: clients must log in or refresh again. */
  expireSessions(): void {
    this.sessions.clear();
  }

  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  /** The next `times` requests whose path matches answer with this status and body instead. */
  failNext(match: RegExp, status: number, body: unknown, times = 1): void {
    this.failures.push({ match, status, body, times });
  }

  clearFailures(): void {
    this.failures.length = 0;
  }

  /** The org's current time, moved forward one second. */
  tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  insert(objectName: string, record: FakeRecord): FakeRecord {
    const now = this.tick();
    // Salesforce sets the audit fields itself, whatever the client sent.
    const full: FakeRecord = { ...record, IsDeleted: false, CreatedDate: now, LastModifiedDate: now, SystemModstamp: now };
    this.object(objectName).records.push(full);
    return full;
  }

  update(objectName: string, id: string, changes: FakeRecord): void {
    const record = this.record(objectName, id);
    const now = this.tick();
    Object.assign(record, changes, { LastModifiedDate: now, SystemModstamp: now });
  }

  /** Moves a record to the recycle bin, where queryAll still sees it. */
  delete(objectName: string, id: string): void {
    Object.assign(this.record(objectName, id), { IsDeleted: true, SystemModstamp: this.tick() });
  }

  private object(name: string): FakeObject {
    const object = this.objects.get(name);
    if (!object) throw new Error(`the fake org has no object ${name}`);
    return object;
  }

  private record(objectName: string, id: string): FakeRecord {
    const record = this.object(objectName).records.find((candidate) => candidate.Id === id);
    if (!record) throw new Error(`the fake org has no ${objectName} ${id}`);
    return record;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const method = request.method ?? 'GET';
    this.requests.push({ method, path: url.pathname + url.search });
    const body = await readBody(request);
    const failure = this.failures.find((candidate) => candidate.times > 0 && candidate.match.test(url.pathname + url.search));
    if (failure) {
      failure.times--;
      this.json(response, failure.status, failure.body);
      return;
    }
    if (method === 'POST' && /^\/services\/Soap\/u\/[\d.]+$/.test(url.pathname)) return this.soapLogin(body, response);
    if (method === 'POST' && url.pathname === '/services/oauth2/token') return this.oauthToken(body, response);
    const api = API_VERSION_PATH.exec(url.pathname);
    if (!api) return this.json(response, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !this.sessions.has(token)) {
      return this.json(response, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
    if (this.apiDisabled) {
      return this.json(response, 403, [{ errorCode: 'API_DISABLED_FOR_ORG', message: 'The REST API is not enabled for this Organization.' }]);
    }
    if (this.apiUsed >= this.apiLimit) {
      return this.json(response, 403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);
    }
    this.apiUsed++;
    response.setHeader('Sforce-Limit-Info', `api-usage=${this.apiUsed}/${this.apiLimit}`);
    const version = api[1];
    const path = api[2] ?? '/';
    try {
      await this.rest(method, path, url, body, version, response);
    } catch (error) {
      if (error instanceof SoqlError) return this.json(response, 400, [{ errorCode: error.errorCode, message: error.message }]);
      throw error;
    }
  }

  private async rest(method: string, path: string, url: URL, body: string, version: string, response: ServerResponse): Promise<void> {
    let match: RegExpExecArray | null;
    if (method === 'GET' && path === '/sobjects') return this.json(response, 200, this.describeGlobal(version));
    if (method === 'GET' && (match = /^\/sobjects\/(\w+)\/describe\/?$/.exec(path))) {
      const object = this.objects.get(match[1]);
      if (!object) return this.json(response, 404, [{ errorCode: 'NOT_FOUND', message: `The requested resource does not exist` }]);
      return this.json(response, 200, describe(object, version));
    }
    if (method === 'GET' && (match = /^\/sobjects\/(\w+)\/deleted\/?$/.exec(path))) return this.getDeleted(match[1], url, response);
    if (method === 'GET' && (path === '/query' || path === '/queryAll')) {
      return this.json(response, 200, this.query(url.searchParams.get('q') ?? '', path === '/queryAll', version));
    }
    if (method === 'GET' && (match = /^\/query(?:All)?\/([\w-]+)$/.exec(path))) {
      const cursor = this.cursors.get(match[1]);
      if (!cursor) return this.json(response, 400, [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }]);
      this.cursors.delete(match[1]);
      return this.json(response, 200, this.page(match[1].split('-')[0], cursor, version));
    }
    if (method === 'GET' && path === '/limits') {
      return this.json(response, 200, { DailyApiRequests: { Max: this.apiLimit, Remaining: this.apiLimit - this.apiUsed } });
    }
    if (method === 'GET' && path === '/limits/recordCount') {
      const names = (url.searchParams.get('sObjects') ?? '').split(',').filter(Boolean);
      return this.json(response, 200, {
        sObjects: names.filter((name) => this.objects.has(name)).map((name) => ({ name, count: liveCount(this.objects.get(name)!) })),
      });
    }
    if (method === 'POST' && path === '/jobs/query') return this.createJob(body, version, response);
    if ((match = /^\/jobs\/query\/(\w+)(\/results)?$/.exec(path))) {
      const job = this.jobs.get(match[1]);
      if (!job) return this.json(response, 404, [{ errorCode: 'NOT_FOUND', message: `No job with id ${match[1]}` }]);
      if (method === 'GET' && match[2]) return this.results(job, url, response);
      if (method === 'GET') return this.json(response, 200, jobInfo(job, version));
      if (method === 'PATCH') {
        job.state = 'Aborted';
        return this.json(response, 200, jobInfo(job, version));
      }
      if (method === 'DELETE') {
        this.jobs.delete(job.id);
        response.writeHead(204).end();
        return;
      }
    }
    this.json(response, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  }

  private describeGlobal(version: string) {
    return {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: [...this.objects.values()].map((object) => ({
        name: object.name,
        label: object.label ?? object.name,
        custom: object.custom ?? object.name.endsWith('__c'),
        queryable: true,
        retrieveable: true,
        deprecatedAndHidden: false,
        urls: { sobject: `/services/data/v${version}/sobjects/${object.name}` },
      })),
    };
  }

  private parse(soql: string, queryAll: boolean): { query: SoqlQuery; object: FakeObject } {
    const query = parseSoql(soql);
    const object = this.objects.get(query.object);
    if (!object) throw new SoqlError(`\n${soql}\nERROR at Row:1\nsObject type '${query.object}' is not supported.`, 'INVALID_TYPE');
    const known = new Set(object.fields.map((field) => field.name));
    for (const field of [...query.fields, ...query.conditions.map((condition) => condition.field)]) {
      if (!known.has(field)) throw new SoqlError(`\n${soql}\nERROR at Row:1\nNo such column '${field}' on entity '${object.name}'.`, 'INVALID_FIELD');
    }
    if (!queryAll) query.conditions.push({ field: 'IsDeleted', op: '=', value: false });
    return { query, object };
  }

  private query(soql: string, queryAll: boolean, version: string) {
    const { query, object } = this.parse(soql, queryAll);
    const records = select(object, query);
    if (query.count) return { totalSize: records.length, done: true, records: [] };
    const id = `01g${(++this.sequence).toString().padStart(12, '0')}`;
    const cursor = { records, object, fields: query.fields, offset: 0 };
    return this.page(id, cursor, version);
  }

  private page(id: string, cursor: QueryCursor, version: string) {
    const size = this.options.restBatchSize ?? 2000;
    const slice = cursor.records.slice(cursor.offset, cursor.offset + size);
    cursor.offset += slice.length;
    const done = cursor.offset >= cursor.records.length;
    if (!done) this.cursors.set(`${id}-${cursor.offset}`, cursor);
    const types = fieldTypes(cursor.object);
    return {
      totalSize: cursor.records.length,
      done,
      ...(!done && { nextRecordsUrl: `/services/data/v${version}/query/${id}-${cursor.offset}` }),
      records: slice.map((record) => ({
        attributes: { type: cursor.object.name, url: `/services/data/v${version}/sobjects/${cursor.object.name}/${String(record.Id)}` },
        ...Object.fromEntries(cursor.fields.map((field) => [field, jsonValue(record[field] ?? null, types.get(field))])),
      })),
    };
  }

  private getDeleted(objectName: string, url: URL, response: ServerResponse): void {
    const object = this.objects.get(objectName);
    if (!object) return this.json(response, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    const start = Date.parse(url.searchParams.get('start') ?? '');
    const end = Date.parse(url.searchParams.get('end') ?? '');
    const earliest = this.clock - 30 * 24 * 3600 * 1000;
    if (Number.isNaN(start) || Number.isNaN(end) || start < earliest) {
      return this.json(response, 400, [{ errorCode: 'INVALID_REPLICATION_DATE', message: 'startDate before org replication enabled date' }]);
    }
    const deleted = object.records.filter((record) => record.IsDeleted === true)
      .filter((record) => Date.parse(String(record.SystemModstamp)) >= start && Date.parse(String(record.SystemModstamp)) <= end);
    this.json(response, 200, {
      deletedRecords: deleted.map((record) => ({ id: record.Id, deletedDate: salesforceDatetime(String(record.SystemModstamp)) })),
      earliestDateAvailable: salesforceDatetime(new Date(earliest).toISOString()),
      latestDateCovered: salesforceDatetime(new Date(end).toISOString()),
    });
  }

  private createJob(body: string, version: string, response: ServerResponse): void {
    const request = JSON.parse(body) as { operation?: string; query?: string; contentType?: string };
    if (request.operation !== 'query' && request.operation !== 'queryAll') {
      return this.json(response, 400, [{ errorCode: 'INVALIDJOB', message: `Invalid operation: ${request.operation}` }]);
    }
    const { query, object } = this.parse(request.query ?? '', request.operation === 'queryAll');
    const compound = object.fields.filter((field) => query.fields.includes(field.name) && (field.type === 'address' || field.type === 'location'));
    if (compound.length > 0) {
      return this.json(response, 400, [{ errorCode: 'INVALIDJOB', message: `Selecting compound data not supported in Bulk Query: ${compound[0].name}` }]);
    }
    const id = `750${(++this.sequence).toString().padStart(15, '0')}`;
    const job: BulkJob = {
      id,
      object,
      query,
      operation: request.operation,
      soql: request.query ?? '',
      createdDate: new Date(this.clock).toISOString(),
      state: 'UploadComplete',
      file: join(this.dir, `${id}.csv`),
      offsets: [],
      headerBytes: 0,
      ready: Promise.resolve(),
    };
    const earlier = this.options.reuseBulkResults
      ? [...this.jobs.values()].find((other) => other.state === 'JobComplete' && other.operation === job.operation && request.query === other.soql)
      : undefined;
    if (earlier) {
      Object.assign(job, { file: earlier.file, offsets: earlier.offsets, headerBytes: earlier.headerBytes, state: 'JobComplete' });
    } else {
      job.ready = this.writeResults(job);
    }
    this.jobs.set(id, job);
    this.json(response, 200, jobInfo(job, version));
  }

  /** Renders the job's records as the CSV Salesforce serves: every value quoted, empty for null. */
  private async writeResults(job: BulkJob): Promise<void> {
    job.state = 'InProgress';
    const out = createWriteStream(job.file);
    const header = `${job.query.fields.map(csvQuote).join(',')}\n`;
    job.headerBytes = Buffer.byteLength(header);
    let offset = job.headerBytes;
    let chunk = header;
    const flush = async () => {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    };
    for (const record of iterate(job.object)) {
      if (!matches(record, job.query)) continue;
      const line = `${job.query.fields.map((field) => csvQuote(csvValue(record[field] ?? null))).join(',')}\n`;
      job.offsets.push(offset);
      offset += Buffer.byteLength(line);
      chunk += line;
      if (chunk.length > 1 << 20) await flush();
    }
    job.offsets.push(offset);
    await flush();
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (job.state === 'InProgress') job.state = 'JobComplete';
  }

  private results(job: BulkJob, url: URL, response: ServerResponse): void {
    if (job.state !== 'JobComplete') {
      return this.json(response, 400, [{ errorCode: 'INVALIDJOBSTATE', message: `Job is not complete: ${job.state}` }]);
    }
    const count = job.offsets.length - 1;
    const locator = url.searchParams.get('locator');
    const start = locator ? Number(Buffer.from(locator, 'base64').toString()) : 0;
    // Like Salesforce, a page may hold fewer records than maxRecords asks for.
    const pageSize = Math.min(Number(url.searchParams.get('maxRecords') ?? Infinity), this.options.bulkPageSize ?? 10_000);
    if (!Number.isInteger(start) || start < 0 || start > count) {
      return this.json(response, 400, [{ errorCode: 'INVALIDLOCATOR', message: `Invalid locator: ${locator}` }]);
    }
    const end = Math.min(count, start + pageSize);
    response.writeHead(200, {
      'Content-Type': 'text/csv',
      'Sforce-Locator': end < count ? Buffer.from(String(end)).toString('base64') : 'null',
      'Sforce-NumberOfRecords': String(end - start),
    });
    const header = createReadStream(job.file, { start: 0, end: job.headerBytes - 1 });
    header.on('end', () => {
      if (end === start) return response.end();
      createReadStream(job.file, { start: job.offsets[start], end: job.offsets[end] - 1 }).pipe(response);
    });
    header.pipe(response, { end: false });
  }

  private soapLogin(body: string, response: ServerResponse): void {
    const username = xmlText(body, 'username');
    const password = xmlText(body, 'password');
    const fault = (code: string, message: string) => {
      response.writeHead(500, { 'Content-Type': 'text/xml; charset=utf-8' }).end(
        '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
          'xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>' +
          `<soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${escapeXml(message)}</faultstring><detail>` +
          `<sf:LoginFault xsi:type="sf:LoginFault"><sf:exceptionCode>${code}</sf:exceptionCode><sf:exceptionMessage>${escapeXml(message)}` +
          '</sf:exceptionMessage></sf:LoginFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>',
      );
    };
    const expected = `${this.options.password ?? ''}${this.options.securityToken ?? ''}`;
    if (username !== this.options.username || (password !== expected && password !== this.options.password)) {
      return fault('INVALID_LOGIN', 'Invalid username, password, security token; or user locked out.');
    }
    if (this.ipRestricted) return fault('LOGIN_DURING_RESTRICTED_DOMAIN', 'Login from this IP address is restricted for this user.');
    if (password !== expected) {
      return fault(
        'LOGIN_MUST_USE_SECURITY_TOKEN',
        'Invalid username, password, security token; or user locked out. Are you at a new location? When accessing ' +
          'Salesforce--either via a desktop client or the API--from outside of your company’s trusted networks, you must add a ' +
          'security token to your password to log in.',
      );
    }
    if (this.apiDisabled) return fault('API_DISABLED_FOR_ORG', 'API is not enabled for this Organization or Partner');
    const sessionId = this.issueAccessToken();
    response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(
      '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
        'xmlns="urn:partner.soap.sforce.com"><soapenv:Body><loginResponse><result>' +
        `<metadataServerUrl>${this.url}/services/Soap/m/62.0/${ORG_ID}</metadataServerUrl><passwordExpired>false</passwordExpired>` +
        `<sandbox>false</sandbox><serverUrl>${this.url}/services/Soap/u/62.0/${ORG_ID}</serverUrl><sessionId>${sessionId}</sessionId>` +
        `<userId>${USER_ID}</userId><userInfo><organizationId>${ORG_ID}</organizationId><userName>${escapeXml(username)}</userName>` +
        '</userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>',
    );
  }

  private oauthToken(body: string, response: ServerResponse): void {
    const params = new URLSearchParams(body);
    const error = (status: number, code: string, description: string) => this.json(response, status, { error: code, error_description: description });
    if (params.get('client_id') !== this.options.clientId) return error(400, 'invalid_client_id', 'client identifier invalid');
    if (params.get('client_secret') !== this.options.clientSecret) return error(400, 'invalid_client', 'invalid client credentials');
    const grant = params.get('grant_type');
    if (grant === 'password') {
      const password = `${this.options.password ?? ''}${this.options.securityToken ?? ''}`;
      if (params.get('username') !== this.options.username || params.get('password') !== password) {
        return error(400, 'invalid_grant', 'authentication failure');
      }
    } else if (grant === 'refresh_token') {
      if (!this.refreshTokens.has(params.get('refresh_token') ?? '')) return error(400, 'invalid_grant', 'expired access/refresh token');
    } else {
      return error(400, 'unsupported_grant_type', 'grant type not supported');
    }
    if (this.ipRestricted) return error(400, 'invalid_grant', 'ip restricted');
    this.json(response, 200, {
      access_token: this.issueAccessToken(),
      instance_url: this.url,
      id: `${this.url}/id/${ORG_ID}/${USER_ID}`,
      token_type: 'Bearer',
      issued_at: String(this.clock),
      signature: randomBytes(32).toString('base64'),
    });
  }

  private json(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' }).end(JSON.stringify(body));
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function* iterate(object: FakeObject): Generator<FakeRecord> {
  if (object.generated) {
    for (let i = 0; i < object.generated.count; i++) yield object.generated.record(i);
  } else {
    yield* object.records;
  }
}

function select(object: FakeObject, query: SoqlQuery): FakeRecord[] {
  const found: FakeRecord[] = [];
  for (const record of iterate(object)) {
    if (matches(record, query)) found.push(record);
    if (query.limit !== undefined && found.length >= query.limit) break;
  }
  return found;
}

function liveCount(object: FakeObject): number {
  return object.generated ? object.generated.count : object.records.filter((record) => record.IsDeleted !== true).length;
}

function fieldTypes(object: FakeObject): Map<string, string> {
  return new Map(object.fields.map((field) => [field.name, field.type]));
}

function describe(object: FakeObject, version: string) {
  return {
    name: object.name,
    label: object.label ?? object.name,
    custom: object.custom ?? object.name.endsWith('__c'),
    queryable: true,
    retrieveable: true,
    urls: { describe: `/services/data/v${version}/sobjects/${object.name}/describe` },
    fields: object.fields.map((field) => ({
      name: field.name,
      label: field.label ?? field.name,
      type: field.type,
      scale: field.scale ?? (field.type === 'currency' ? 2 : 0),
      precision: field.precision ?? (field.type === 'currency' ? 18 : 0),
      compoundFieldName: field.compoundFieldName ?? null,
      custom: field.name.endsWith('__c'),
      nillable: field.name !== 'Id',
    })),
  };
}

function jobInfo(job: BulkJob, version: string) {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object.name,
    createdById: USER_ID,
    createdDate: salesforceDatetime(job.createdDate),
    systemModstamp: salesforceDatetime(job.createdDate),
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(version),
    jobType: 'V2Query',
    lineEnding: 'LF',
    columnDelimiter: 'COMMA',
    ...(job.state === 'JobComplete' && { numberRecordsProcessed: job.offsets.length - 1 }),
  };
}

/** REST writes datetimes as `2024-01-15T10:30:00.000+0000`. */
function salesforceDatetime(iso: string): string {
  return iso.replace(/Z$/, '+0000');
}

function jsonValue(value: FakeValue, type: string | undefined): FakeValue {
  return type === 'datetime' && typeof value === 'string' ? salesforceDatetime(value) : value;
}

function csvValue(value: FakeValue): string {
  return value === null ? '' : String(value);
}

function csvQuote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function xmlText(xml: string, tag: string): string {
  const found = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1] ?? '';
  return found.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
