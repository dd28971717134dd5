import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { z } from 'zod';
import { tableNameFor } from '../naming.ts';
import { ConnectorError, type Connector, type ConnectorContext, type TableSpec } from '../types.ts';
import { connectPostgres, isNoSslServer, SSL_MODES } from './client.ts';
import { CsvParts } from './csvParts.ts';
import { duckdbTypeForPostgres } from './types.ts';

export const postgresOptions = z
  .object({
    host: z.string().min(1).meta({ title: 'Host', description: 'The server\'s host name or address' }),
    port: z.number().int().min(1).max(65535).default(5432).meta({ title: 'Port' }),
    database: z.string().min(1).meta({ title: 'Database' }),
    user: z.string().min(1).meta({ title: 'User', description: 'A role with SELECT on the tables to sync (read-only is enough)' }),
    password: z.string().optional().meta({ title: 'Password', secret: true }),
    sslmode: z.enum(SSL_MODES).default('prefer').meta({
      title: 'TLS mode',
      description: 'As libpq: prefer tries TLS and falls back, require insists, verify-ca checks the certificate, verify-full also the host name',
    }),
    ssl_ca: z.string().min(1).optional().meta({ title: 'CA certificate', description: 'A PEM file of the authority that signed the server\'s certificate' }),
    schemas: z.array(z.string().min(1)).min(1).default(['public']).meta({ title: 'Schemas', description: 'The schemas whose tables and views are offered' }),
    queries: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'name queries in lower-case snake_case'), z.string().min(1)).default({}).meta({
      title: 'Queries',
      description: 'Custom queries to sync as tables, by table name, e.g. {active_customers: "select … from customers where …"}',
    }),
    cursors: z.record(z.string(), z.string().min(1)).default({}).meta({
      title: 'Cursor columns',
      description: 'For incremental syncs, a column that only grows as rows change, by table, e.g. {orders: updated_at}',
    }),
    primary_keys: z.record(z.string(), z.array(z.string().min(1)).min(1)).default({}).meta({
      title: 'Primary keys',
      description: 'Keys for views and queries (tables use their own), by table, e.g. {active_customers: [id]}',
    }),
  })
  .strict();

export type PostgresOptions = z.output<typeof postgresOptions>;

export interface PostgresState {
  cursor: string;
  /** The largest cursor value seen, as Postgres writes it. */
  value: string;
}

/** Rows are spooled into files of this size, so DuckDB loads one while the next arrives. */
const PART_BYTES = 64 * 1024 * 1024;
/** Written for NULL by COPY: an empty unquoted field is an empty string, as in Postgres. */
const NULL_MARKER = '\\N';

interface Relation {
  schema: string;
  name: string;
  kind: string;
  rows: number;
  description: string | null;
}

/** Any schema, table or custom query of a PostgreSQL database, streamed with COPY. */
export const postgresConnector: Connector<PostgresOptions> = {
  type: 'postgres',
  title: 'PostgreSQL',
  description: 'Tables, views and custom queries of a PostgreSQL database, copied with COPY … TO STDOUT.',
  options: postgresOptions,
  capabilities: { incremental: true, deletes: false },

  async test(options, context) {
    try {
      const client = await connect(options, context);
      try {
        const visible = await client.query<{ count: string }>(
          `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND has_table_privilege(c.oid, 'SELECT')`,
          [options.schemas],
        );
        return Number(visible.rows[0].count) > 0 || Object.keys(options.queries).length > 0
          ? true
          : `User ${options.user} can read no table in schema ${options.schemas.join(', ')} of ${options.database}. Grant it SELECT, or list other schemas.`;
      } finally {
        await client.end();
      }
    } catch (error) {
      const explained = explainPostgresError(error, options, options.database);
      return [explained.message, explained.hint].filter(Boolean).join(' ');
    }
  },

  async discover(options, context) {
    const client = await connect(options, context);
    try {
      const relations = await client.query<Relation>(
        `SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind, greatest(c.reltuples, 0)::bigint AS rows,
                obj_description(c.oid, 'pg_class') AS description
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
         ORDER BY 1, 2`,
        [options.schemas],
      );
      const columns = await client.query<{ schema: string; name: string; column: string; type: string }>(
        `SELECT n.nspname AS schema, c.relname AS name, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY n.nspname, c.relname, a.attnum`,
        [options.schemas],
      );
      const keys = await client.query<{ schema: string; name: string; column: string }>(
        `SELECT n.nspname AS schema, c.relname AS name, a.attname AS column
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
         WHERE i.indisprimary AND n.nspname = ANY($1)
         ORDER BY n.nspname, c.relname, k.position`,
        [options.schemas],
      );
      const specs: TableSpec[] = relations.rows.map((relation) => {
        const sourceName = `${relation.schema}.${relation.name}`;
        const name = relationTableName(options, relation.schema, relation.name);
        const own = (row: { schema: string; name: string }) => row.schema === relation.schema && row.name === relation.name;
        const primaryKey = options.primary_keys[name] ?? options.primary_keys[sourceName] ?? keys.rows.filter(own).map((row) => row.column);
        return {
          name,
          sourceName,
          ...(relation.description && { description: relation.description }),
          columns: columns.rows.filter(own).map((row) => ({ name: row.column, type: duckdbTypeForPostgres(row.type) })),
          ...(primaryKey.length > 0 && { primaryKey }),
          selectedByDefault: true,
          ...(relation.kind !== 'v' && { rowCountEstimate: Number(relation.rows) }),
        };
      });
      for (const [name, sql] of Object.entries(options.queries)) {
        const described = await describeQuery(client, name, sql, options);
        specs.push({ name, sourceName: name, description: 'A custom query', columns: described, ...(options.primary_keys[name] && { primaryKey: options.primary_keys[name] }), selectedByDefault: true });
      }
      return specs;
    } finally {
      await client.end();
    }
  },

  async *extract(options, request, context) {
    const { table } = request;
    const client = await connect(options, context);
    const cancel = () => client.connection.stream.destroy();
    context.signal.addEventListener('abort', cancel, { once: true });
    try {
      const query = options.queries[table.name];
      const source = query ? `(${query}) AS q` : qualifiedRelation(client, table.sourceName);
      const cursor = options.cursors[table.name] ?? options.cursors[table.sourceName];
      const previous = request.fullRefresh ? undefined : (request.state as PostgresState | undefined);
      // One snapshot for the high-water mark and the rows, so the state matches the data exactly.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query("SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL TimeZone = 'UTC'; SET LOCAL IntervalStyle = 'iso_8601'; SET LOCAL extra_float_digits = 3");
      let where = '';
      let state: PostgresState | undefined;
      if (cursor) {
        const column = client.escapeIdentifier(cursor);
        const typed = await client.query<{ type: string; newest: string | null }>(
          `SELECT pg_typeof(${column})::text AS type, max(${column})::text AS newest FROM ${source} GROUP BY 1 LIMIT 1`,
        );
        const type = typed.rows[0]?.type;
        const newest = typed.rows[0]?.newest ?? previous?.value;
        if (newest !== undefined && newest !== null) state = { cursor, value: newest };
        if (previous?.cursor === cursor && type) {
          // COPY takes no parameters: the cursor value travels as a bound setting, read back in the query.
          await client.query("SELECT set_config('bizops.since', $1, true)", [previous.value]);
          where = ` WHERE ${column} >= current_setting('bizops.since')::${checkedTypeName(type)}`;
        }
      }
      const columns = table.columns.length > 0 ? table.columns.map((column) => client.escapeIdentifier(column.name)).join(', ') : '*';
      const copy = client.query(copyTo(`COPY (SELECT ${columns} FROM ${source}${where}) TO STDOUT WITH (FORMAT csv, HEADER true, NULL '${NULL_MARKER}')`));
      const parts: string[] = [];
      let wake: (() => void) | undefined;
      const parts$ = new CsvParts((index) => join(context.tempDir, `${table.name}-${index}.csv`), PART_BYTES, (path) => {
        parts.push(path);
        wake?.();
      });
      let copied: Error | null | undefined;
      pipeline(copy, parts$).then(
        () => (copied = null),
        (error: Error) => (copied = error),
      ).finally(() => wake?.());
      const types = Object.fromEntries(table.columns.map((column) => [column.name, column.type]));
      for (;;) {
        if (parts.length === 0 && copied === undefined) await new Promise<void>((resolveWake) => (wake = resolveWake));
        wake = undefined;
        const path = parts.shift();
        if (path) {
          yield {
            kind: 'file',
            path,
            format: 'csv',
            csv: { nullString: NULL_MARKER },
            ...(Object.keys(types).length > 0 && { types }),
            label: `${options.database}: ${table.sourceName}`,
          };
          await rm(path, { force: true });
          continue;
        }
        if (copied) throw copied;
        if (copied === null) break;
      }
      await client.query('COMMIT');
      return { mode: where ? 'changes' : 'snapshot', ...(state && { state }) };
    } catch (error) {
      context.signal.throwIfAborted();
      throw explainPostgresError(error, options, table.sourceName);
    } finally {
      context.signal.removeEventListener('abort', cancel);
      await client.end().catch(() => undefined);
    }
  },
};

function relationTableName(options: PostgresOptions, schema: string, name: string): string {
  return options.schemas.length === 1 && schema === options.schemas[0] ? tableNameFor(name) : tableNameFor(`${schema}_${name}`);
}

function qualifiedRelation(client: pg.Client, sourceName: string): string {
  const dot = sourceName.indexOf('.');
  return `${client.escapeIdentifier(sourceName.slice(0, dot))}.${client.escapeIdentifier(sourceName.slice(dot + 1))}`;
}

/** A type name as Postgres itself printed it (pg_typeof): checked to be nothing but a type name. */
function checkedTypeName(type: string): string {
  if (!/^[a-z_][a-z0-9_ ."]*(\(\d+(,\d+)?\))?(\[\])?$/i.test(type)) throw new ConnectorError(`The cursor column has the unexpected type ${type}.`);
  return type;
}

async function describeQuery(client: pg.Client, name: string, sql: string, options: PostgresOptions) {
  try {
    const result = await client.query(`SELECT * FROM (${sql}) AS q LIMIT 0`);
    const names = await client.query<{ oid: number; type: string }>(
      'SELECT oid::int AS oid, format_type(oid, NULL) AS type FROM pg_type WHERE oid = ANY($1)',
      [result.fields.map((field) => field.dataTypeID)],
    );
    const typeOf = new Map(names.rows.map((row) => [row.oid, row.type]));
    return result.fields.map((field) => ({ name: field.name, type: duckdbTypeForPostgres(typeOf.get(field.dataTypeID) ?? 'text') }));
  } catch (error) {
    throw explainPostgresError(error, options, `query ${name}`);
  }
}

async function connect(options: PostgresOptions, context: ConnectorContext): Promise<pg.Client> {
  const ca = options.ssl_ca ? readFileSync(isAbsolute(options.ssl_ca) ? options.ssl_ca : resolve(context.workspaceDir, options.ssl_ca), 'utf8') : undefined;
  try {
    return await connectPostgres({ ...options, ca, applicationName: 'bizops sync' });
  } catch (error) {
    throw explainPostgresError(error, options, `${options.host}:${options.port}`);
  }
}

/** Postgres' failures in words a person can act on. */
export function explainPostgresError(error: unknown, options: PostgresOptions, where: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const address = `${options.host}:${options.port}`;
  const fail = (text: string, hint: string) => new ConnectorError(text, where, hint);
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code) || /timeout expired/i.test(message)) {
    return fail(`Could not reach Postgres at ${address}: ${message}.`, 'Check host and port, that the server is running, and that this computer can reach it (VPN, firewall).');
  }
  if (code === '28P01' || /no password supplied|password must be a string/i.test(message)) {
    return fail(`Postgres refused the password of user ${options.user}.`, 'Check the password (kept in the keychain or the BIZOPS_<SOURCE>_PASSWORD environment variable) and the user.');
  }
  if (code === '28000') return fail(`Postgres refused the connection: ${message}.`, 'Ask the admin to allow this user to connect from here (pg_hba.conf), or change sslmode.');
  if (code === '3D000') return fail(`Postgres at ${address} has no database ${options.database}.`, 'Check the database name.');
  if (isNoSslServer(error) || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|Hostname\/IP does not match/.test(`${code} ${message}`)) {
    return fail(
      `The TLS connection to Postgres at ${address} failed (sslmode ${options.sslmode}): ${message}.`,
      isNoSslServer(error)
        ? 'The server does not offer TLS: set sslmode to prefer or disable, or enable TLS on the server.'
        : 'Give the authority that signed the server\'s certificate as ssl_ca, or use sslmode require.',
    );
  }
  if (code === '42501') return fail(`Postgres denied access: ${message}.`, `Grant user ${options.user} SELECT on it, or remove it from the source's tables.`);
  if (code === '42P01' || code === '42703' || code === '42601') {
    return fail(`Postgres refused the query for ${where}: ${message}.`, 'Fix the query or the cursor column in the source\'s options.');
  }
  return fail(`Postgres failed while reading ${where}: ${message}.`, 'The previous data is unchanged; check the server and sync again.');
}
