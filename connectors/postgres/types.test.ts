import { describe, expect, it } from 'vitest';
import { duckdbTypeForPostgres } from './types.ts';

describe('Postgres types in DuckDB', () => {
  it('keeps numbers exact, times as times, JSON as JSON and the rest as text', () => {
    const cases: [string, string][] = [
      ['integer', 'INTEGER'], ['bigint', 'BIGINT'], ['smallint', 'SMALLINT'], ['numeric(12,2)', 'DECIMAL(12,2)'],
      ['numeric(10)', 'DECIMAL(10,0)'], ['numeric(60,10)', 'DOUBLE'], ['numeric', 'DOUBLE'], ['real', 'FLOAT'],
      ['double precision', 'DOUBLE'], ['boolean', 'BOOLEAN'], ['text', 'VARCHAR'], ['character varying(40)', 'VARCHAR'],
      ['character(3)', 'VARCHAR'], ['uuid', 'UUID'], ['date', 'DATE'], ['timestamp(3) without time zone', 'TIMESTAMP'],
      ['timestamp with time zone', 'TIMESTAMPTZ'], ['time without time zone', 'TIME'], ['jsonb', 'JSON'],
      ['integer[]', 'VARCHAR'], ['interval', 'VARCHAR'], ['bytea', 'VARCHAR'], ['mood', 'VARCHAR'],
    ];
    expect(cases.map(([postgres]) => [postgres, duckdbTypeForPostgres(postgres)])).toEqual(cases);
  });
});
