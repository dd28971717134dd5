import type { ErrorInfo } from './api/envelope.ts';

/**
 * An error meant for a person: what went wrong, where, and what to do.
 * Everything except code `internal` is a user error (CLI exit code 1).
 */
export class WorkbenchError extends Error implements ErrorInfo {
  readonly code: string;
  readonly where?: string;
  readonly hint?: string;
  readonly details?: Record<string, unknown>;

  constructor(info: ErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options);
    this.name = 'WorkbenchError';
    this.code = info.code;
    this.where = info.where;
    this.hint = info.hint;
    this.details = info.details;
  }

  get isInternal(): boolean {
    return this.code === 'internal';
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.where !== undefined) info.where = this.where;
    if (this.hint !== undefined) info.hint = this.hint;
    if (this.details !== undefined) info.details = this.details;
    return info;
  }
}

/** Any thrown value as ErrorInfo; unknown errors become `internal` with their message kept. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof WorkbenchError) return error.toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message, hint: 'This is a bug in BizOps Workbench; please report it with the steps that led here.' };
}

/** One readable block: the message, then `at` and `fix` lines when known. */
export function formatErrorInfo(info: ErrorInfo): string {
  const lines = [info.message];
  if (info.where) lines.push(`  at: ${info.where}`);
  if (info.hint) lines.push(`  fix: ${info.hint}`);
  return lines.join('\n');
}
