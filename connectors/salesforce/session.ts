import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Connection, OAuth2, type HttpRequest } from 'jsforce';
import { ConnectorError } from '../types.ts';
import { explainSalesforceError } from './errors.ts';
import type { SalesforceOptions } from './options.ts';

/** One page of a REST query: the records as the API sent them. */
export interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

/** One Bulk API 2.0 result page, written as CSV to a file. */
export interface BulkPage {
  path: string;
  records: number;
}

interface JobInfo {
  id: string;
  state: 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';
  createdDate: string;
  errorMessage?: string;
}

export interface DescribeGlobal {
  sobjects: { name: string; label: string; custom: boolean; queryable: boolean; retrieveable: boolean; deprecatedAndHidden: boolean }[];
}

export interface DescribeObject {
  name: string;
  label: string;
  fields: { name: string; type: string; label: string; scale?: number; precision?: number; compoundFieldName?: string | null }[];
}

const RETRIES = 5;
const RETRY_BASE_MS = 1000;
/** Records per Bulk API result page: enough for DuckDB to read each page at full speed, few enough to load in little memory. */
const BULK_PAGE_RECORDS = 50_000;
/** Result pages downloaded ahead of loading, at most. */
const PAGES_AHEAD = 4;

/**
 * A signed-in jsforce connection with what every call needs: retries with backoff on transient failures and
 * REQUEST_LIMIT_EXCEEDED, a stop before the org's daily API allowance runs out, and cancellation.
 */
export class SalesforceSession {
  private apiUsage?: { used: number; limit: number };

  private constructor(
    readonly connection: Connection,
    private readonly options: SalesforceOptions,
    private readonly signal: AbortSignal,
  ) {}

  static async open(options: SalesforceOptions, signal: AbortSignal): Promise<SalesforceSession> {
    const version = options.api_version;
    const loginUrl = options.login_url.replace(/\/+$/, '');
    const where = loginUrl;
    const need = (value: string | undefined, what: string, hint: string): string => {
      if (value) return value;
      throw new ConnectorError(`Signing in with ${options.auth.replace('_', ' ')} needs ${what}.`, 'Salesforce source options', hint);
    };
    try {
      if (options.auth === 'access_token') {
        const connection = new Connection({
          version,
          instanceUrl: need(options.instance_url, 'the instance URL', 'Set instance_url, e.g. https://yourcompany.my.salesforce.com.'),
          accessToken: need(options.access_token, 'an access token', 'Give the source its access_token secret: in the app\'s keychain, or the BIZOPS_<SOURCE>_ACCESS_TOKEN environment variable for the CLI.'),
        });
        return new SalesforceSession(connection, options, signal);
      }
      if (options.auth === 'refresh_token') {
        const oauth2 = new OAuth2({
          loginUrl,
          clientId: need(options.client_id, 'the connected app\'s client id', 'Set client_id (the consumer key of the connected app).'),
          clientSecret: need(options.client_secret, 'the connected app\'s client secret', 'Give the source its client_secret secret (keychain or BIZOPS_<SOURCE>_CLIENT_SECRET).'),
        });
        const refreshToken = need(options.refresh_token, 'a refresh token', 'Give the source its refresh_token secret (keychain or BIZOPS_<SOURCE>_REFRESH_TOKEN).');
        const token = await oauth2.refreshToken(refreshToken);
        const connection = new Connection({ version, oauth2, instanceUrl: token.instance_url, accessToken: token.access_token, refreshToken });
        return new SalesforceSession(connection, options, signal);
      }
      const username = need(options.username, 'a username', 'Set username in the source\'s options.');
      const password = need(options.password, 'the password', 'Give the source its password secret: in the app\'s keychain, or the BIZOPS_<SOURCE>_PASSWORD environment variable for the CLI.');
      const oauth2 =
        options.client_id && options.client_secret ? { loginUrl, clientId: options.client_id, clientSecret: options.client_secret } : undefined;
      const connection = new Connection({ version, loginUrl, ...(oauth2 && { oauth2 }) });
      await connection.login(username, password + (options.security_token ?? ''));
      return new SalesforceSession(connection, options, signal);
    } catch (error) {
      throw explainSalesforceError(error, where);
    }
  }

  get baseUrl(): string {
    return `/services/data/v${this.options.api_version}`;
  }

  /** A REST call through jsforce (which signs it, refreshes sessions and retries GETs on 5xx). */
  async call<T>(request: string | HttpRequest, where: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      this.signal.throwIfAborted();
      this.checkAllowance(where);
      try {
        const result = (await this.connection.request<T>(request)) as T;
        this.noteUsage(this.connection.limitInfo?.apiUsage);
        return result;
      } catch (error) {
        this.noteUsage(this.connection.limitInfo?.apiUsage);
        if (attempt >= RETRIES || !isTransient(error)) throw explainSalesforceError(error, where);
        await this.backoff(attempt);
      }
    }
  }

  async describeGlobal(): Promise<DescribeGlobal> {
    return this.call<DescribeGlobal>(`${this.baseUrl}/sobjects`, 'Salesforce describeGlobal');
  }

  async describe(object: string): Promise<DescribeObject> {
    return this.call<DescribeObject>(`${this.baseUrl}/sobjects/${encodeURIComponent(object)}/describe`, object);
  }

  /** Approximate record counts from the Record Count API: one call for many objects. */
  async recordCounts(objects: string[]): Promise<Map<string, number>> {
    if (objects.length === 0) return new Map();
    const found = await this.call<{ sObjects: { name: string; count: number }[] }>(
      `${this.baseUrl}/limits/recordCount?sObjects=${objects.map(encodeURIComponent).join(',')}`,
      'Salesforce record counts',
    );
    return new Map(found.sObjects.map((entry) => [entry.name, entry.count]));
  }

  async count(soql: string, object: string): Promise<number> {
    return (await this.call<QueryPage>(`${this.baseUrl}/query?q=${encodeURIComponent(soql)}`, object)).totalSize;
  }

  async limits(): Promise<{ DailyApiRequests?: { Max: number; Remaining: number } }> {
    const limits = await this.call<{ DailyApiRequests?: { Max: number; Remaining: number } }>(`${this.baseUrl}/limits`, 'Salesforce limits');
    const daily = limits.DailyApiRequests;
    if (daily) this.noteUsage({ used: daily.Max - daily.Remaining, limit: daily.Max });
    return limits;
  }

  /** Every page of a REST query, following each nextRecordsUrl to the end (never jsforce's maxFetch). */
  async *queryPages(soql: string, object: string, options: { all?: boolean } = {}): AsyncGenerator<QueryPage> {
    let url: string | undefined = `${this.baseUrl}/${options.all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`;
    while (url) {
      const page: QueryPage = await this.call<QueryPage>(url, object);
      yield page;
      url = page.done ? undefined : page.nextRecordsUrl;
    }
  }

  /**
   * A Bulk API 2.0 query job, its result pages streamed to files in `dir` by a background download. Each batch
   * this yields is every page downloaded since the last one, in a folder of its own, so DuckDB reads them in
   * one parallel statement while the next pages arrive. `started` tells when the job began, in the org's clock.
   */
  /**
   * Runs a query job and yields its result pages one at a time as CSV files, in order. Downloads run up to
   * PAGES_AHEAD pages ahead of the caller (on disk, not in memory); a page's file is removed once taken.
   */
  async *bulkQuery(soql: string, object: string, dir: string, started: (createdDate: string) => void): AsyncGenerator<BulkPage> {
    const job = await this.call<JobInfo>(
      {
        method: 'POST',
        url: `${this.baseUrl}/jobs/query`,
        body: JSON.stringify({ operation: 'query', query: soql, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' }),
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      },
      object,
    );
    started(job.createdDate);
    const downloads = new AbortController();
    const stop = () => downloads.abort();
    this.signal.addEventListener('abort', stop);
    let complete = false;
    const ready: BulkPage[] = [];
    let room: (() => void) | undefined;
    try {
      await this.waitForJob(job.id, object);
      complete = true;
      let finished = false;
      let failure: unknown;
      let wake: (() => void) | undefined;
      const download = async () => {
        let locator: string | null = null;
        let index = 0;
        do {
          while (ready.length >= PAGES_AHEAD) await new Promise<void>((resolve) => (room = resolve));
          const page: BulkPage & { locator: string | null } = await this.downloadPage(job.id, locator, join(dir, `${job.id}-${index++}.csv`), object, downloads.signal);
          ready.push(page);
          wake?.();
          locator = page.locator;
        } while (locator);
      };
      download().then(
        () => (finished = true),
        (error: unknown) => (failure = error),
      ).finally(() => wake?.());
      for (;;) {
        while (ready.length === 0 && !finished && failure === undefined) await new Promise<void>((resolve) => (wake = resolve));
        if (failure !== undefined) throw failure;
        const page = ready.shift();
        room?.();
        if (!page) break;
        yield { path: page.path, records: page.records };
        await rm(page.path, { force: true });
      }
    } finally {
      this.signal.removeEventListener('abort', stop);
      downloads.abort();
      room?.();
      for (const page of ready.splice(0)) await rm(page.path, { force: true });
      if (!complete) {
        await this.connection
          .request({ method: 'PATCH', url: `${this.baseUrl}/jobs/query/${job.id}`, body: JSON.stringify({ state: 'Aborted' }), headers: { 'Content-Type': 'application/json' } })
          .catch(() => undefined);
      }
    }
  }

  private async waitForJob(id: string, object: string): Promise<void> {
    for (let wait = 100; ; wait = Math.min(wait * 2, 5000)) {
      const info = await this.call<JobInfo>(`${this.baseUrl}/jobs/query/${id}`, object);
      if (info.state === 'JobComplete') return;
      if (info.state === 'Failed' || info.state === 'Aborted') {
        throw new ConnectorError(
          `The Bulk API query job ${id} for ${object} ${info.state === 'Failed' ? 'failed' : 'was aborted'}${info.errorMessage ? `: ${info.errorMessage}` : '.'}`,
          object,
          'Look the job up in Salesforce Setup › Bulk Data Load Jobs; or set query_api: rest for this source and sync again.',
        );
      }
      await sleep(wait, this.signal);
    }
  }

  /** One result page streamed straight to a file: no records in memory, no parsing in JS. */
  private async downloadPage(
    id: string,
    locator: string | null,
    path: string,
    object: string,
    signal: AbortSignal,
  ): Promise<BulkPage & { locator: string | null }> {
    const query = new URLSearchParams({ maxRecords: String(BULK_PAGE_RECORDS), ...(locator && { locator }) });
    const where = `${object} (Bulk API job ${id})`;
    for (let attempt = 1; ; attempt++) {
      signal.throwIfAborted();
      this.checkAllowance(where);
      const response = await fetch(`${this.connection.instanceUrl}${this.baseUrl}/jobs/query/${id}/results?${query}`, {
        headers: { Authorization: `Bearer ${this.connection.accessToken}`, Accept: 'text/csv' },
        signal,
      }).catch((error: unknown) => {
        if (signal.aborted) throw error;
        return error as Error;
      });
      if (response instanceof Error) {
        if (attempt >= RETRIES) throw explainSalesforceError(response, where);
        await this.backoff(attempt);
        continue;
      }
      this.noteUsage(parseLimitInfo(response.headers.get('sforce-limit-info')));
      if (response.ok && response.body) {
        await pipeline(Readable.fromWeb(response.body as WebReadableStream), createWriteStream(path), { signal });
        const next = response.headers.get('sforce-locator');
        return { path, records: Number(response.headers.get('sforce-numberofrecords') ?? 0), locator: next && next !== 'null' ? next : null };
      }
      const text = await response.text();
      const error = apiError(response.status, text);
      if (response.status === 401 && attempt === 1) {
        // An expired session: a jsforce call refreshes it (password or refresh-token sign-in), then retry.
        await this.call(`${this.baseUrl}/limits`, where);
        continue;
      }
      if (attempt >= RETRIES || !isTransient(error)) throw explainSalesforceError(error, where);
      await this.backoff(attempt);
    }
  }

  private noteUsage(usage: { used: number; limit: number } | undefined): void {
    if (usage) this.apiUsage = usage;
  }

  /** Stops before the next call once the org's API usage reaches this source's share of the daily allowance. */
  private checkAllowance(where: string): void {
    const usage = this.apiUsage;
    if (!usage || usage.limit <= 0) return;
    const percent = (usage.used / usage.limit) * 100;
    if (percent < this.options.api_usage_limit) return;
    throw new ConnectorError(
      `Stopped before Salesforce's daily API allowance runs out: the org has used ${usage.used.toLocaleString('en-US')} of its ` +
        `${usage.limit.toLocaleString('en-US')} requests for the last 24 hours (${Math.floor(percent)}%), and this source stops at ${this.options.api_usage_limit}%.`,
      where,
      'Nothing was changed; the next sync resumes from the last successful one. Sync again once the org has requests to spare, ' +
        'or raise api_usage_limit in the source\'s options.',
    );
  }

  private async backoff(attempt: number): Promise<void> {
    await sleep(RETRY_BASE_MS * 2 ** (attempt - 1), this.signal);
  }
}

/** Errors worth trying again: the org is busy (concurrent request limit) or a server failed for a moment. */
function isTransient(error: unknown): boolean {
  const code = (error as { errorCode?: string }).errorCode ?? (error as { name?: string }).name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'REQUEST_LIMIT_EXCEEDED') return !/TotalRequests/i.test(message);
  return /^(SERVER_UNAVAILABLE|UNKNOWN_EXCEPTION|ERROR_HTTP_5\d\d)$/.test(code) || /ECONNRESET|ETIMEDOUT|socket hang up/.test(message);
}

function apiError(status: number, body: string): Error & { errorCode: string } {
  let parsed: { errorCode?: string; message?: string } | undefined;
  try {
    const json = JSON.parse(body) as unknown;
    parsed = (Array.isArray(json) ? json[0] : json) as typeof parsed;
  } catch {
    parsed = undefined;
  }
  const error = new Error(parsed?.message ?? (body || `HTTP ${status}`)) as Error & { errorCode: string };
  error.errorCode = parsed?.errorCode ?? `ERROR_HTTP_${status}`;
  error.name = error.errorCode;
  return error;
}

function parseLimitInfo(header: string | null): { used: number; limit: number } | undefined {
  const match = /api-usage=(\d+)\/(\d+)/.exec(header ?? '');
  return match ? { used: Number(match[1]), limit: Number(match[2]) } : undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
