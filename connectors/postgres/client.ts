import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';

export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

export interface PostgresServer {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  sslmode: SslMode;
  /** The certificate authority (PEM) that signed the server's certificate, for verify-ca and verify-full. */
  ca?: string;
  /** How the session shows in pg_stat_activity, e.g. `bizops sync`. */
  applicationName: string;
}

const CONNECT_TIMEOUT_MS = 15_000;

/**
 * A connected client, for the Postgres source and the warehouse alike. `sslmode` follows libpq: `prefer` tries
 * TLS and falls back to a plain connection, `verify-ca` checks the certificate chain but not the host name,
 * `verify-full` checks both. Failures are thrown as pg and Node report them, for the caller to explain.
 */
export async function connectPostgres(server: PostgresServer): Promise<pg.Client> {
  try {
    return await connectOnce(server, tlsOptions(server));
  } catch (error) {
    if (server.sslmode === 'prefer' && isNoSslServer(error)) return connectOnce(server, false);
    throw error;
  }
}

async function connectOnce(server: PostgresServer, ssl: ConnectionOptions | false): Promise<pg.Client> {
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    database: server.database,
    user: server.user,
    password: server.password,
    ssl,
    application_name: server.applicationName,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // A dropped connection surfaces as the failure of the statement in flight; without a listener it would crash.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

function tlsOptions({ sslmode, ca }: PostgresServer): ConnectionOptions | false {
  switch (sslmode) {
    case 'disable':
      return false;
    case 'prefer':
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { rejectUnauthorized: true, ca, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { rejectUnauthorized: true, ca };
  }
}

/** The server refused TLS: `prefer` retries without it; otherwise the person is told to change sslmode. */
export function isNoSslServer(error: unknown): boolean {
  return error instanceof Error && /does not support SSL/i.test(error.message);
}
