import { WorkbenchError } from '../errors.ts';
import { connectionError, type Warehouse } from './connection.ts';
import { describeTable, type TableName } from './names.ts';
import type { PushSource } from './source.ts';

interface PushErrorContext {
  warehouse: Warehouse;
  target?: TableName;
  source?: PushSource;
}

interface PostgresError {
  code?: string;
  message: string;
  detail?: string;
  hint?: string;
  where?: string;
  column?: string;
}

const UNCHANGED = 'The warehouse was left as it was.';

/** A failure during a push as an error a person can act on; WorkbenchErrors pass through unchanged. */
export function warehouseError(error: unknown, { warehouse, target, source }: PushErrorContext): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  const pgError = error as PostgresError;
  const code = pgError.code ?? '';
  // Five-character SQLSTATEs come from the server; anything else is the connection itself.
  if (!/^[0-9A-Z]{5}$/.test(code)) {
    if (!(error instanceof Error) || /connection|terminated|ECONN|EPIPE|timeout/i.test(`${code} ${error.message}`)) {
      const lost = connectionError(warehouse, error);
      return new WorkbenchError(
        { code: lost.code, message: `${lost.message} ${UNCHANGED}`, where: lost.where, hint: lost.hint },
        { cause: error },
      );
    }
    return new WorkbenchError({ code: 'internal', message: error.message }, { cause: error });
  }
  const where = `warehouse ${warehouse.name}${target ? `, table ${describeTable(target)}` : ''}`;
  const serverHint = pgError.hint ? ` The server adds: ${pgError.hint}` : '';
  const detail = pgError.detail ? ` (${pgError.detail})` : '';
  const make = (info: { code: string; message: string; where?: string; hint: string }) =>
    new WorkbenchError({ where, ...info }, { cause: error });
  if (code === '42501') {
    return make({
      code: 'warehouse_permission_denied',
      message: `The warehouse refused the push: ${pgError.message}.`,
      hint: `Ask a warehouse admin for the privilege named above.${serverHint} ${UNCHANGED}`,
    });
  }
  if (code.startsWith('22') || code.startsWith('23')) {
    const row = /line (\d+)(?:, column ([^:]+)(?:: "([\s\S]*)")?)?/.exec(pgError.where ?? '');
    const column = row?.[2] ?? pgError.column;
    const value = row?.[3] === undefined ? '' : ` (the value "${row[3].length > 80 ? `${row[3].slice(0, 80)}…` : row[3]}")`;
    return make({
      code: 'warehouse_rejected_rows',
      message: `The warehouse rejected a row${source ? ` of ${source.label}` : ''}: ${pgError.message}${value}${detail}.`,
      where: [where, row ? `row ${row[1]} of the rows sent` : undefined, column ? `column "${column}"` : undefined].filter(Boolean).join(', '),
      hint: `Fix or cast the value in the source, or change the warehouse column's type.${serverHint} ${UNCHANGED}`,
    });
  }
  if (code === '57014') {
    return make({
      code: 'warehouse_cancelled',
      message: `The warehouse cancelled the push: ${pgError.message}.`,
      hint: `A statement_timeout or an admin stopped it; push again, or ask for a longer statement_timeout for this user. ${UNCHANGED}`,
    });
  }
  if (code === '40P01' || code === '55P03' || code === '40001') {
    return make({
      code: 'warehouse_busy',
      message: `The warehouse could not lock the table for the push: ${pgError.message}.`,
      hint: `Another session was using the table; push again. ${UNCHANGED}`,
    });
  }
  if (code === '53100' || code === '53200') {
    return make({
      code: 'warehouse_full',
      message: `The warehouse ran out of room during the push: ${pgError.message}.`,
      hint: `Ask a warehouse admin to free disk space or memory. ${UNCHANGED}`,
    });
  }
  return make({
    code: 'warehouse_error',
    message: `The warehouse refused the push: ${pgError.message}${detail}.`,
    hint: `${pgError.hint ? `${pgError.hint} ` : ''}${UNCHANGED}`,
  });
}
