import { describe, expect, it } from 'vitest';
import { formatSql } from './formatSql.ts';

describe('formatSql', () => {
  it('lays out DuckDB SQL clause by clause and keeps refs, casts and parameters', () => {
    expect(formatSql("select segment, sum(amount)::decimal(18,2) as arr from {{ ref('accounts') }} where x->>'k' = $1 group by all"))
      .toBe(
        [
          'select',
          '  segment,',
          '  sum(amount)::decimal(18, 2) as arr',
          'from',
          "  {{ ref('accounts') }}",
          'where',
          "  x ->> 'k' = $1",
          'group by all',
        ].join('\n'),
      );
  });
});
