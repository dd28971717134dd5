import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WorkbenchEvent } from '../api/events.ts';

const KEEP_BYTES = 5 * 1024 * 1024;

/**
 * The app's log file (Help › Open Log File): one line per thing worth knowing afterwards, the previous file kept
 * as `<name>.1` once it grows past 5 MB. API arguments are never logged, so neither are secrets.
 */
export class LogFile {
  constructor(
    readonly file: string,
    private readonly keepBytes = KEEP_BYTES,
  ) {}

  write(level: 'info' | 'warn' | 'error', message: string, at = new Date()): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      if (existsSync(this.file) && statSync(this.file).size > this.keepBytes) renameSync(this.file, `${this.file}.1`);
      appendFileSync(this.file, `${at.toISOString()} ${level.toUpperCase().padEnd(5)} ${message.replace(/\n/g, '\n    ')}\n`);
    } catch {
      // A log that cannot be written (a full disk) must not stop the app.
    }
  }

  /** The events that belong in the log: messages, finished syncs and builds, scheduled refreshes, opened workspaces. */
  record(event: WorkbenchEvent): void {
    const line = logLine(event);
    if (line) this.write(line.level, line.message);
  }
}

function logLine(event: WorkbenchEvent): { level: 'info' | 'warn' | 'error'; message: string } | undefined {
  switch (event.type) {
    case 'log':
      return { level: event.level, message: event.message };
    case 'workspace.opened':
      return { level: 'info', message: `Opened workspace "${event.name}" (${event.root})` };
    case 'sync.finished':
      return {
        level: event.status === 'failed' ? 'error' : 'info',
        message: `Sync of ${event.source} ${event.status}: ${event.tables} tables, ${event.rows} rows${event.error ? ` — ${event.error.message}` : ''}`,
      };
    case 'build.finished':
      return {
        level: event.status === 'failed' ? 'error' : 'info',
        message: `Model build ${event.status}: ${event.models} models${event.error ? ` — ${event.error.message}` : ''}`,
      };
    default:
      return undefined;
  }
}
