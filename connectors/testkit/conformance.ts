import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector, TableSpec } from '../types.ts';

/**
 * The conformance suite every connector passes: discover, full sync, incremental sync, deletes, bad credentials,
 * a source that fails midway, and cancel, each gated by what the connector declares. It drives the connector
 * through the real sync into a real DuckDB workspace; connectors import nothing from core, so the test that runs
 * the suite hands it a `SyncHarness` over core's `syncSource`.
 */
export interface ConformanceSubject {
  /** How the suite names it, e.g. `salesforce (Bulk API)`. */
  name: string;
  connector: Connector;
  /** Whether the source signs in: gates the bad-credentials test (`badCredentials` must then be given). */
  credentials: boolean;
  /** Starts the source's data (a fake server, a database, files) and describes the source to declare. */
  start(workspaceDir: string): Promise<ConformanceSource>;
}

export interface SourceSettings {
  /** The options written to bizops.yml (no secrets). */
  options: Record<string, unknown>;
  /** Secret options, by option name, as the keychain or environment would give them. */
  secrets: Record<string, string>;
  /** The source's `tables:` in bizops.yml, when it should not sync its default tables. */
  tables?: string[];
}

export interface ConformanceSource extends SourceSettings {
  /** The table the suite checks (its raw name), a column identifying rows, and a column whose values change. */
  table: string;
  keyColumn: string;
  valueColumn: string;
  /** The rows the source holds now: key → value, both as text. */
  expected(): Promise<Record<string, string>>;
  /** Changes one row's value and adds a row (needed when the connector is incremental). */
  change?(): Promise<void>;
  /** Deletes one row at the source (needed when the connector reports deletes). */
  remove?(): Promise<void>;
  /** Settings whose credentials the source refuses; absent for sources without credentials. */
  badCredentials?(): SourceSettings;
  /** Arranges for the next extract to fail after part of the data was read; the settings for that sync. */
  failMidway(): Promise<SourceSettings>;
  /** Undoes `failMidway`. */
  recover?(): Promise<void>;
  stop(): Promise<void>;
}

export interface SyncOutcome {
  status: 'success' | 'failed' | 'cancelled';
  tables: { name: string; rows: number; mode: 'snapshot' | 'changes' }[];
  error?: { code: string; message: string; where?: string; hint?: string };
}

export interface HarnessWorkspace {
  sync(options?: { fullRefresh?: boolean; cancelOnFirstProgress?: boolean }): Promise<SyncOutcome>;
  test(): Promise<{ ok: boolean; message: string }>;
  discover(): Promise<TableSpec[]>;
  /** `[key, value]` pairs of a raw table as text, sorted by key. */
  rows(table: string, keyColumn: string, valueColumn: string): Promise<[string, string][]>;
  /** The saved incremental state of a table, as JSON text. */
  state(table: string): Promise<string | undefined>;
  /** Declares the source again with other settings (same workspace, same data). */
  reconfigure(settings: SourceSettings): Promise<void>;
  close(): Promise<void>;
}

export interface SyncHarness {
  /** A new workspace whose bizops.yml declares the source as `src` of the connector's type. */
  open(connector: Connector, settingsFor: (workspaceDir: string) => Promise<ConformanceSource>): Promise<{ workspace: HarnessWorkspace; source: ConformanceSource }>;
}

export function conformanceSuite(subject: ConformanceSubject, harness: SyncHarness): void {
  describe(`${subject.name} passes the connector conformance suite`, () => {
    const { capabilities } = subject.connector;
    let workspace: HarnessWorkspace;
    let source: ConformanceSource;
    const landed = () => workspace.rows(source.table, source.keyColumn, source.valueColumn);
    const atSource = async () => Object.entries(await source.expected()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

    beforeAll(async () => {
      ({ workspace, source } = await harness.open(subject.connector, (dir) => subject.start(dir)));
    });

    afterAll(async () => {
      await workspace?.close();
      await source?.stop();
    });

    it('discovers the table with its columns', async () => {
      const tables = await workspace.discover();
      const table = tables.find((candidate) => candidate.name === source.table);
      expect(table, `discover() lists ${source.table}`).toBeDefined();
      const columns = table!.columns.map((column) => column.name);
      if (columns.length > 0) expect(columns).toEqual(expect.arrayContaining([source.keyColumn, source.valueColumn]));
      if (capabilities.deletes) expect(table!.primaryKey).toEqual([source.keyColumn]);
    });

    it('lands every row on a first sync, and again on a full refresh', async () => {
      const first = await workspace.sync();
      expect(first.error).toBeUndefined();
      expect(first.tables.find((table) => table.name === source.table)).toMatchObject({ mode: 'snapshot' });
      expect(await landed()).toEqual(await atSource());
      const full = await workspace.sync({ fullRefresh: true });
      expect(full.status).toBe('success');
      expect(await landed()).toEqual(await atSource());
    });

    it.runIf(capabilities.incremental)('merges changed and new rows on an incremental sync', async () => {
      const before = await workspace.state(source.table);
      expect(before, 'a successful sync saves incremental state').toBeDefined();
      await source.change!();
      const next = await workspace.sync();
      expect(next.error).toBeUndefined();
      expect(next.tables.find((table) => table.name === source.table)?.mode).toBe('changes');
      expect(await landed()).toEqual(await atSource());
    });

    it.runIf(capabilities.deletes)('removes rows deleted at the source', async () => {
      const before = await landed();
      await source.remove!();
      const next = await workspace.sync();
      expect(next.error).toBeUndefined();
      const after = await landed();
      expect(after).toEqual(await atSource());
      expect(after.length).toBe(before.length - 1);
    });

    it.runIf(subject.credentials)('reports bad credentials in words a person can act on, and changes nothing', async () => {
      const before = await landed();
      await workspace.reconfigure(source.badCredentials!());
      try {
        const tested = await workspace.test();
        expect(tested.ok).toBe(false);
        expect(tested.message.length).toBeGreaterThan(20);
        const failed = await workspace.sync();
        expect(failed.status).toBe('failed');
        expect(failed.error?.hint).toBeTruthy();
        expect(await landed()).toEqual(before);
      } finally {
        await workspace.reconfigure(source);
      }
      expect((await workspace.test()).ok).toBe(true);
    });

    it('keeps the previous data and state when the source fails midway', async () => {
      const before = await landed();
      const state = await workspace.state(source.table);
      await workspace.reconfigure(await source.failMidway());
      try {
        const failed = await workspace.sync();
        expect(failed.status).toBe('failed');
        expect(failed.error?.message).toBeTruthy();
        expect(await landed()).toEqual(before);
        expect(await workspace.state(source.table)).toEqual(state);
      } finally {
        await source.recover?.();
        await workspace.reconfigure(source);
      }
      expect((await workspace.sync()).status).toBe('success');
      expect(await landed()).toEqual(await atSource());
    });

    it('stops on cancel and keeps the previous data', async () => {
      const before = await landed();
      const cancelled = await workspace.sync({ cancelOnFirstProgress: true });
      expect(cancelled.status).toBe('cancelled');
      expect(await landed()).toEqual(before);
    });
  });
}
