import { randomUUID } from 'node:crypto';
import type { HandlersOf } from '../api/method.ts';
import type { warehouseMethods } from '../api/warehouse.ts';
import type { WorkbenchContext } from '../context.ts';
import { WorkbenchError } from '../errors.ts';
import { connectWarehouse, resolveWarehouse } from './connection.ts';
import { pushToWarehouse } from './push.ts';
import { inspectTarget } from './target.ts';

export function warehouseHandlers(context: WorkbenchContext): HandlersOf<typeof warehouseMethods> {
  const running = new Map<string, AbortController>();
  return {
    async pushToWarehouse({ pushId = randomUUID(), ...request }) {
      if (running.has(pushId)) {
        throw new WorkbenchError({
          code: 'conflict',
          message: `Push ${pushId} is still running.`,
          hint: 'Cancel it or wait for it to finish, or give the new push another id.',
        });
      }
      const controller = new AbortController();
      running.set(pushId, controller);
      try {
        return await pushToWarehouse(context, request, {
          signal: controller.signal,
          onProgress: (progress) => context.events.emit({ type: 'push.progress', pushId, ...progress }),
        });
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
