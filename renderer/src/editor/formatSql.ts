import { format } from 'sql-formatter';

/**
 * DuckDB SQL laid out one clause per line, keywords in the case they were written. `{{ ref('…') }}`
 * templates and `$1`/`?` parameters pass through untouched.
 */
export function formatSql(sql: string): string {
  return format(sql, {
    language: 'duckdb',
    keywordCase: 'preserve',
    paramTypes: { positional: true, numbered: ['$'], custom: [{ regex: String.raw`\{\{[\s\S]*?\}\}` }] },
  });
}
