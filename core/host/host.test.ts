import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../api/client.ts';
import type { WorkbenchEvent } from '../api/events.ts';
import { createHttpTransport } from '../api/httpTransport.ts';
import { exportsDir } from '../engine/export.ts';
import { openSession, type Session } from '../service.ts';
import { EnvSecretStore } from '../workspace/secrets.ts';
import { Workspace } from '../workspace/workspace.ts';
import { startHost, type RunningHost } from './host.ts';

let dir: string;
let session: Session;
let host: RunningHost;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-host-'));
  await Workspace.init(join(dir, 'ws'), { name: 'Host test' });
  session = await openSession(join(dir, 'ws'), { secrets: new EnvSecretStore({}) });
  const staticDir = join(dir, 'ui');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'do not serve');
  host = await startHost({
    dispatch: session.dispatch,
    events: session.events,
    staticDir,
    downloadsDir: exportsDir(session.workspace.stateDir),
  });
});

afterAll(async () => {
  await host.close();
  await session.close();
  await rm(dir, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so Host and Origin can be anything a hostile page or a rebound DNS name would send. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser host', () => {
  it('listens on 127.0.0.1 only and prints an address with the token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('answers API calls with the token, through the typed client', async () => {
    const client = createClient(createHttpTransport({ baseUrl: `http://127.0.0.1:${host.port}`, token: host.token }));
    const info = await client.workspaceInfo({});
    expect(info.name).toBe('Host test');
    const result = await client.runQuery({ sql: 'select * from range(5000) t(i)', pageSize: 100 });
    expect(result.rowCount).toBe(5000);
    expect(tableFromIPC(result.firstPage.arrow).numRows).toBe(100);
    const page = await client.fetchPage({ queryId: result.queryId, offset: 4990, limit: 100 });
    expect(tableFromIPC(page.arrow).toArray().map((row) => Number(row.toJSON().i))).toEqual(
      Array.from({ length: 10 }, (_, k) => 4990 + k),
    );
    await expect(client.runQuery({ sql: 'select nosuch' })).rejects.toMatchObject({ code: 'sql_error' });
  });

  it('refuses requests without the token, with a wrong one, or from a foreign Host or Origin', async () => {
    const good = { host: `127.0.0.1:${host.port}`, 'x-bizops-token': host.token, 'content-type': 'application/json' };
    const post = (headers: Record<string, string>) => raw('/api/workspaceInfo', { method: 'POST', headers, body: '{}' });
    expect((await post(good)).status).toBe(200);
    expect((await post({ ...good, 'x-bizops-token': '' })).status).toBe(403);
    expect((await post({ ...good, 'x-bizops-token': `${host.token.slice(1)}x` })).status).toBe(403);
    expect((await post({ ...good, host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await post({ ...good, host: `localhost:${host.port}` })).status).toBe(200);
    expect((await post({ ...good, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ ...good, origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
    expect((await raw('/')).status).toBe(403);
    expect((await raw('/assets/app.js', { headers: { host: `127.0.0.1:${host.port}` } })).status).toBe(403);
  });

  it('serves the app with its CSP and sets a cookie so the app\'s assets load', async () => {
    const page = await raw(`/?token=${host.token}`, { headers: { host: `127.0.0.1:${host.port}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>app</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    expect(String(page.headers['set-cookie'])).toContain('HttpOnly');
    const asset = await raw('/assets/app.js', { headers: { host: `127.0.0.1:${host.port}`, cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
    const route = await raw('/sql', { headers: { host: `127.0.0.1:${host.port}`, cookie } });
    expect(route.body).toContain('<title>app</title>');
    // Another host's cookie in the same browser (cookies ignore ports) neither replaces nor opens this one's.
    expect(cookie.startsWith(`bizops_token_${host.port}=`)).toBe(true);
    const both = `bizops_token_1=other; ${cookie}`;
    expect((await raw('/assets/app.js', { headers: { host: `127.0.0.1:${host.port}`, cookie: both } })).status).toBe(200);
    const foreign = `bizops_token_${host.port + 1}=${host.token}`;
    expect((await raw('/assets/app.js', { headers: { host: `127.0.0.1:${host.port}`, cookie: foreign } })).status).toBe(403);
  });

  it('never serves files outside the UI folder', async () => {
    const headers = { host: `127.0.0.1:${host.port}`, 'x-bizops-token': host.token };
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await raw(path, { headers });
      expect(response.body).not.toContain('do not serve');
    }
  });

  it('serves an export as a download, behind the same checks as everything else', async () => {
    const client = createClient(createHttpTransport({ baseUrl: `http://127.0.0.1:${host.port}`, token: host.token }));
    const result = await client.runQuery({ sql: "select i, 'row ' || i as label from range(3) t(i)", pageSize: 10 });
    const exported = await client.exportResult({ queryId: result.queryId, format: 'csv', name: 'three rows' });
    const headers = { host: `127.0.0.1:${host.port}`, 'x-bizops-token': host.token };
    const download = await raw(exported.downloadPath, { headers });
    expect(download.status).toBe(200);
    expect(download.body).toBe('i,label\n0,row 0\n1,row 1\n2,row 2\n');
    expect(download.headers['content-disposition']).toBe('attachment; filename="three rows.csv"; filename*=UTF-8\'\'three%20rows.csv');
    expect(download.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect((await raw(exported.downloadPath, { headers: { host: headers.host } })).status).toBe(403);
    expect((await raw(exported.downloadPath, { headers: { ...headers, host: `evil.example:${host.port}` } })).status).toBe(403);
    expect((await raw(exported.downloadPath, { headers, method: 'POST' })).status).toBe(405);
    const [, , id] = exported.downloadPath.split('/');
    for (const path of [`/downloads/${id}/..%2F..%2Fbizops.yml`, '/downloads/..%2F..%2Fbizops.yml', `/downloads/${id}`, `/downloads/${id}/x.csv`]) {
      const response = await raw(path, { headers });
      expect(response.status).toBe(404);
    }
  });

  it('streams events to subscribers', async () => {
    const received = await new Promise<WorkbenchEvent>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: `/api/events?token=${host.token}`, headers: { host: `127.0.0.1:${host.port}` } },
        (res) => {
          res.on('data', (chunk: Buffer) => {
            const line = chunk.toString().split('\n').find((text) => text.startsWith('data: '));
            if (line) {
              resolve(JSON.parse(line.slice(6)) as WorkbenchEvent);
              req.destroy();
            }
          });
          setTimeout(() => session.events.log('warn', 'hello from the engine'), 50);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(received).toMatchObject({ type: 'log', level: 'warn', message: 'hello from the engine' });
  });
});
