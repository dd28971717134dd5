import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import type { Dispatch } from '../api/dispatcher.ts';
import { DOWNLOADS_PATH, TOKEN_HEADER } from '../api/httpTransport.ts';
import { encodeFrame, FRAME_CONTENT_TYPE } from '../api/wire.ts';
import type { EventHub } from '../events.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

export interface HostOptions {
  dispatch: Dispatch;
  events: EventHub;
  /** The built renderer (index.html and its assets). */
  staticDir: string;
  /**
   * Files the API wrote for downloading (exports), served as attachments at `/downloads/<id>/<file>`; a function
   * when the folder follows the workspace open at the time.
   */
  downloadsDir?: string | (() => string | undefined);
  /** 0 picks a free port. */
  port?: number;
  token?: string;
}

export interface RunningHost {
  port: number;
  token: string;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

const LISTEN_ADDRESS = '127.0.0.1';
/** Cookies are shared by every port of a host name: each host names its own, so two hosts open in one browser both work. */
const tokenCookie = (port: number) => `bizops_token_${port}`;
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;
const DOWNLOAD_ID = /^[A-Za-z0-9_-]{1,64}$/;
const DOWNLOAD_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.()-]{0,120}$/;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.parquet': 'application/vnd.apache.parquet',
};

/**
 * The browser host: the renderer and the API over HTTP, on 127.0.0.1 only. Every request needs the per-run
 * token (header, `?token=` or the cookie set from it) and a Host/Origin of this very address, so neither
 * another site nor a DNS-rebound name can reach the API.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticDir = resolve(options.staticDir);
  const sockets = new Set<import('node:net').Socket>();
  let port = 0;

  const server = createServer((request, response) => {
    setSecurityHeaders(response);
    const refusal = refuse(request, port, token);
    if (refusal) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(refusal);
      return;
    }
    const url = new URL(request.url ?? '/', `http://${LISTEN_ADDRESS}:${port}`);
    if (url.searchParams.get('token') === token) {
      response.setHeader('set-cookie', `${tokenCookie(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (url.pathname === '/api/events') {
      if (request.method !== 'GET') return methodNotAllowed(response, 'GET');
      return streamEvents(response, options.events);
    }
    if (url.pathname.startsWith(DOWNLOADS_PATH)) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(response, 'GET');
      const downloadsDir = typeof options.downloadsDir === 'function' ? options.downloadsDir() : options.downloadsDir;
      return serveDownload(downloadsDir, url.pathname.slice(DOWNLOADS_PATH.length), response);
    }
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') return methodNotAllowed(response, 'POST');
      return void answerCall(request, response, url.pathname.slice('/api/'.length), options.dispatch);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(response, 'GET');
    serveStatic(staticDir, url.pathname, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, LISTEN_ADDRESS, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://${LISTEN_ADDRESS}:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolveClose());
      }),
  };
}

/** Why a request is refused, or undefined when it may proceed. */
function refuse(request: IncomingMessage, port: number, token: string): string | undefined {
  const allowedHosts = [`${LISTEN_ADDRESS}:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(request.headers.host ?? '')) return 'Forbidden: foreign Host header.';
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedHosts.some((host) => origin === `http://${host}`)) {
    return 'Forbidden: foreign Origin.';
  }
  const url = new URL(request.url ?? '/', `http://${LISTEN_ADDRESS}:${port}`);
  const presented = [headerValue(request.headers[TOKEN_HEADER]), url.searchParams.get('token'), cookie(request, tokenCookie(port))];
  if (!presented.some((candidate) => candidate !== undefined && candidate !== null && sameSecret(candidate, token))) {
    return 'Forbidden: this address needs the token printed when the host started (…/?token=…).';
  }
  return undefined;
}

async function answerCall(request: IncomingMessage, response: ServerResponse, method: string, dispatch: Dispatch) {
  let arg: unknown;
  try {
    const body = await readBody(request);
    arg = body.length === 0 ? {} : JSON.parse(body);
  } catch (error) {
    return sendFrame(response, {
      ok: false,
      error: { code: 'invalid_argument', message: `The request body is not valid JSON: ${(error as Error).message}` },
    });
  }
  sendFrame(response, await dispatch(decodeURIComponent(method), arg));
}

function sendFrame(response: ServerResponse, value: unknown): void {
  const frame = encodeFrame(value);
  response.writeHead(200, { 'content-type': FRAME_CONTENT_TYPE, 'content-length': frame.length, 'cache-control': 'no-store' });
  response.end(frame);
}

function streamEvents(response: ServerResponse, events: EventHub): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  response.write(': connected\n\n');
  const unsubscribe = events.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
  response.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

function serveStatic(staticDir: string, pathname: string, response: ServerResponse): void {
  const requested = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = resolve(staticDir, requested);
  if (file !== staticDir && !file.startsWith(staticDir + sep)) {
    response.writeHead(404).end('Not found');
    return;
  }
  // Paths without an extension are the app's own routes: answer with the app.
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (extname(requested) !== '') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    file = join(staticDir, 'index.html');
  }
  if (!existsSync(file)) {
    response
      .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      .end(`The UI is not built (${file} is missing): run \`npm run build\`.`);
    return;
  }
  const hashedAsset = requested.startsWith('assets/');
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(response);
}

/** An export as an attachment: `<id>/<file>` with both parts checked, never a path outside the folder. */
function serveDownload(downloadsDir: string | undefined, rest: string, response: ServerResponse): void {
  const file = downloadFile(downloadsDir, rest);
  if (!file) return void response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
  const name = basename(file);
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'content-disposition': attachmentDisposition(name),
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(response);
}

/** The exported file that `<id>/<file>` names under `downloadsDir`, or undefined when it names none (or escapes it). */
export function downloadFile(downloadsDir: string | undefined, rest: string): string | undefined {
  let parts: string[];
  try {
    parts = rest.split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const [id, name] = parts;
  if (!downloadsDir || parts.length !== 2 || !DOWNLOAD_ID.test(id) || !DOWNLOAD_NAME.test(name)) return undefined;
  const root = resolve(downloadsDir);
  const file = resolve(root, id, name);
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return undefined;
  return file;
}

export function attachmentDisposition(name: string): string {
  return `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
  response.setHeader('cross-origin-resource-policy', 'same-origin');
}

function methodNotAllowed(response: ServerResponse, allowed: string): void {
  response.writeHead(405, { allow: allowed, 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed');
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`the body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function cookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sameSecret(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
