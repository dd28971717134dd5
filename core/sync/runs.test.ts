import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { ensureSyncTables, finishRun, recentRuns, startRun } from './runs.ts';

describe('the sync log', () => {
  it('records times in UTC whatever the time zone of the machine', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      // As on a laptop in New York: now()::TIMESTAMP would be five hours behind UTC.
      await connection.run("SET TimeZone = 'America/New_York'");
      await ensureSyncTables(connection);
      const before = Date.now();
      await startRun(connection, { runId: 'r1', source: 'crm', connector: 'files', fullRefresh: false });
      await finishRun(connection, 'r1', { status: 'success', tables: 1, rows: 2 });
      const [run] = await recentRuns(connection, 1);
      for (const at of [run.startedAt, run.finishedAt!]) {
        expect(at).toMatch(/Z$/);
        expect(Math.abs(Date.parse(at) - before)).toBeLessThan(60_000);
      }
    } finally {
      connection.disconnectSync();
      instance.closeSync();
    }
  });
});
