import { describe, expect, it } from 'vitest';
import { lineAndColumn, parseDuckDBError, sqlError } from './sqlError.ts';

describe('DuckDB errors', () => {
  it('reads JSON errors, with or without a prefix, and plain ones', () => {
    expect(
      parseDuckDBError(new Error('{"exception_type":"Binder","exception_message":"no column x","position":"7"}')),
    ).toEqual({ type: 'Binder', message: 'no column x', position: 7 });
    expect(
      parseDuckDBError(new Error('Parser Error: {"exception_type":"Parser","exception_message":"syntax error","position":"0"}')),
    ).toEqual({ type: 'Parser', message: 'syntax error', position: 0 });
    expect(parseDuckDBError(new Error('Catalog Error: Table with name x does not exist!'))).toEqual({
      type: 'Catalog',
      message: 'Table with name x does not exist!',
    });
  });

  it('points at line and column of the whole SQL, undoing a wrapper', () => {
    const sql = 'select 1;\nselect\n  nosuch';
    const error = sqlError(new Error('{"exception_type":"Binder","exception_message":"no","position":"60"}'), {
      sql,
      statementStart: 10,
      wrapperLength: 51,
    });
    expect(error).toMatchObject({ code: 'sql_error', where: 'query, line 3, column 3', details: { position: 19, line: 3, column: 3 } });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('turns an interrupt into a cancellation', () => {
    expect(sqlError(new Error('INTERRUPT Error: Interrupted!'), { sql: 'x' }).code).toBe('cancelled');
  });
});
