import { describe, expect, it } from 'vitest';
import { checkIdentifierLength, describeTable, parseTableName, quoteTable } from './names.ts';

describe('warehouse table names', () => {
  it('reads name and schema.name as written, with quoted parts for dots and quotes', () => {
    expect(parseTableName('orders', 'The table')).toEqual({ table: 'orders' });
    expect(parseTableName('Analytics.Orders', 'The table')).toEqual({ schema: 'Analytics', table: 'Orders' });
    expect(parseTableName('"my.schema"."say ""hi"""', 'The table')).toEqual({ schema: 'my.schema', table: 'say "hi"' });
  });

  it('refuses what is not a table name, saying why', () => {
    expect(() => parseTableName('a.b.c', 'The warehouse table')).toThrow('The warehouse table "a.b.c" is not a table name: it has more than two parts.');
    expect(() => parseTableName('a.', 'The table')).toThrow('a part of it is empty');
    expect(() => parseTableName('"open', 'The table')).toThrow('a double quote is not closed');
  });

  it('quotes for SQL and shows plain names plainly', () => {
    expect(quoteTable({ schema: 'Sales', table: 'a"b' })).toBe('"Sales"."a""b"');
    expect(describeTable({ schema: 'analytics', table: 'Top Accounts' })).toBe('analytics."Top Accounts"');
  });

  it('refuses names Postgres would cut short', () => {
    expect(() => checkIdentifierLength('x'.repeat(63), 'column name')).not.toThrow();
    expect(() => checkIdentifierLength('é'.repeat(32), 'column name')).toThrow('longer than Postgres allows (63 bytes)');
  });
});
