import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, constants, createReadStream, openSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlError } from '../engine/sqlError.ts';

/**
 * How DuckDB hands CSV to the push: through a named pipe, streaming while DuckDB writes (no disk, and
 * DuckDB waits whenever Postgres is slower); or, where named pipes do not exist (Windows), through a
 * temporary file written first and then read.
 */
export type CsvSpool = 'pipe' | 'file';

export const DEFAULT_SPOOL: CsvSpool = process.platform === 'win32' ? 'file' : 'pipe';

/** DuckDB writing the rows of a SELECT as CSV (no header, NULL as an empty field, "" for an empty string). */
export interface CsvExport {
  /** The CSV bytes. Read it (pipe it on); never destroy it: `close()` does, once DuckDB is done. */
  readonly data: Readable;
  /** Settles when DuckDB has written every row, or rejects with why it could not. */
  readonly written: Promise<void>;
  /** Interrupt DuckDB and discard whatever it still writes. */
  cancel(): void;
  /** Wait for DuckDB to stop, then release the pipe or file. */
  close(): Promise<void>;
}

const execFileAsync = promisify(execFile);

export async function exportCsv(
  connection: DuckDBConnection,
  select: string,
  tempDir: string,
  spool: CsvSpool = DEFAULT_SPOOL,
): Promise<CsvExport> {
  const path = join(tempDir, `push-${randomUUID()}.csv`);
  // The session's time zone decides how TIMESTAMPTZ is printed; UTC keeps the text unambiguous.
  await connection.run("SET SESSION TimeZone = 'UTC'");
  // Keeping row order makes DuckDB hold finished rows in memory whenever Postgres is slower than it; a
  // Postgres table has no order to keep anyway.
  await connection.run('SET SESSION preserve_insertion_order = false');
  const copy = () =>
    connection.run(`COPY (${select}) TO ${stringLiteral(path)} (FORMAT csv, HEADER false)`).then(
      () => undefined,
      (error: unknown) => {
        throw sqlError(error, { sql: select, origin: 'push export' });
      },
    );
  const removeSpool = () => rm(path, { force: true });
  if (spool === 'file') {
    try {
      await copy();
    } catch (error) {
      await removeSpool();
      throw error;
    }
    const data = createReadStream(path, { highWaterMark: 1 << 20 });
    return {
      data,
      written: Promise.resolve(),
      cancel: () => data.pause(),
      async close() {
        data.destroy();
        await removeSpool();
      },
    };
  }
  await execFileAsync('mkfifo', ['-m', '600', path]);
  let reader: number | undefined;
  let keeper: number | undefined;
  try {
    // Both ends open without blocking. Holding a writer of our own means the reader sees end-of-file only when
    // we close it after DuckDB's COPY has settled: a failed COPY is never mistaken for a complete one.
    reader = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    keeper = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (reader !== undefined) closeSync(reader);
    await removeSpool();
    throw error;
  }
  const keeperFd = keeper;
  const data = new Socket({ fd: reader, readable: true, writable: false });
  let discarding = false;
  const discard = () => {
    if (discarding) return;
    discarding = true;
    // DuckDB blocks while the pipe is full and only notices an interrupt between writes: keep draining.
    data.unpipe();
    data.on('data', () => undefined);
    data.resume();
  };
  const written = copy().then(
    () => closeSync(keeperFd),
    (error: unknown) => {
      data.destroy(error instanceof Error ? error : new Error(String(error)));
      closeSync(keeperFd);
      throw error;
    },
  );
  const settled = written.catch(() => undefined);
  const cancel = () => {
    connection.interrupt();
    discard();
  };
  return {
    data,
    written,
    cancel,
    async close() {
      // The reader stays open until DuckDB is done: a writer opening a pipe with no reader would wait forever.
      if (!data.readableEnded) cancel();
      await settled;
      data.destroy();
      await removeSpool();
    },
  };
}

function stringLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
