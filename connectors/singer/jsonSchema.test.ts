import { describe, expect, it } from 'vitest';
import { columnsForSchema, duckdbTypeForSchema } from './jsonSchema.ts';

describe('JSON Schema to DuckDB types', () => {
  it('maps the types Singer taps declare, nullable or not', () => {
    expect(columnsForSchema({
      properties: {
        id: { type: 'integer' },
        name: { type: ['null', 'string'] },
        updated_at: { type: ['null', 'string'], format: 'date-time' },
        born: { type: 'string', format: 'date' },
        opens: { type: 'string', format: 'time' },
        score: { type: ['number', 'null'] },
        price: { type: 'number', multipleOf: 0.01 },
        active: { type: ['boolean', 'null'] },
        address: { type: 'object', properties: { city: { type: 'string' } } },
        tags: { type: 'array', items: { type: 'string' } },
        mixed: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        maybe_date: { anyOf: [{ type: 'null' }, { type: 'string', format: 'date' }] },
        untyped: {},
      },
    })).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'name', type: 'VARCHAR' },
      { name: 'updated_at', type: 'TIMESTAMPTZ' },
      { name: 'born', type: 'DATE' },
      { name: 'opens', type: 'TIME' },
      { name: 'score', type: 'DOUBLE' },
      { name: 'price', type: 'DECIMAL(18,2)' },
      { name: 'active', type: 'BOOLEAN' },
      { name: 'address', type: 'JSON' },
      { name: 'tags', type: 'JSON' },
      { name: 'mixed', type: 'JSON' },
      { name: 'maybe_date', type: 'DATE' },
      { name: 'untyped', type: 'JSON' },
    ]);
  });

  it('widens integer-or-number to DOUBLE and keeps a fine multipleOf exact', () => {
    expect(duckdbTypeForSchema({ type: ['integer', 'number', 'null'] })).toBe('DOUBLE');
    expect(duckdbTypeForSchema({ type: 'number', multipleOf: 0.0001 })).toBe('DECIMAL(20,4)');
    expect(duckdbTypeForSchema({ type: 'number', multipleOf: 0.3 })).toBe('DOUBLE');
  });
});
