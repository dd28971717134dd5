import type { HandlersOf } from '../api/method.ts';
import type { savedQueryMethods } from '../api/savedQueries.ts';
import type { WorkbenchContext } from '../context.ts';
import { historyOf } from './history.ts';
import { SavedQueries } from './savedQueries.ts';

export function savedQueryHandlers({ workspace }: WorkbenchContext): HandlersOf<typeof savedQueryMethods> {
  const queries = new SavedQueries(workspace.root);
  return {
    async listQueries() {
      return { queries: await queries.list() };
    },
    async openQuery({ name }) {
      return queries.open(name);
    },
    async createQuery({ name, sql }) {
      return queries.create(name, sql);
    },
    async saveQuery({ name, sql }) {
      return queries.save(name, sql);
    },
    async renameQuery({ name, to }) {
      return queries.rename(name, to);
    },
    async deleteQuery({ name }) {
      return { deleted: await queries.delete(name) };
    },
    async queryHistory({ search, limit }) {
      return { entries: await historyOf(workspace).search(search, limit) };
    },
  };
}
