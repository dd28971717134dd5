import { DECIMAL, DuckDBBlobType, DuckDBIntegerType, DuckDBListType, DuckDBTimestampType, DuckDBVarCharType } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { fitsColumn, pushColumn, type PushColumn } from './types.ts';

const column = (postgresType: string): PushColumn => ({ name: 'c', duckdbType: '', postgresType, exportExpression: '"c"' });
const existing = (type: string, category = 'X') => ({ name: 'c', type, category, notNull: false, hasDefault: false });

describe('DuckDB to Postgres columns', () => {
  it('writes values as text Postgres reads back: bytea hex, JSON for nested values', () => {
    expect(pushColumn('amount', DECIMAL(18, 2))).toMatchObject({ postgresType: 'numeric(18,2)', exportExpression: '"amount"' });
    expect(pushColumn('file', DuckDBBlobType.instance)).toMatchObject({ postgresType: 'bytea', exportExpression: `'\\x' || hex("file")` });
    expect(pushColumn('tags', new DuckDBListType(DuckDBVarCharType.instance))).toMatchObject({ postgresType: 'jsonb', exportExpression: 'to_json("tags")' });
    expect(pushColumn('doc', DuckDBVarCharType.create('JSON'))).toMatchObject({ postgresType: 'jsonb', exportExpression: '"doc"' });
    expect(pushColumn('at', DuckDBTimestampType.instance).postgresType).toBe('timestamp without time zone');
    expect(pushColumn('n', DuckDBIntegerType.instance).postgresType).toBe('integer');
  });

  it('lets a value into an existing column only where it keeps its meaning', () => {
    const fits = (from: string, to: string, category?: string) => fitsColumn(column(from), existing(to, category));
    expect(fits('integer', 'bigint')).toBe(true);
    expect(fits('bigint', 'integer')).toBe(false);
    expect(fits('numeric(18,2)', 'numeric(20,4)')).toBe(true);
    expect(fits('numeric(18,2)', 'numeric(18,0)')).toBe(false);
    expect(fits('numeric(39,0)', 'numeric')).toBe(true);
    expect(fits('integer', 'double precision')).toBe(true);
    expect(fits('double precision', 'real')).toBe(false);
    expect(fits('date', 'timestamp with time zone')).toBe(true);
    expect(fits('timestamp without time zone', 'timestamp(3) with time zone')).toBe(true);
    expect(fits('timestamp with time zone', 'timestamp without time zone')).toBe(false);
    expect(fits('bigint', 'character varying(20)', 'S')).toBe(true);
    expect(fits('text', 'deal_stage', 'E')).toBe(true);
    expect(fits('text', 'uuid', 'U')).toBe(false);
    expect(fits('jsonb', 'json')).toBe(true);
  });
});
