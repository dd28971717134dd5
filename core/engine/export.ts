import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DOWNLOADS_PATH } from '../api/httpTransport.ts';
import type { ExportedResult, ExportFormat } from '../api/results.ts';
import { WorkbenchError } from '../errors.ts';
import type { ResultTable } from './engine.ts';
import { parseDuckDBError } from './sqlError.ts';

const COPY_OPTIONS: Record<ExportFormat, string> = {
  csv: 'FORMAT csv, HEADER true',
  parquet: 'FORMAT parquet, COMPRESSION zstd',
  json: 'FORMAT json, ARRAY true',
};

/** Exports are for downloading now; older ones are removed when the next export is written. */
const KEEP_EXPORTS_MS = 60 * 60 * 1000;

/** Where a workspace's exports are written: local state, never committed. */
export function exportsDir(stateDir: string): string {
  return join(stateDir, 'exports');
}

/**
 * Write the whole result as shown (refined or not) with DuckDB's COPY into `<exportsDir>/<id>/<name>.<ext>`,
 * through a temporary name so that a failed export leaves no half file.
 */
export async function exportResult(
  result: ResultTable,
  options: { exportsDir: string; format: ExportFormat; name: string },
): Promise<ExportedResult> {
  await pruneExports(options.exportsDir);
  const id = randomBytes(9).toString('base64url');
  const dir = join(options.exportsDir, id);
  await mkdir(dir, { recursive: true });
  const fileName = `${options.name}.${options.format}`;
  const path = join(dir, fileName);
  const partial = `${path}.partial`;
  try {
    await result.connection.run(`COPY (SELECT * FROM ${result.view.table}) TO $1 (${COPY_OPTIONS[options.format]})`, [partial]);
    await rename(partial, path);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new WorkbenchError(
      {
        code: 'export_failed',
        message: `The result could not be written as ${options.format.toUpperCase()}: ${parseDuckDBError(error).message}`,
        where: path,
        hint: 'Check that the disk has room and that the workspace\'s .bizops/ folder is writable.',
      },
      { cause: error },
    );
  }
  return {
    fileName,
    path,
    downloadPath: `${DOWNLOADS_PATH}${id}/${encodeURIComponent(fileName)}`,
    rowCount: result.view.rowCount,
    bytes: (await stat(path)).size,
  };
}

async function pruneExports(exportsDir: string): Promise<void> {
  const entries = await readdir(exportsDir).catch(() => []);
  const cutoff = Date.now() - KEEP_EXPORTS_MS;
  for (const entry of entries) {
    const dir = join(exportsDir, entry);
    const info = await stat(dir).catch(() => undefined);
    if (info && info.mtimeMs < cutoff) await rm(dir, { recursive: true, force: true });
  }
}
