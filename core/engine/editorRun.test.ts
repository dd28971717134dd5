import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../errors.ts';
import { partToRun, pointAtEditor } from './editorRun.ts';

describe('the part of the editor a run covers', () => {
  const text = 'select 1;\n  select 2 ;\nselect 3';

  it('is the selection, the statement under the cursor, or everything', () => {
    expect(partToRun(text, { selection: { start: 12, end: 20 } })).toEqual({ start: 12, end: 20 });
    expect(partToRun(text, { cursor: 14 })).toEqual({ start: 12, end: 20 });
    expect(partToRun(text, {})).toEqual({ start: 0, end: text.length });
  });

  it('refuses a selection of nothing but blanks', () => {
    expect(() => partToRun(text, { selection: { start: 9, end: 12 } })).toThrow('The selection has no SQL in it.');
  });

  it('points an error inside the part at the editor\'s own line and column', () => {
    const error = new WorkbenchError({ code: 'sql_error', message: 'Binder Error: x', where: 'query, line 1, column 8', details: { position: 7 } });
    expect(pointAtEditor(error, text, (offset) => 12 + offset)).toMatchObject({
      message: 'Binder Error: x',
      where: 'query, line 2, column 10',
      details: { position: 19, line: 2, column: 10 },
    });
    const other = new Error('boom');
    expect(pointAtEditor(other, text, (offset) => offset)).toBe(other);
  });
});
