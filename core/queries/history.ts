import { appendFile, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryEntry } from '../api/savedQueries.ts';
import { writeFileAtomic, type Workspace } from '../workspace/workspace.ts';

/** Beyond this size the file is cut back to its newest entries, half as large. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Longer SQL is kept cut: history is for finding a query again, not an archive of generated SQL. */
const MAX_SQL_CHARS = 100_000;

/** Runs from the editor, one JSON line each, in the workspace's local `.bizops/` (never committed). */
export class QueryHistory {
  private writes: Promise<unknown> = Promise.resolve();
  /** Whether the file is known to end with a whole line (a crash mid-write may have torn the last one). */
  private lineStart = false;

  constructor(private readonly file: string) {}

  record(entry: HistoryEntry): Promise<void> {
    const line = `${JSON.stringify({ ...entry, sql: entry.sql.slice(0, MAX_SQL_CHARS) })}\n`;
    const done = this.writes.then(async () => {
      if (!this.lineStart) this.lineStart = await endsWithNewline(this.file);
      await appendFile(this.file, this.lineStart ? line : `\n${line}`);
      this.lineStart = true;
      if ((await stat(this.file)).size > MAX_FILE_BYTES) await this.cut(MAX_FILE_BYTES / 2);
    });
    this.writes = done.catch(() => undefined);
    return done;
  }

  /** Newest first; `search` matches the SQL or the saved query's name, ignoring case. */
  async search(search: string, limit: number): Promise<HistoryEntry[]> {
    await this.writes;
    const needle = search.trim().toLowerCase();
    const found: HistoryEntry[] = [];
    const entries = await this.readAll();
    for (let i = entries.length - 1; i >= 0 && found.length < limit; i--) {
      const entry = entries[i];
      if (!needle || entry.sql.toLowerCase().includes(needle) || entry.query?.toLowerCase().includes(needle)) found.push(entry);
    }
    return found;
  }

  private async cut(bytes: number): Promise<void> {
    const lines = (await this.readAll()).map((item) => `${JSON.stringify(item)}\n`);
    let start = lines.length;
    for (let size = 0; start > 0 && size + lines[start - 1].length <= bytes; start--) size += lines[start - 1].length;
    await writeFileAtomic(this.file, lines.slice(start).join(''));
  }

  private async readAll(): Promise<HistoryEntry[]> {
    const text = await readFile(this.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const entries: HistoryEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        entries.push(JSON.parse(line) as HistoryEntry);
      } catch {
        // A line cut short by a crash mid-write: the rest of the history still reads.
      }
    }
    return entries;
  }
}

async function endsWithNewline(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return true;
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

const histories = new WeakMap<Workspace, QueryHistory>();

/** The one history of an open workspace, shared by whoever records and reads it. */
export function historyOf(workspace: Workspace): QueryHistory {
  let history = histories.get(workspace);
  if (!history) {
    history = new QueryHistory(join(workspace.stateDir, 'history.jsonl'));
    histories.set(workspace, history);
  }
  return history;
}
