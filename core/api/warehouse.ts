import { z } from 'zod';
import { method } from './method.ts';
import { queryIdSchema } from './query.ts';

export const PUSH_MODES = ['replace', 'append', 'upsert'] as const;
/**
 * `replace`: the table becomes exactly the pushed rows (loaded into a new table, swapped in atomically);
 * `append`: rows are added; `upsert`: rows are merged on the key, updating those whose key exists.
 */
export type PushMode = (typeof PUSH_MODES)[number];

/** `checking` source and warehouse, `sending` rows, `finishing` (swap or merge, then commit). */
export type PushPhase = 'checking' | 'sending' | 'finishing';

/** Carried by `push.progress` events, several times a second while rows are sent. */
export interface PushProgress {
  phase: PushPhase;
  rowsSent: number;
  /** Rows in the source when known up front (tables), else null. */
  totalRows: number | null;
  rowsPerSecond: number;
  elapsedMs: number;
}

export interface PushResult {
  warehouse: string;
  target: { schema: string; table: string };
  mode: PushMode;
  /** Rows sent; for upsert, split into inserted and updated. */
  rows: number;
  inserted: number;
  updated: number;
  /** Whether the warehouse table did not exist before. */
  createdTable: boolean;
  elapsedMs: number;
  rowsPerSecond: number;
}

export interface WarehouseCheck {
  warehouse: string;
  /** e.g. `PostgreSQL 16.4 on x86_64-pc-linux-gnu, …` */
  serverVersion: string;
  database: string;
  user: string;
  schema: string;
  schemaExists: boolean;
  /** Whether the user may create tables there (or the schema itself, when it does not exist yet). */
  canCreateTables: boolean;
}

export const pushIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a push id is 1 to 64 letters, digits, "-" or "_"');

const warehouseName = z.string().min(1, 'name the warehouse (a key under warehouses: in bizops.yml)');

export const warehouseMethods = {
  pushToWarehouse: method<PushResult>()(
    'Push a workspace table or view, or the rows of one SELECT, to a warehouse of bizops.yml; progress comes as push.progress events.',
    z
      .object({
        /** Choose it to be able to cancel the push and to match its events; made up when absent. */
        pushId: pushIdSchema.optional(),
        warehouse: warehouseName,
        source: z.union([
          z.object({ table: z.string().trim().min(1, 'name the table to push') }).strict(),
          z.object({ sql: z.string().trim().min(1, 'the SQL is empty') }).strict(),
          /** A result kept by runQuery, as the grid shows it (sorted and filtered); needs a `target`. */
          z.object({ queryId: queryIdSchema }).strict(),
        ]),
        /** `table` or `schema.table` in the warehouse; defaults to the source table's name in the warehouse's schema. */
        target: z.string().trim().min(1).optional(),
        mode: z.enum(PUSH_MODES).default('replace'),
        key: z.array(z.string().min(1)).optional(),
      })
      .strict(),
  ),
  cancelPush: method<{ cancelled: boolean }>()(
    'Stop a running push; the warehouse is left as it was.',
    z.object({ pushId: pushIdSchema }).strict(),
  ),
  testWarehouse: method<WarehouseCheck>()(
    'Connect to a warehouse of bizops.yml and report the server and what its user may do in its schema.',
    z.object({ warehouse: warehouseName }).strict(),
  ),
};
