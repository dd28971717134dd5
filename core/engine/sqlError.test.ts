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

describe('error positions in text beyond ASCII', () => {
  it('turns DuckDB\'s byte offsets into editor offsets', () => {
    // DuckDB reports "nosuch" at byte 24: the four é take two bytes each.
    const sql = "select 'éééé' as a, nosuch";
    const error = sqlError(new Error('{"exception_type":"Binder","exception_message":"no","position":"24"}'), { sql });
    expect(error.details).toMatchObject({ position: sql.indexOf('nosuch'), line: 1, column: 21 });
    const emoji = "select 1;\nselect '😀' as a, nosuch";
    const second = sqlError(new Error('{"exception_type":"Binder","exception_message":"no","position":"20"}'), {
      sql: emoji,
      statementStart: 10,
    });
    expect(second.details).toMatchObject({ position: emoji.indexOf('nosuch') });
  });
});
