import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { PushMode } from '../api/warehouse.ts';
import { WorkbenchError } from '../errors.ts';
import type { Warehouse } from './connection.ts';
import { describeTable, quoteIdent, quoteTable, type TableName } from './names.ts';
import type { PushSource } from './source.ts';
import { fitsColumn, type PushColumn, type WarehouseColumn } from './types.ts';

/** What the warehouse already has where a push writes, and what its user may do there. */
export interface TargetState {
  user: string;
  database: string;
  schemaExists: boolean;
  canCreateSchema: boolean;
  canUseSchema: boolean;
  canCreateInSchema: boolean;
  table?: ExistingTable;
}

interface ExistingTable {
  /** pg_class.relkind: r table, p partitioned table, v view, m materialized view, f foreign table. */
  kind: string;
  owner: string;
  isOwner: boolean;
  canSelect: boolean;
  canInsert: boolean;
  canUpdate: boolean;
  columns: WarehouseColumn[];
  /** Column sets of unique indexes without predicates or expressions: what ON CONFLICT can match. */
  uniqueKeys: string[][];
  /** Views and foreign keys that stop the table from being dropped. */
  dependents: string[];
  grants: { privilege: string; grantee: string | null; grantable: boolean }[];
}

export async function inspectTarget(client: pg.Client, target: TableName): Promise<TargetState> {
  const { rows: [state] } = await client.query(
    `SELECT current_user AS "user", current_database() AS database, n.oid IS NOT NULL AS "schemaExists",
            has_database_privilege(current_database(), 'CREATE') AS "canCreateSchema",
            coalesce(has_schema_privilege(n.oid, 'USAGE'), false) AS "canUseSchema",
            coalesce(has_schema_privilege(n.oid, 'CREATE'), false) AS "canCreateInSchema",
            c.oid::int8 AS "tableOid", c.relkind AS kind, pg_get_userbyid(c.relowner) AS owner,
            pg_has_role(c.relowner, 'USAGE') AS "isOwner",
            has_table_privilege(c.oid, 'SELECT') AS "canSelect", has_table_privilege(c.oid, 'INSERT') AS "canInsert",
            has_table_privilege(c.oid, 'UPDATE') AS "canUpdate"
       FROM (SELECT 1) AS one
       LEFT JOIN pg_namespace n ON n.nspname = $1
       LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = $2`,
    [target.schema, target.table],
  );
  const base: TargetState = {
    user: state.user,
    database: state.database,
    schemaExists: state.schemaExists,
    canCreateSchema: state.canCreateSchema,
    canUseSchema: state.canUseSchema,
    canCreateInSchema: state.canCreateInSchema,
  };
  if (state.tableOid === null) return base;
  const oid = state.tableOid as string;
  const columns = await client.query<WarehouseColumn>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, t.typcategory AS category,
            a.attnotnull AS "notNull", (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') AS "hasDefault"
       FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = $1::int8::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [oid],
  );
  const uniqueKeys = await client.query<{ columns: string[] }>(
    `SELECT array_agg(a.attname::text ORDER BY a.attname) AS columns
       FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = $1::int8::oid AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
      GROUP BY i.indexrelid`,
    [oid],
  );
  const dependents = await client.query<{ name: string }>(
    `SELECT DISTINCT r.ev_class::regclass::text AS name FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
      WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = $1::int8::oid AND r.ev_class <> $1::int8::oid
     UNION
     SELECT conrelid::regclass::text || ' (foreign key ' || quote_ident(conname) || ')' FROM pg_constraint
      WHERE contype = 'f' AND confrelid = $1::int8::oid AND conrelid <> $1::int8::oid
     ORDER BY 1`,
    [oid],
  );
  const grants = await client.query<{ privilege: string; grantee: string | null; grantable: boolean }>(
    `SELECT acl.privilege_type AS privilege, CASE WHEN acl.grantee = 0 THEN NULL ELSE pg_get_userbyid(acl.grantee) END AS grantee,
            acl.is_grantable AS grantable
       FROM pg_class c, aclexplode(c.relacl) acl
      WHERE c.oid = $1::int8::oid AND acl.grantee <> c.relowner`,
    [oid],
  );
  return {
    ...base,
    table: {
      kind: state.kind,
      owner: state.owner,
      isOwner: state.isOwner,
      canSelect: state.canSelect,
      canInsert: state.canInsert,
      canUpdate: state.canUpdate,
      columns: columns.rows,
      uniqueKeys: uniqueKeys.rows.map((row) => row.columns),
      dependents: dependents.rows.map((row) => row.name),
      grants: grants.rows,
    },
  };
}

/** The statements of a push, around the one COPY. All of them run in a single transaction. */
export interface PushPlan {
  /** Before the rows: create the schema and the table that COPY loads into. */
  prepare: string[];
  copy: string;
  /** After the rows: swap the loaded table in. */
  finish: string[];
  /** For an upsert into an existing table: the merge, answering one row of inserted and updated counts. */
  merge?: string;
  createsTable: boolean;
}

interface PlanInput {
  source: PushSource;
  target: TableName;
  mode: PushMode;
  key: string[];
  warehouse: Warehouse;
}

const GRANTABLE_PRIVILEGES = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'MAINTAIN']);
const TABLE_KINDS: Record<string, string> = { v: 'a view', m: 'a materialized view', f: 'a foreign table', S: 'a sequence', i: 'an index', c: 'a type' };

/** Check everything the warehouse would refuse before any row is sent, and say which statements to run. */
export function planPush(state: TargetState, input: PlanInput): PushPlan {
  const { source, target, mode, key } = input;
  const problem = problems(state, input);
  const prepare: string[] = [];
  if (!state.schemaExists) {
    problem.unless(state.canCreateSchema, `create the schema ${quoteIdent(target.schema)}`, `GRANT CREATE ON DATABASE ${quoteIdent(state.database)} TO ${quoteIdent(state.user)}; or have an admin run CREATE SCHEMA ${quoteIdent(target.schema)} AUTHORIZATION ${quoteIdent(state.user)}`);
    prepare.push(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(target.schema)}`);
  } else {
    problem.unless(state.canUseSchema, `use the schema ${quoteIdent(target.schema)}`, `GRANT USAGE ON SCHEMA ${quoteIdent(target.schema)} TO ${quoteIdent(state.user)}`);
  }
  const table = state.table;
  if (table && !(table.kind === 'r' || (table.kind === 'p' && mode !== 'replace'))) {
    throw new WorkbenchError({
      code: 'invalid_argument',
      message: `${describeTable(target)} in the warehouse is ${TABLE_KINDS[table.kind] ?? (table.kind === 'p' ? 'a partitioned table' : 'not a plain table')}, which a ${mode} push cannot write.`,
      where: problem.where,
      hint: 'Push to another table with --table schema.name.',
    });
  }
  const createTable = (name: TableName, primaryKey: string[] = []) =>
    `CREATE TABLE ${quoteTable(name)} (${[
      ...source.columns.map((column) => `${quoteIdent(column.name)} ${column.postgresType}`),
      ...(primaryKey.length > 0 ? [`PRIMARY KEY (${primaryKey.map(quoteIdent).join(', ')})`] : []),
    ].join(', ')})`;
  const copyInto = (name: TableName, columns: string[]) =>
    `COPY ${quoteTable(name)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  const sourceNames = source.columns.map((column) => column.name);
  const mayCreateTable = () =>
    problem.unless(!state.schemaExists || state.canCreateInSchema, `create tables in the schema ${quoteIdent(target.schema)}`, `GRANT CREATE ON SCHEMA ${quoteIdent(target.schema)} TO ${quoteIdent(state.user)}`);

  if (mode === 'replace' || !table) {
    mayCreateTable();
    if (mode !== 'replace') {
      prepare.push(createTable(target, mode === 'upsert' ? key : []));
      return { prepare, copy: copyInto(target, sourceNames), finish: [], createsTable: true };
    }
    // The rows load into a table of their own; readers keep seeing the old table until the swap commits.
    const load = { schema: target.schema, table: loadTableName() };
    prepare.push(createTable(load));
    const finish: string[] = [];
    if (table) {
      problem.unless(table.isOwner, `replace ${describeTable(target)}, which belongs to the role ${quoteIdent(table.owner)}`, `ALTER TABLE ${quoteTable(target)} OWNER TO ${quoteIdent(state.user)}; or push with --mode append or upsert`);
      if (table.dependents.length > 0) {
        throw new WorkbenchError({
          code: 'warehouse_dependents',
          message: `${describeTable(target)} cannot be replaced: ${table.dependents.join(', ')} depend${table.dependents.length === 1 ? 's' : ''} on it.`,
          where: problem.where,
          hint: 'Push with --mode upsert or append (they keep the table), or drop the dependent objects and recreate them after the push.',
        });
      }
      for (const grant of table.grants) {
        if (!GRANTABLE_PRIVILEGES.has(grant.privilege)) continue;
        finish.push(
          `GRANT ${grant.privilege} ON ${quoteTable(load)} TO ${grant.grantee === null ? 'PUBLIC' : quoteIdent(grant.grantee)}${grant.grantable ? ' WITH GRANT OPTION' : ''}`,
        );
      }
      if (table.owner !== state.user) finish.push(`ALTER TABLE ${quoteTable(load)} OWNER TO ${quoteIdent(table.owner)}`);
      finish.push(`DROP TABLE ${quoteTable(target)}`);
    }
    finish.push(`ALTER TABLE ${quoteTable(load)} RENAME TO ${quoteIdent(target.table)}`);
    return { prepare, copy: copyInto(load, sourceNames), finish, createsTable: !table };
  }

  const targetNames = matchColumns(source.columns, table.columns, problem);
  if (mode === 'append') {
    problem.unless(table.canInsert, `insert into ${describeTable(target)}`, `GRANT INSERT ON ${quoteTable(target)} TO ${quoteIdent(state.user)}`);
    return { prepare, copy: copyInto(target, targetNames), finish: [], createsTable: false };
  }
  problem.unless(
    table.canInsert && table.canUpdate && table.canSelect,
    `upsert into ${describeTable(target)} (it needs SELECT, INSERT and UPDATE)`,
    `GRANT SELECT, INSERT, UPDATE ON ${quoteTable(target)} TO ${quoteIdent(state.user)}`,
  );
  const keyTargetNames = key.map((column) => targetNames[sourceNames.indexOf(column)]);
  const keySet = [...keyTargetNames].sort().join('\u0000');
  if (!table.uniqueKeys.some((columns) => columns.join('\u0000') === keySet)) {
    const keyList = keyTargetNames.map(quoteIdent).join(', ');
    throw new WorkbenchError({
      code: 'warehouse_no_unique_key',
      message: `${describeTable(target)} has no unique index or primary key on (${keyList}), which an upsert needs to match rows.`,
      where: problem.where,
      hint: `Add one: CREATE UNIQUE INDEX ON ${quoteTable(target)} (${keyList}); or pass the --key its unique index has.`,
    });
  }
  const stage = { schema: 'pg_temp', table: loadTableName() };
  prepare.push(`${createTable(stage).replace('CREATE TABLE', 'CREATE TEMPORARY TABLE')} ON COMMIT DROP`);
  const updates = targetNames.filter((name) => !keyTargetNames.includes(name));
  const merge = `WITH merged AS (
      INSERT INTO ${quoteTable(target)} (${targetNames.map(quoteIdent).join(', ')})
      SELECT ${sourceNames.map(quoteIdent).join(', ')} FROM ${quoteTable(stage)}
      ON CONFLICT (${keyTargetNames.map(quoteIdent).join(', ')}) DO ${
        updates.length === 0 ? 'NOTHING' : `UPDATE SET ${updates.map((name) => `${quoteIdent(name)} = EXCLUDED.${quoteIdent(name)}`).join(', ')}`
      }
      RETURNING (xmax = 0) AS inserted)
    SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM merged`;
  return { prepare, copy: copyInto(stage, sourceNames), finish: [], merge, createsTable: false };
}

/**
 * The existing column each source column goes into (the same name, or the same name in another case when
 * that is unambiguous), refusing types that do not fit and required columns the source lacks.
 */
function matchColumns(sourceColumns: PushColumn[], targetColumns: WarehouseColumn[], problem: Problems): string[] {
  const names = sourceColumns.map((column) => {
    const exact = targetColumns.find((candidate) => candidate.name === column.name);
    const folded = targetColumns.filter((candidate) => candidate.name.toLowerCase() === column.name.toLowerCase());
    const match = exact ?? (folded.length === 1 ? folded[0] : undefined);
    if (!match) {
      throw new WorkbenchError({
        code: 'warehouse_column_mismatch',
        message: `The column "${column.name}" (${column.duckdbType}) is not in ${problem.target}.`,
        where: problem.where,
        hint: `Add it (ALTER TABLE ${problem.quotedTarget} ADD COLUMN ${quoteIdent(column.name)} ${column.postgresType}), leave it out of the query, or push with --mode replace to recreate the table.`,
      });
    }
    if (!fitsColumn(column, match)) {
      throw new WorkbenchError({
        code: 'warehouse_column_mismatch',
        message: `The column "${column.name}" is ${column.duckdbType} in the source (${column.postgresType} in Postgres), which does not fit the warehouse column "${match.name}" of type ${match.type} in ${problem.target}.`,
        where: `${problem.where}, column ${quoteIdent(match.name)}`,
        hint: `Cast the column in a query (--sql "select …, CAST(${quoteIdent(column.name)} AS …) …"), change the warehouse column (ALTER TABLE ${problem.quotedTarget} ALTER COLUMN ${quoteIdent(match.name)} TYPE ${column.postgresType}), or push with --mode replace.`,
      });
    }
    return match.name;
  });
  const required = targetColumns.find((column) => column.notNull && !column.hasDefault && !names.includes(column.name));
  if (required) {
    throw new WorkbenchError({
      code: 'warehouse_column_mismatch',
      message: `The warehouse column "${required.name}" of ${problem.target} needs a value (NOT NULL, no default), and the source has no such column.`,
      where: `${problem.where}, column ${quoteIdent(required.name)}`,
      hint: 'Add the column to the pushed query, or give it a default in the warehouse.',
    });
  }
  return names;
}

interface Problems {
  where: string;
  target: string;
  quotedTarget: string;
  /** Refuse with a missing-privilege error unless `allowed`. */
  unless(allowed: boolean, action: string, grant: string): void;
}

function problems(state: TargetState, { target, warehouse }: PlanInput): Problems {
  const where = `warehouse ${warehouse.name}, table ${describeTable(target)}`;
  return {
    where,
    target: `the warehouse table ${describeTable(target)}`,
    quotedTarget: quoteTable(target),
    unless(allowed, action, grant) {
      if (allowed) return;
      throw new WorkbenchError({
        code: 'warehouse_permission_denied',
        message: `The warehouse user "${state.user}" may not ${action}.`,
        where,
        hint: `Ask a warehouse admin to run: ${grant}. Nothing was sent.`,
      });
    },
  };
}

/** A name for the table rows load into, unique enough never to meet another push's. */
function loadTableName(): string {
  return `bizops_push_${randomBytes(6).toString('hex')}`;
}
