import { randomUUID } from 'node:crypto';
import type { HandlersOf } from '../api/method.ts';
import type { queryMethods } from '../api/query.ts';
import type { WorkbenchContext } from '../context.ts';
import { toErrorInfo } from '../errors.ts';
import { historyOf } from '../queries/history.ts';
import { partToRun, pointAtEditor } from './editorRun.ts';
import { resolveRefs } from './refs.ts';
import { readVocabulary } from './vocabulary.ts';

export function queryHandlers({ engine, events, workspace }: WorkbenchContext): HandlersOf<typeof queryMethods> {
  return {
    async runQuery({ sql, selection, cursor, history, ...arg }) {
      const queryId = arg.queryId ?? randomUUID();
      const ran = partToRun(sql, { selection, cursor });
      const part = sql.slice(ran.start, ran.end);
      const started = new Date();
      let toEditorOffset = (offset: number) => ran.start + offset;
      // Written after answering: a run never waits for its history line.
      const remember = (outcome: { rowCount?: number; error?: string }) => {
        if (!history) return;
        const elapsedMs = Date.now() - started.getTime();
        historyOf(workspace)
          .record({ at: started.toISOString(), sql: part.trim(), query: history.query, elapsedMs, ...outcome })
          .catch((error: unknown) => events.log('warn', `The query history could not be written: ${toErrorInfo(error).message}`));
      };
      try {
        const resolved = await resolveRefs(engine, part);
        toEditorOffset = (offset) => ran.start + resolved.toOriginalOffset(offset);
        const result = await engine.runQuery({
          sql: resolved.sql,
          queryId,
          pageSize: arg.pageSize,
          onProgress: (percent, elapsedMs) => events.emit({ type: 'query.progress', queryId, percent, elapsedMs }),
        });
        // Anything but a SELECT may have created, changed or dropped tables.
        if (result.statementType !== 'SELECT') events.emit({ type: 'catalog.changed' });
        remember({ rowCount: result.rowCount });
        return { ...result, ran };
      } catch (error) {
        remember({ error: toErrorInfo(error).message });
        throw pointAtEditor(error, sql, toEditorOffset);
      }
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
    async sqlVocabulary() {
      return engine.withConnection(readVocabulary);
    },
  };
}
