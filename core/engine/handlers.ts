import { randomUUID } from 'node:crypto';
import type { HandlersOf } from '../api/method.ts';
import type { queryMethods } from '../api/query.ts';
import type { WorkbenchContext } from '../context.ts';

export function queryHandlers({ engine, events }: WorkbenchContext): HandlersOf<typeof queryMethods> {
  return {
    async runQuery(arg) {
      const queryId = arg.queryId ?? randomUUID();
      const result = await engine.runQuery({
        ...arg,
        queryId,
        onProgress: (percent, elapsedMs) => events.emit({ type: 'query.progress', queryId, percent, elapsedMs }),
      });
      // Anything but a SELECT may have created, changed or dropped tables.
      if (result.statementType !== 'SELECT') events.emit({ type: 'catalog.changed' });
      return result;
    },
    async fetchPage({ queryId, offset, limit }) {
      return engine.fetchPage(queryId, offset, limit);
    },
    async cancelQuery({ queryId }) {
      return { cancelled: engine.cancelQuery(queryId) };
    },
    async closeQuery({ queryId }) {
      return { closed: await engine.closeQuery(queryId) };
    },
    async catalog() {
      return engine.catalog();
    },
  };
}
