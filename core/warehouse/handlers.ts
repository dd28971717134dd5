import { randomUUID } from 'node:crypto';
import type { HandlersOf } from '../api/method.ts';
import type { warehouseMethods } from '../api/warehouse.ts';
import type { WorkbenchContext } from '../context.ts';
import { sqlIdentifier } from '../../connectors/sql.ts';
import { WorkbenchError } from '../errors.ts';
import { connectWarehouse, resolveWarehouse } from './connection.ts';
import { pushToWarehouse } from './push.ts';
import { inspectTarget } from './target.ts';

const SCRATCH_SCHEMA = '_bizops_scratch';

/**
 * A kept result lives in a temporary table only its own connection sees: the rows as shown are copied to a scratch
 * table the push can read, dropped afterwards (and left over from a crash, dropped by the next push).
 */
async function withResultCopy<T>(
  context: WorkbenchContext,
  queryId: string,
  pushId: string,
  running: Set<string>,
  work: (table: string) => Promise<T>,
): Promise<T> {
  const scratchName = (id: string) => `push_${id.replaceAll('-', '_')}`;
  const table = `${SCRATCH_SCHEMA}.${scratchName(pushId)}`;
  await context.engine.withResultTable(queryId, async (result) => {
    await result.connection.run(`CREATE SCHEMA IF NOT EXISTS ${SCRATCH_SCHEMA}`);
    const stale = await result.connection.runAndReadAll(
      'SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = $1',
      [SCRATCH_SCHEMA],
    );
    const live = new Set([...running].map(scratchName));
    for (const [name] of stale.getRows()) {
      if (!live.has(String(name))) await result.connection.run(`DROP TABLE IF EXISTS ${SCRATCH_SCHEMA}.${sqlIdentifier(String(name))}`);
    }
    await result.connection.run(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM ${result.view.table}`);
  });
  try {
    return await work(table);
  } finally {
    await context.engine.withConnection((connection) => connection.run(`DROP TABLE IF EXISTS ${table}`));
  }
}

export function warehouseHandlers(context: WorkbenchContext): HandlersOf<typeof warehouseMethods> {
  const running = new Map<string, AbortController>();
  return {
    async pushToWarehouse({ pushId = randomUUID(), source, ...request }) {
      if (running.has(pushId)) {
        throw new WorkbenchError({
          code: 'conflict',
          message: `Push ${pushId} is still running.`,
          hint: 'Cancel it or wait for it to finish, or give the new push another id.',
        });
      }
      const controller = new AbortController();
      running.set(pushId, controller);
      const push = (from: { table: string } | { sql: string }) =>
        pushToWarehouse(context, { ...request, source: from }, {
          signal: controller.signal,
          onProgress: (progress) => context.events.emit({ type: 'push.progress', pushId, ...progress }),
        });
      try {
        if (!('queryId' in source)) return await push(source);
        if (!request.target) {
          throw new WorkbenchError({
            code: 'invalid_argument',
            message: 'A query result has no table name of its own: say which table to push it to.',
            hint: 'Give a target, e.g. reporting.pipeline_by_stage.',
          });
        }
        return await withResultCopy(context, source.queryId, pushId, new Set(running.keys()), (table) => push({ table }));
      } finally {
        running.delete(pushId);
      }
    },
    async cancelPush({ pushId }) {
      const controller = running.get(pushId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    async testWarehouse({ warehouse: name }) {
      const warehouse = await resolveWarehouse(context, name);
      const client = await connectWarehouse(warehouse);
      try {
        const { rows } = await client.query<{ version: string }>('SELECT version()');
        // No table has an empty name: this reads the schema and the user's privileges only.
        const state = await inspectTarget(client, { schema: warehouse.config.schema, table: '' });
        return {
          warehouse: name,
          serverVersion: rows[0].version,
          database: state.database,
          user: state.user,
          schema: warehouse.config.schema,
          schemaExists: state.schemaExists,
          canCreateTables: state.schemaExists ? state.canUseSchema && state.canCreateInSchema : state.canCreateSchema,
        };
      } finally {
        await client.end();
      }
    },
  };
}
