import { describe, expect, it } from 'vitest';
import { splitStatements, statementAt } from './statements.ts';

describe('splitStatements', () => {
  it('splits at top-level semicolons and keeps offsets into the original text', () => {
    const sql = 'select 1;\n  select 2 ;select 3';
    expect(splitStatements(sql)).toEqual([
      { text: 'select 1', start: 0 },
      { text: 'select 2', start: 12 },
      { text: 'select 3', start: 22 },
    ]);
  });

  it('ignores semicolons inside strings, identifiers, dollar quotes and comments', () => {
    const sql = [
      "select 'a;b', 'it''s; fine', E'back\\';slash' as \"odd;name\";",
      'select $$ ; $$, $tag$ ; $tag$ -- a ; comment',
      ';/* block ; /* nested ; */ still ; */ select 3',
    ].join('\n');
    const texts = splitStatements(sql).map((s) => s.text);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toBe("select 'a;b', 'it''s; fine', E'back\\';slash' as \"odd;name\"");
    expect(texts[1]).toBe('select $$ ; $$, $tag$ ; $tag$ -- a ; comment');
    expect(texts[2]).toBe('/* block ; /* nested ; */ still ; */ select 3');
  });

  it('drops empty statements and comment-only text, but keeps positional parameters', () => {
    expect(splitStatements(';; -- nothing\n/* here */ ;')).toEqual([]);
    expect(splitStatements('select $1, $2').map((s) => s.text)).toEqual(['select $1, $2']);
  });

  it('finds the statement under a cursor', () => {
    const sql = 'select 1;\nselect 2;\nselect 3';
    expect(statementAt(sql, 0)?.text).toBe('select 1');
    expect(statementAt(sql, 14)?.text).toBe('select 2');
    expect(statementAt(sql, sql.length)?.text).toBe('select 3');
  });
});
