import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { columnsForFields } from '../connectors/salesforce/fields.ts';
import { FAKE_LOGIN, standardFields } from '../connectors/testkit/salesforceOrg.ts';
import { openSession } from '../core/service.ts';
import { syncSource } from '../core/sync/sync.ts';
import { EnvSecretStore } from '../core/workspace/secrets.ts';
import { Workspace } from '../core/workspace/workspace.ts';
import type { Benchmark } from './harness.ts';

const RECORDS = 1_000_000;
const REST_RECORDS = 50_000;
const GOAL = 0.8;
const RSS_LIMIT_MB = 500;
const ROUNDS = 2;
const SECRETS = { BIZOPS_SALESFORCE_PASSWORD: FAKE_LOGIN.password, BIZOPS_SALESFORCE_SECURITY_TOKEN: FAKE_LOGIN.securityToken };

/**
 * 1M Opportunity records from the fake Salesforce through the Bulk API 2.0 path (query job, CSV result pages
 * streamed to files, loaded by DuckDB) vs DuckDB loading the same CSV bytes from disk; the REST path beside it.
 */
export const salesforceBulk: Benchmark = {
  name: `salesforce connector: ${RECORDS.toLocaleString('en-US')} Opportunity records through the Bulk API 2.0 vs DuckDB reading the same CSV`,
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'bizops-bench-sf-'));
    const bulkServer = await startServer(RECORDS);
    const restServer = await startServer(REST_RECORDS);
    try {
      // Fetching the pages for the anchor first also has the fake org keep the job's results for the syncs.
      const pages = await downloadPages(bulkServer.url, join(dir, 'pages'));
      const bulkRoot = await workspace(dir, 'bulk', bulkServer.url, 'bulk');
      const restRoot = await workspace(dir, 'rest', restServer.url, 'rest');
      // Peak RSS of `bizops sync` in a process of its own, as a user runs it, with DuckDB's default settings.
      const peakMb = await cliSyncPeakRss(bulkRoot);
      const bulk = await open(bulkRoot);
      const rest = await open(restRoot);
      let oursMs = Infinity;
      for (let round = 0; round < ROUNDS; round++) {
        const started = performance.now();
        const measured = await syncSource(bulk, 'salesforce', { fullRefresh: true });
        oursMs = Math.min(oursMs, performance.now() - started);
        if (measured.rows !== RECORDS) throw new Error(`the sync failed: ${JSON.stringify(measured.error)}`);
      }

      const anchorDb = await DuckDBInstance.create(join(dir, 'anchor.duckdb'));
      const anchor = await anchorDb.connect();
      const types = Object.fromEntries(columnsForFields(standardFields('Opportunity')).map((column) => [column.name, column.type]));
      const typeList = Object.entries(types).map(([name, type]) => `'${name}': '${type}'`).join(', ');
      let anchorMs = Infinity;
      for (let round = 0; round < ROUNDS; round++) {
        const started = performance.now();
        await anchor.run(
          `CREATE OR REPLACE TABLE opportunity AS SELECT * FROM read_csv([${pages.map((page) => `'${page}'`).join(', ')}], header = true, ` +
            `nullstr = '', allow_quoted_nulls = true, dateformat = '%Y-%m-%d', timestampformat = '%Y-%m-%dT%H:%M:%S.%gZ', types = {${typeList}})`,
        );
        anchorMs = Math.min(anchorMs, performance.now() - started);
      }
      anchor.disconnectSync();
      anchorDb.closeSync();

      const started = performance.now();
      const restSync = await syncSource(rest, 'salesforce', { fullRefresh: true });
      const restMs = performance.now() - started;
      if (restSync.rows !== REST_RECORDS) throw new Error(`the REST sync failed: ${JSON.stringify(restSync.error)}`);
      await bulk.close();
      await rest.close();

      const ratio = anchorMs / oursMs;
      return {
        figures: [
          { label: `Bulk API path, whole sync (sign-in, job, pages, load, commit), best of ${ROUNDS}`, value: oursMs, unit: 'ms' },
          { label: 'Bulk API path throughput', value: RECORDS / (oursMs / 1000), unit: 'records/s' },
          { label: `DuckDB read_csv of the same pages from disk into a table, best of ${ROUNDS}`, value: anchorMs, unit: 'ms' },
          { label: '`bizops sync --full-refresh` of the 1M records in a process of its own: peak RSS', value: peakMb, unit: `MB (goal < ${RSS_LIMIT_MB})` },
          { label: `REST API path throughput (${REST_RECORDS.toLocaleString('en-US')} records, 2,000 per page)`, value: REST_RECORDS / (restMs / 1000), unit: 'records/s' },
        ],
        ratio: {
          value: ratio,
          meaning: 'of DuckDB\'s bare CSV load throughput',
          goal: `≥ ${GOAL}× and peak RSS < ${RSS_LIMIT_MB} MB`,
          met: ratio >= GOAL && peakMb < RSS_LIMIT_MB,
        },
      };
    } finally {
      bulkServer.process.kill('SIGTERM');
      restServer.process.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    }
  },
};

async function startServer(records: number): Promise<{ url: string; process: ChildProcess }> {
  const script = fileURLToPath(new URL('./salesforceBulkServer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(records)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the fake Salesforce exited (${code})`)));
  });
  return { url, process: child };
}

async function workspace(dir: string, name: string, url: string, api: 'bulk' | 'rest'): Promise<string> {
  const root = join(dir, name);
  await Workspace.init(root, { name });
  await writeFile(
    join(root, 'bizops.yml'),
    `name: ${name}\nsources:\n  salesforce:\n    type: salesforce\n    options:\n      login_url: ${url}\n      username: ${FAKE_LOGIN.username}\n      query_api: ${api}\n    tables: [Opportunity]\n`,
  );
  return root;
}

function open(root: string) {
  return openSession(root, { secrets: new EnvSecretStore(SECRETS) });
}

/** Runs `bizops sync --full-refresh` on the workspace in a child process; answers with its peak RSS in MB. */
async function cliSyncPeakRss(root: string): Promise<number> {
  const cli = fileURLToPath(new URL('../bin/bizops.mjs', import.meta.url));
  const preload = fileURLToPath(new URL('./peakRss.mjs', import.meta.url));
  const child = spawn(process.execPath, ['--import', preload, cli, 'sync', '--full-refresh', '--workspace', root], {
    env: { ...process.env, ...SECRETS },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let report = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdio[3]!.on('data', (chunk: Buffer) => (report += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`bizops sync failed (${code}): ${stderr.slice(-2000)}`);
  return Number(report.trim()) / 1024;
}

/** Every result page of a fresh query job for the same SOQL, as the fake serves them, saved to files. */
async function downloadPages(url: string, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const token = await (await fetch(`${url}/services/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: FAKE_LOGIN.clientId, client_secret: FAKE_LOGIN.clientSecret, username: FAKE_LOGIN.username, password: FAKE_LOGIN.password + FAKE_LOGIN.securityToken }),
  })).json() as { access_token: string };
  const headers = { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' };
  const fields = columnsForFields(standardFields('Opportunity')).map((column) => column.name).join(', ');
  const job = await (await fetch(`${url}/services/data/v62.0/jobs/query`, {
    method: 'POST', headers, body: JSON.stringify({ operation: 'query', query: `SELECT ${fields} FROM Opportunity` }),
  })).json() as { id: string };
  for (;;) {
    const info = await (await fetch(`${url}/services/data/v62.0/jobs/query/${job.id}`, { headers })).json() as { state: string };
    if (info.state === 'JobComplete') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const pages: string[] = [];
  let locator: string | null = null;
  do {
    const response: Response = await fetch(`${url}/services/data/v62.0/jobs/query/${job.id}/results?maxRecords=100000${locator ? `&locator=${locator}` : ''}`, { headers });
    const path = join(dir, `page-${pages.length}.csv`);
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), createWriteStream(path));
    pages.push(path);
    const next = response.headers.get('sforce-locator');
    locator = next && next !== 'null' ? next : null;
  } while (locator);
  return pages;
}
