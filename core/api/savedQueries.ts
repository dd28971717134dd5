import { z } from 'zod';
import { method } from './method.ts';
import { queryNameSchema } from './query.ts';

export interface SavedQuery {
  /** The name shown on its tab; the file is `queries/<name>.sql`. */
  name: string;
  /** Relative to the workspace, e.g. `queries/revenue by month.sql`. */
  file: string;
  /** Last change, as an ISO timestamp. */
  modifiedAt: string;
}

export interface SavedQueryText extends SavedQuery {
  sql: string;
}

export interface HistoryEntry {
  /** When the run started, as an ISO timestamp. */
  at: string;
  /** The SQL that ran (the selection or statement, not the whole editor). */
  sql: string;
  /** The saved query it was run from, if any. */
  query?: string;
  elapsedMs: number;
  rowCount?: number;
  /** The error message, when it failed. */
  error?: string;
}

const MAX_SQL_LENGTH = 5_000_000;

/** The workspace's `queries/*.sql` files (committed) and its query history (local, in `.bizops/`). */
export const savedQueryMethods = {
  listQueries: method<{ queries: SavedQuery[] }>()('Saved queries in the workspace\'s queries/ folder.', z.object({}).strict()),
  openQuery: method<SavedQueryText>()('Read a saved query.', z.object({ name: queryNameSchema }).strict()),
  createQuery: method<SavedQueryText>()(
    'Create a saved query; its name is made unique ("Untitled 2") when taken.',
    z.object({ name: queryNameSchema.default('Untitled'), sql: z.string().max(MAX_SQL_LENGTH).default('') }).strict(),
  ),
  saveQuery: method<SavedQuery>()(
    'Write a saved query\'s SQL to its file.',
    z.object({ name: queryNameSchema, sql: z.string().max(MAX_SQL_LENGTH) }).strict(),
  ),
  renameQuery: method<SavedQuery>()(
    'Rename a saved query (and its file); an existing name is never overwritten.',
    z.object({ name: queryNameSchema, to: queryNameSchema }).strict(),
  ),
  deleteQuery: method<{ deleted: boolean }>()('Delete a saved query\'s file.', z.object({ name: queryNameSchema }).strict()),
  queryHistory: method<{ entries: HistoryEntry[] }>()(
    'Past runs from the editor, newest first, optionally only those whose SQL contains `search`.',
    z.object({ search: z.string().max(1000).default(''), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
  ),
};
